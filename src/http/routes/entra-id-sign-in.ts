import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createEntraIdClient, type EntraIdFlowState } from '../../security/entra-id';
import { signInWithEntraId } from '../../use-cases/accounts/sign-in-with-entra-id';
import type { RegisterRoutes } from '../app-context';
import { HttpError } from '../errors';
import { startSession } from '../plugins/session-store';
import { errorResponses, inputText } from '../schemas/common';

// Sign-in with Microsoft Entra ID (issue 8; docs/SECURITY.md, "Sign-in with Entra ID"). Two browser navigations:
// `start` sends the browser to the provider with state, nonce and a PKCE challenge, remembered in a signed
// httpOnly cookie for 10 minutes (no session exists before sign-in); `callback` checks them, exchanges the code and
// signs the matched user in. Anything that goes wrong lands on the console's /sign-in/microsoft page, which reads
// why from a second signed cookie — so the words come from here and a crafted link cannot put words on that page.

const BASE = '/api/auth/entra-id';
const FLOW_COOKIE = 'ta_entra_flow';
const PROBLEM_COOKIE = 'ta_entra_problem';
const PROBLEM_PAGE = '/sign-in/microsoft';

const flowSchema = z.object({ state: z.string(), nonce: z.string(), codeVerifier: z.string(), invitationToken: z.string().nullable() });
const problemSchema = z.object({ code: z.string(), message: z.string(), email: z.string().nullable() }).meta({ id: 'EntraIdSignInProblem' });
type Problem = z.infer<typeof problemSchema>;

const problems = {
  unavailable: { code: 'entra_id.unavailable', message: 'Microsoft Entra ID could not be reached. Try again in a moment, or sign in with your password.' },
  flowExpired: { code: 'entra_id.flow_expired', message: 'This sign-in took too long or was started in another browser. Start again.' },
  cancelled: { code: 'entra_id.cancelled', message: 'Sign-in at Microsoft was cancelled or refused, so you were not signed in.' },
  unverifiable: { code: 'entra_id.failed', message: "Microsoft's answer could not be verified, so you were not signed in. Start again." },
};

export const registerEntraIdSignInRoutes: RegisterRoutes = (app, { db, config }) => {
  const entraId = config.entraId;
  const client = entraId ? createEntraIdClient(entraId) : undefined;
  const cookieOptions = { path: BASE, httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies ? true : ('auto' as const), signed: true };
  const redirectUriOf = (request: FastifyRequest) => entraId?.redirectUri ?? `${request.protocol}://${request.host}${BASE}/callback`;

  const toProblemPage = (reply: FastifyReply, problem: Problem) => {
    reply.setCookie(PROBLEM_COOKIE, JSON.stringify(problem), { ...cookieOptions, maxAge: 5 * 60 });
    return reply.redirect(PROBLEM_PAGE);
  };

  app.get('/api/auth/methods', {
    config: { access: { scope: 'public' } },
    schema: {
      tags: ['auth'],
      summary: 'How people can sign in here',
      response: { 200: z.object({ password: z.boolean(), entra_id: z.boolean() }).meta({ id: 'SignInMethods' }), ...errorResponses },
    },
    handler: async () => ({ password: true, entra_id: client !== undefined }),
  });

  app.get(`${BASE}/start`, {
    config: { access: { scope: 'public' } },
    schema: {
      tags: ['auth'],
      summary: 'Start signing in with Microsoft Entra ID (a browser navigation; answers with a redirect)',
      querystring: z.object({ invitation: inputText().max(200).optional() }),
      response: { 302: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      if (!client) throw new HttpError(404, 'entra_id.not_configured', 'Sign-in with Microsoft Entra ID is not configured here.');
      let started: Awaited<ReturnType<typeof client.startSignIn>>;
      try {
        started = await client.startSignIn(redirectUriOf(request), request.query.invitation ?? null);
      } catch (error) {
        request.log.warn({ err: error }, 'Entra ID discovery failed');
        return toProblemPage(reply, { ...problems.unavailable, email: null });
      }
      reply.setCookie(FLOW_COOKIE, JSON.stringify(started.flow satisfies EntraIdFlowState), { ...cookieOptions, maxAge: 10 * 60 });
      return reply.redirect(started.url.href);
    },
  });

  app.get(`${BASE}/callback`, {
    config: { access: { scope: 'public' } },
    schema: {
      tags: ['auth'],
      summary: "Microsoft Entra ID's answer (a browser navigation; answers with a redirect)",
      // The provider's parameters (code, state, session_state, error, …) are read by openid-client from the URL.
      querystring: z.object({}).passthrough(),
      response: { 302: z.null(), ...errorResponses },
    },
    handler: async (request, reply) => {
      if (!client) throw new HttpError(404, 'entra_id.not_configured', 'Sign-in with Microsoft Entra ID is not configured here.');
      // One use: the flow cookie goes whatever happens next, so the same answer cannot be replayed in this browser.
      const flow = readSignedJson(request, FLOW_COOKIE, flowSchema);
      reply.clearCookie(FLOW_COOKIE, { path: BASE });
      if (!flow) return toProblemPage(reply, { ...problems.flowExpired, email: null });

      // The provider's own refusal (error=access_denied, …): its description is not shown, it is not ours to vouch for.
      if ('error' in request.query) return toProblemPage(reply, { ...problems.cancelled, email: null });

      const callbackUrl = new URL(redirectUriOf(request));
      callbackUrl.search = new URL(request.url, 'http://callback.invalid').search;
      let person;
      try {
        person = await client.completeSignIn(callbackUrl, flow);
      } catch (error) {
        // A wrong state, a replayed or foreign code, a bad nonce, audience or signature.
        request.log.warn({ err: error }, 'Entra ID sign-in refused');
        return toProblemPage(reply, { ...problems.unverifiable, email: null });
      }
      const result = await signInWithEntraId(db, person, { invitationToken: flow.invitationToken, ip: request.ip });
      if (!result.ok) return toProblemPage(reply, { code: result.code, message: result.message, email: person.email });

      reply.clearCookie(PROBLEM_COOKIE, { path: BASE });
      // A new session id at sign-in, so a session id planted before sign-in is worthless.
      await request.session.regenerate();
      startSession(request, result.user.id);
      return reply.redirect('/');
    },
  });

  app.get(`${BASE}/problem`, {
    config: { access: { scope: 'public' } },
    schema: {
      tags: ['auth'],
      summary: 'Why the last sign-in with Microsoft in this browser did not complete',
      response: { 200: problemSchema, ...errorResponses },
    },
    handler: async (request) => {
      const problem = readSignedJson(request, PROBLEM_COOKIE, problemSchema);
      if (!problem) throw new HttpError(404, 'entra_id.no_problem', 'No recent sign-in with Microsoft failed in this browser.');
      return problem;
    },
  });
};

/** A cookie this server signed, parsed — or null when missing, tampered with or malformed. */
function readSignedJson<T>(request: FastifyRequest, name: string, schema: z.ZodType<T>): T | null {
  const raw = request.cookies[name];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(unsigned.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
