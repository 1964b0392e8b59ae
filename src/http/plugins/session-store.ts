import type { SessionStore } from '@fastify/session';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { deleteSession, findSession, saveSession } from '../../db/queries/sessions';

type Callback = (error?: unknown, result?: unknown) => void;
type StoredSession = Parameters<SessionStore['set']>[1];

const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;

export const SESSION_COOKIE = 'ta_session';

/** @fastify/session store on the sessions table, so sessions survive restarts and logout really ends them. */
export function createSessionStore(db: Kysely<Database>): SessionStore {
  return {
    set(sid: string, session: StoredSession, callback: Callback) {
      const expires = session.cookie?.expires ? new Date(session.cookie.expires) : new Date(Date.now() + DEFAULT_TTL_MS);
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
      saveSession(db, sid, data, expires).then(() => callback(), callback);
    },
    get(sid: string, callback: Callback) {
      findSession(db, sid, new Date()).then((row) => callback(undefined, row?.data ?? null), callback);
    },
    destroy(sid: string, callback: Callback) {
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
