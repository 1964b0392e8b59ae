import type { ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import { hasStreamAccess } from '../../db/queries/memberships';
import { findRunById, type OperationRunRecord } from '../../db/queries/operation-runs';
import type { Database } from '../../db/schema';
import type { AccessChange, RunChangeFeed } from '../../jobs/run-change-feed';
import { presentRun } from '../presenters/operation-run';
import { eventStreamsOpen } from '../../observability/metrics';

// One server-sent-events stream of a tenant's run changes: `event: run` with `{ run }` for every change of
// one of its runs, `event: resync` with `{}` when the change feed may have missed changes (the page re-reads),
// a comment line every PING_MS so proxies keep the connection open, nothing else.
//
// Access is re-checked whenever something is about to be delivered (a run change, a resync, a ping), and at
// once when the viewer's membership or token changes anywhere (the feed's access notifications): a viewer who
// lost access gets the stream closed and never one more change. A notification can be lost (the LISTEN
// connection was down when it was sent), so access never depends on one alone: every ping re-checks, the
// feed's reconnect (resync) re-checks every open stream afresh, and a check that cannot be answered (the
// database errs) closes the stream — the client reconnects and its request is authenticated again.
export const PING_MS = 25_000;

export interface StreamViewer {
  workspaceId: number;
  userId: number;
  /** The bearer token the stream was opened with; null for a browser session. */
  tokenId: number | null;
  /** The browser session the stream was opened with; null for a bearer token. */
  sessionId: string | null;
}

export interface RunEventStreamOptions {
  feed: RunChangeFeed;
  /** The tenant whose runs are sent; null: every run of the viewer's workspace (the portfolio's stream). */
  tenantId: number | null;
  viewer: StreamViewer;
  response: ServerResponse;
  /** Shared by all streams of the process, so one change is read once however many tabs watch it. */
  loadRun: (id: number) => Promise<OperationRunRecord | undefined>;
  /** Shared likewise: one access query per viewer per burst of changes; `fresh` skips joining one in flight. */
  checkAccess: (viewer: StreamViewer, fresh?: boolean) => Promise<boolean>;
  onError: (error: unknown) => void;
  onClose?: () => void;
  /** How often a ping is sent and access re-checked (TENANTATLAS_EVENT_STREAM_PING_SECONDS); PING_MS by default. */
  pingMs?: number;
}

export function openRunEventStream(options: RunEventStreamOptions): { close(): void } {
  const { response, tenantId, viewer } = options;
  const inScope = (run: { tenant_id: number | null; workspace_id: number }) => (tenantId === null ? run.workspace_id === viewer.workspaceId : run.tenant_id === tenantId);
  let closed = false;
  // Everything is sent one after another, so a slow read never sends an older state last.
  let sending: Promise<void> = Promise.resolve();
  const enqueue = (step: () => Promise<void>) => {
    sending = sending.then(step).catch(options.onError);
  };
  /** True while the viewer may watch; closes the stream (and returns false) once they may not. */
  const stillAllowed = async (fresh = false) => {
    if (closed) return false;
    let allowed = false;
    try {
      allowed = await options.checkAccess(viewer, fresh);
    } catch (error) {
      // Unverifiable access is no access: fail closed rather than wait for the next check.
      options.onError(error);
    }
    if (allowed) return !closed;
    close();
    return false;
  };

  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.write('retry: 3000\n: connected\n\n');
  eventStreamsOpen.inc();

  const unsubscribe = options.feed.subscribe({
    change: (change) => {
      if (!inScope(change)) return;
      enqueue(async () => {
        const run = await options.loadRun(change.id);
        if (!run || !inScope(run) || !(await stillAllowed())) return;
        response.write(`event: run\ndata: ${JSON.stringify({ run: presentRun(run) })}\n\n`);
      });
    },
    // Queued behind the changes already being sent, so the page re-reads after it has applied them.
    // Fresh: access notifications may have been lost with the connection, so no earlier check may answer.
    resync: () => {
      enqueue(async () => {
        if (await stillAllowed(true)) response.write('event: resync\ndata: {}\n\n');
      });
    },
    accessChanged: (change) => {
      if (!concernsViewer(change, viewer)) return;
      // Fresh: a check that started before the change was committed must not answer for after it.
      enqueue(async () => void (await stillAllowed(true)));
    },
  });

  const ping = setInterval(() => {
    enqueue(async () => {
      if (await stillAllowed()) response.write(': ping\n\n');
    });
  }, options.pingMs ?? PING_MS);

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(ping);
    unsubscribe();
    eventStreamsOpen.dec();
    response.end();
    options.onClose?.();
  };
  response.on('close', close);
  return { close };
}

function concernsViewer(change: AccessChange, viewer: StreamViewer): boolean {
  if (change.user_id !== viewer.userId) return false;
  if (change.kind === 'membership') return change.workspace_id === viewer.workspaceId;
  if (change.kind === 'token') return change.token_id === viewer.tokenId;
  return viewer.sessionId !== null;
}

/** Reads a run once per burst of concurrent requests for it (many streams, one change). */
export function sharedRunLoader(db: Kysely<Database>): (id: number) => Promise<OperationRunRecord | undefined> {
  return sharedInFlight((id: number) => String(id), (id) => findRunById(db, id));
}

/** Checks a viewer's access once per burst of concurrent checks (many streams of one viewer, one change). */
export function sharedAccessCheck(db: Kysely<Database>): (viewer: StreamViewer, fresh?: boolean) => Promise<boolean> {
  const shared = sharedInFlight((v: StreamViewer) => `${v.workspaceId}:${v.userId}:${v.tokenId ?? ''}:${v.sessionId ?? ''}`, (v) => hasStreamAccess(db, v));
  return (viewer, fresh = false) => (fresh ? hasStreamAccess(db, viewer) : shared(viewer));
}

function sharedInFlight<A, R>(keyOf: (arg: A) => string, load: (arg: A) => Promise<R>): (arg: A) => Promise<R> {
  const inFlight = new Map<string, Promise<R>>();
  return (arg) => {
    const key = keyOf(arg);
    const pending = inFlight.get(key);
    if (pending) return pending;
    const loading = load(arg).finally(() => inFlight.delete(key));
    inFlight.set(key, loading);
    return loading;
  };
}
