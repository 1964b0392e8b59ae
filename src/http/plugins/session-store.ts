import type { SessionStore } from '@fastify/session';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { deleteSession, findSession, saveSession, updateSession } from '../../db/queries/sessions';

type Callback = (error?: unknown, result?: unknown) => void;
type StoredSession = Parameters<SessionStore['set']>[1];

const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;
/**
 * Sessions slide: each request moves the expiry to 12 h from now. Writing that on every request cost every browser
 * request a write transaction (issue 10), so an unchanged session is written again only once its stored expiry is
 * this far behind — a session then ends between 11 h 50 min and 12 h after its last request.
 */
const EXPIRY_REWRITE_AFTER_MS = 10 * 60 * 1000;
const MAX_REMEMBERED = 10_000;

export const SESSION_COOKIE = 'ta_session';

/**
 * What a session holds, without its cookie (whose expiry changes on every request), with keys sorted: PostgreSQL's
 * jsonb hands keys back in its own order.
 */
function contentOf(data: Record<string, unknown>): string {
  const { cookie: _cookie, ...content } = data;
  return JSON.stringify(content, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value,
  );
}

/** @fastify/session store on the sessions table, so sessions survive restarts and logout really ends them. */
export function createSessionStore(db: Kysely<Database>): SessionStore {
  // What this process last read or wrote of each session, to skip writes that would change only the expiry a little.
  const stored = new Map<string, { content: string; expiresAt: number }>();
  const remember = (sid: string, content: string, expiresAt: number) => {
    stored.delete(sid);
    if (stored.size >= MAX_REMEMBERED) stored.delete(stored.keys().next().value!);
    stored.set(sid, { content, expiresAt });
  };
  return {
    set(sid: string, session: StoredSession, callback: Callback) {
      const expires = session.cookie?.expires ? new Date(session.cookie.expires) : new Date(Date.now() + DEFAULT_TTL_MS);
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
      const content = contentOf(data);
      const known = stored.get(sid);
      if (known && known.content === content && expires.getTime() - known.expiresAt < EXPIRY_REWRITE_AFTER_MS) return callback();
      // A session this process read or wrote is only updated: if it was ended meanwhile (signed out elsewhere, "your
      // sessions", a password change), a request still in flight must not write it back. Only a new one is inserted.
      const write = known ? updateSession : saveSession;
      write(db, sid, data, expires).then(() => {
        remember(sid, content, expires.getTime());
        callback();
      }, callback);
    },
    get(sid: string, callback: Callback) {
      findSession(db, sid, new Date()).then((row) => {
        if (row) remember(sid, contentOf(row.data as Record<string, unknown>), row.expires_at.getTime());
        else stored.delete(sid);
        callback(undefined, row?.data ?? null);
      }, callback);
    },
    destroy(sid: string, callback: Callback) {
      stored.delete(sid);
      deleteSession(db, sid).then(() => callback(), callback);
    },
  } as SessionStore;
}

/** Marks the (freshly regenerated) session as signed in, with what "your sessions" shows of it. */
export function startSession(request: FastifyRequest, userId: number): void {
  request.session.user_id = userId;
  request.session.signed_in_at = new Date().toISOString();
  request.session.user_agent = (request.headers['user-agent'] ?? '').slice(0, 300);
  request.session.ip = request.ip;
}
