import { z } from 'zod';
import { capabilitiesOf, isRole } from '../../domain/access/roles';
import { listWorkspacesOfUser } from '../../db/queries/memberships';
import { signIn } from '../../use-cases/accounts/sign-in';
import type { RegisterRoutes } from '../app-context';
import { HttpError, unauthorized } from '../errors';
import { SESSION_COOKIE } from '../plugins/session-store';
import { errorResponses, inputText } from '../schemas/common';

const userSchema = z.object({ id: z.number(), email: z.string().nullable(), name: z.string().nullable() });

export const registerAuthRoutes: RegisterRoutes = (app, { db, config }) => {
  app.post('/api/auth/login', {
    config: {
      access: { scope: 'public' },
      // Keyed by address and email after the body is parsed: one account cannot be brute-forced, and a
      // team behind one NAT address does not lock each other out.
      rateLimit: {
        max: config.loginRateLimit,
        timeWindow: 60_000,
        hook: 'preHandler',
        keyGenerator: (request) => `${request.ip}|${String((request.body as { email?: unknown })?.email ?? '').toLowerCase()}`,
      },
    },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with email and password',
      body: z.object({ email: inputText().trim().min(1, 'is required').max(320), password: inputText().min(1, 'is required').max(1024) }),
      response: { 200: z.object({ user: userSchema }), ...errorResponses },
    },
    handler: async (request) => {
      const user = await signIn(db, request.body.email, request.body.password);
      if (!user) throw new HttpError(401, 'auth.invalid_credentials', 'Email or password is incorrect.');
      // A new session id at sign-in, so a session id planted before sign-in is worthless.
      await request.session.regenerate();
      request.session.user_id = user.id;
      return { user };
    },
  });

  app.post('/api/auth/logout', {
    config: { access: { scope: 'authenticated' } },
    schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
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
        200: z.object({
          user: userSchema,
          workspaces: z.array(z.object({ id: z.number(), name: z.string().nullable(), slug: z.string().nullable(), role: z.string(), capabilities: z.array(z.string()) })),
        }),
        ...errorResponses,
      },
    },
    handler: async (request) => {
      const viewer = request.viewer;
      if (!viewer) throw unauthorized();
      const workspaces = await listWorkspacesOfUser(db, viewer.id);
      return {
        user: { id: viewer.id, email: viewer.email, name: viewer.name },
        workspaces: workspaces.map((w) => ({ ...w, capabilities: isRole(w.role) ? capabilitiesOf(w.role) : [] })),
      };
    },
  });
};
