import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { findUserById } from '../../db/queries/users';
import { findUserByTokenHash, touchApiToken } from '../../db/queries/api-tokens';
import { hashApiToken } from '../../security/api-tokens';
import type { AccessCache } from '../access-cache';

export interface Viewer {
  id: number;
  email: string | null;
  name: string | null;
  /** How the request proved who it is: a browser session (needs CSRF) or a bearer token (does not). */
  via: 'session' | 'token';
  /** The API token of a bearer request (null for a session). */
  tokenId: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}
declare module '@fastify/session' {
  interface FastifySessionObject {
    user_id?: number;
    /** Shown on "your sessions" (issue 8) so a person can tell their sessions apart. */
    signed_in_at?: string;
    user_agent?: string;
    ip?: string;
  }
}

/** The methods that change something: they need CSRF on a session, and they drop the access cache (app.ts). */
export const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOKEN_TOUCH_INTERVAL_MS = 60_000;

/** Resolves the viewer of every request and enforces CSRF on mutating cookie requests. */
export function registerAuthentication(app: FastifyInstance, db: Kysely<Database>, cache: AccessCache): void {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    request.viewer = await resolveViewer(request, db, cache);
  });
  // A callback-style hook, because the CSRF plugin answers a refused request itself with reply.send().
  // Bearer requests cannot be forged by another site, so only session requests are checked.
  app.addHook('onRequest', (request, reply, done) => {
    const isPublic = request.routeOptions.config?.access?.scope === 'public';
    if (request.viewer?.via !== 'session' || !MUTATING.has(request.method) || isPublic) return done();
    app.csrfProtection(request, reply, done);
  });
}

async function resolveViewer(request: FastifyRequest, db: Kysely<Database>, cache: AccessCache): Promise<Viewer | null> {
  // The auth scheme is case-insensitive (RFC 7235 §2.1): "bearer x" and "BEARER x" are bearer requests too.
  const bearer = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.authorization ?? '');
  if (bearer) {
    const tokenHash = hashApiToken(bearer[1]!);
    const found = await cache.tokenOwner(tokenHash, () => findUserByTokenHash(db, tokenHash));
    if (!found) return null;
    // last_used_at is for people auditing tokens; minute precision is plenty, so a script's burst of
    // requests does not turn every read into a write. The cached row learns the touch too.
    const now = new Date();
    if (!found.last_used_at || now.getTime() - found.last_used_at.getTime() > TOKEN_TOUCH_INTERVAL_MS) {
      found.last_used_at = now;
      void touchApiToken(db, found.token_id, now).catch(() => {});
    }
    return { id: found.id, email: found.email, name: found.name, via: 'token', tokenId: found.token_id };
  }
  const userId = request.session?.user_id;
  if (typeof userId !== 'number') return null;
  const user = await findUserById(db, userId);
  return user ? { ...user, via: 'session', tokenId: null } : null;
}

/** The viewer of a route whose access rule already required one (scope `authenticated` or narrower). */
export function signedInViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new Error('an authenticated route reached without a viewer');
  return request.viewer;
}
