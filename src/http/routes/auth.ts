import { z } from 'zod';
import { capabilitiesOf, isRole } from '../../domain/access/roles';
import { listWorkspacesOfUser } from '../../db/queries/memberships';
import { findPasswordHash } from '../../db/queries/users';
import { createPasswordHashGate } from '../../security/password-hash-gate';
import { createSignInLimiter } from '../../security/sign-in-limits';
import { recordSignOut } from '../../use-cases/accounts/record-sign-in';
import { signIn } from '../../use-cases/accounts/sign-in';
import type { RegisterRoutes } from '../app-context';
import { consoleWorkspaceSlug } from '../console-paths';
import { HttpError, unauthorized } from '../errors';
import { SESSION_COOKIE, startSession } from '../plugins/session-store';
import { meSchema, userSchema } from '../schemas/auth';
import { errorResponses, inputText } from '../schemas/common';

export const registerAuthRoutes: RegisterRoutes = (app, { db, config }) => {
  // The one sign-in limiter and the hash gate (docs/SECURITY.md, "Sign-in"): shared by every sign-in of this
  // process; the limiter's counters are shared with every other process through PostgreSQL.
  const limiter = createSignInLimiter(
    { perAddressAndEmail: config.loginRateLimit, perAddress: config.loginRateLimitPerAddress, failuresPerAccount: config.loginFailuresPerAccount },
    config.databaseUrl,
    (error) => app.log.error({ err: error }, 'sign-in limiter: a failed sign-in could not be counted (the per-account limit is not counting)'),
  );
  const guards = { limiter, hashGate: createPasswordHashGate(config.passwordHashing) };
  app.addHook('onClose', async () => limiter.close());

  app.post('/api/auth/login', {
    config: { access: { scope: 'public' } },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with email and password',
      body: z.object({ email: inputText().trim().min(1, 'is required').max(320), password: inputText().min(1, 'is required').max(1024) }),
      response: { 200: z.object({ user: userSchema }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const result = await signIn(db, guards, { email: request.body.email, password: request.body.password, address: request.ip });
      if (result.kind === 'rate_limited') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        throw new HttpError(429, 'auth.rate_limited', 'Too many sign-in attempts; wait a minute and try again.');
      }
      if (result.kind === 'busy') {
        reply.header('retry-after', '1');
        throw new HttpError(503, 'auth.busy', 'Many sign-ins are being checked right now; try again in a moment.');
      }
      if (result.kind === 'invalid') throw new HttpError(401, 'auth.invalid_credentials', 'Email or password is incorrect.');
      const { user } = result;
      // A new session id at sign-in, so a session id planted before sign-in is worthless.
      await request.session.regenerate();
      startSession(request, user.id);
      return { user };
    },
  });

  app.post('/api/auth/logout', {
    config: { access: { scope: 'authenticated' } },
    schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      if (request.viewer) await recordSignOut(db, request.viewer, request.ip);
      if (request.viewer?.via === 'session') await request.session.destroy();
      // The row is gone; the browser should forget the cookie too, not keep sending a dead session id.
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  // A CSRF token is bound to a signed-in browser session. Sign-in itself needs none (it is exempt, and a
  // cross-site form cannot send its JSON body), so an anonymous request stores nothing: thousands of
  // anonymous requests no longer mean thousands of session rows. Bearer requests need no CSRF token.
  app.get('/api/auth/csrf', {
    config: { access: { scope: 'authenticated' } },
    schema: {
      tags: ['auth'],
      summary: 'A CSRF token for mutating requests of this session (send it as x-csrf-token)',
      description: 'Only for a signed-in browser session; anonymous and bearer requests get 401.',
      response: { 200: z.object({ csrf_token: z.string() }), ...errorResponses },
    },
    handler: async (request, reply) => {
      if (request.viewer?.via !== 'session') {
        throw new HttpError(401, 'auth.session_required', 'CSRF tokens belong to a signed-in browser session.');
      }
      return { csrf_token: reply.generateCsrf() };
    },
  });

  app.get('/api/me', {
    config: { access: { scope: 'authenticated' } },
    schema: {
      tags: ['auth'],
      summary: 'The signed-in user and their workspaces',
      response: {
        200: meSchema,
        ...errorResponses,
      },
    },
    handler: async (request) => {
      const viewer = request.viewer;
      if (!viewer) throw unauthorized();
      const [workspaces, passwordHash] = await Promise.all([listWorkspacesOfUser(db, viewer.id), findPasswordHash(db, viewer.id)]);
      return {
        password_set: passwordHash !== null,
        user: { id: viewer.id, email: viewer.email, name: viewer.name },
        // SPEC §6 lets a workspace's name and slug be empty; the console still needs a label and a path for it.
        workspaces: workspaces.map((w) => ({
          ...w,
          name: w.name ?? w.slug ?? `Workspace ${w.id}`,
          slug: consoleWorkspaceSlug(w),
          capabilities: isRole(w.role) ? capabilitiesOf(w.role) : [],
        })),
      };
    },
  });
};
