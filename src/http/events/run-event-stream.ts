import type { ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import { findRunById, type OperationRunRecord } from '../../db/queries/operation-runs';
import type { Database } from '../../db/schema';
import type { RunChangeFeed } from '../../jobs/run-change-feed';
import { presentRun } from '../presenters/operation-run';

// One server-sent-events stream of a tenant's run changes: `event: run` with `{ run }` for every change of
// one of its runs, `event: resync` with `{}` when the change feed may have missed changes (the page re-reads),
// a comment line every PING_MS so proxies keep the connection open, nothing else.
export const PING_MS = 25_000;

export interface RunEventStreamOptions {
  db: Kysely<Database>;
  feed: RunChangeFeed;
  tenantId: number;
  response: ServerResponse;
  /** Asked at every ping; a viewer who lost access is disconnected. */
  stillAllowed: () => Promise<boolean>;
  /** Shared by all streams of the process, so one change is read once however many tabs watch it. */
  loadRun: (id: number) => Promise<OperationRunRecord | undefined>;
  onError: (error: unknown) => void;
}

export function openRunEventStream(options: RunEventStreamOptions): { close(): void } {
  const { response, tenantId } = options;
  let closed = false;
  // Changes are read and written one after another, so a slow read never sends an older state last.
  let sending: Promise<void> = Promise.resolve();

  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.write('retry: 3000\n: connected\n\n');

  const unsubscribe = options.feed.subscribe({
    change: (change) => {
      if (change.tenant_id !== tenantId) return;
      sending = sending
        .then(async () => {
          const run = await options.loadRun(change.id);
          if (closed || !run || run.tenant_id !== tenantId) return;
          response.write(`event: run\ndata: ${JSON.stringify({ run: presentRun(run) })}\n\n`);
        })
        .catch(options.onError);
    },
    // Queued behind the changes already being sent, so the page re-reads after it has applied them.
    resync: () => {
      sending = sending
        .then(() => {
          if (!closed) response.write('event: resync\ndata: {}\n\n');
        })
        .catch(options.onError);
    },
  });

  const ping = setInterval(() => {
    void options
      .stillAllowed()
      .then((allowed) => (allowed ? void response.write(': ping\n\n') : close()))
      .catch(options.onError);
  }, PING_MS);

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(ping);
    unsubscribe();
    response.end();
  };
  response.on('close', close);
  return { close };
}

/** Reads a run once per burst of concurrent requests for it (many streams, one change). */
export function sharedRunLoader(db: Kysely<Database>): (id: number) => Promise<OperationRunRecord | undefined> {
  const inFlight = new Map<number, Promise<OperationRunRecord | undefined>>();
  return (id) => {
    const pending = inFlight.get(id);
    if (pending) return pending;
    const load = findRunById(db, id).finally(() => inFlight.delete(id));
    inFlight.set(id, load);
    return load;
  };
}
