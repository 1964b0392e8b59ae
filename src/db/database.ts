import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect, type LogConfig } from 'kysely';
import pg from 'pg';
import { PreparingClient } from './preparing-client';
import type { Database } from './schema';

export type DatabaseKind = 'postgres' | 'pglite';

/** Raw SQL access for the job queue, which brings its own SQL (see jobs/queue.ts). */
export interface RawSqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Stops listening; resolves once the channel is released. */
export type Unlisten = () => Promise<void>;

export interface ListenOptions {
  /**
   * Called each time LISTEN is in place again after the connection dropped (never for the first connect).
   * Notifications sent while it was down are lost, so whatever they would have told must be re-read.
   * Errors it throws are ignored: the caller handles its own.
   */
  onResync?: () => void;
}

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Kysely<Database>;
  raw: RawSqlExecutor;
  /**
   * LISTEN on a channel (NOTIFY payloads of every process on this database; see jobs/run-change-feed.ts).
   * On PostgreSQL a dedicated connection is held and re-established after it drops, and then
   * `options.onResync` is called; PGlite runs in process and never drops.
   */
  listen(channel: string | string[], onPayload: (payload: string, channel: string) => void, options?: ListenOptions): Promise<Unlisten>;
  close(): Promise<void>;
  /** The PostgreSQL pool's counts (metrics); none on the embedded database. */
  pool?: { readonly totalCount: number; readonly idleCount: number; readonly waitingCount: number };
  /** The embedded database's files as one tarball (PGlite only): a consistent copy, for backups and test templates. */
  dumpDataDir?: (compression?: 'gzip' | 'none') => Promise<Blob>;
}

const INT8_OID = 20;
// Ids and counts are bigint in SQL; every value we keep fits a JS number exactly, and the API speaks numbers.
const parseInt8 = (value: string) => Number(value);

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Directory for the embedded database; omitted means in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Start the embedded database from a tarball made by `dumpDataDir` instead of an empty one. */
  loadDataDir?: Blob;
  /** Kysely's query log hook; the benchmark uses it to capture the SQL behind a request for EXPLAIN. */
  log?: LogConfig;
  /** PostgreSQL: name often-sent statements so their plans are cached (db/preparing-client.ts); on unless false. */
  preparedStatements?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize, options.log, options.preparedStatements !== false)
    : openPglite(options.dataDir, options.log, options.loadDataDir);
}

function openPostgres(connectionString: string, poolSize = 10, log?: LogConfig, preparedStatements = true): DatabaseHandle {
  // A bounded wait for a connection: with the database unreachable a request fails (and /readyz says so)
  // instead of hanging until the operating system gives up on the TCP connect.
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    types: { getTypeParser: pgTypeParser },
    Client: preparedStatements ? PreparingClient : pg.Client,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Nor may a checked-out one: pg-pool removes its error listener while a client is lent to Kysely, so a
  // database restart in the middle of a query would otherwise surface as an unhandled 'error' event and
  // kill the server. The query itself still fails (and the request answers with an error); the client is
  // discarded when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  return {
    kind: 'postgres',
    db,
    raw: { executeSql: async (text, values) => pool.query(text, values as unknown[]) },
    listen: (channel, onPayload, options) => listenOnPostgres(connectionString, channel, onPayload, options),
    close: () => db.destroy(),
    pool,
  };
}

const RELISTEN_DELAYS_MS = [250, 1000, 5000, 15000];

// A pooled connection cannot LISTEN (it is handed to others between queries), so each listener keeps its
// own client. If that connection drops, notifications sent meanwhile are lost; it reconnects with backoff
// and, once LISTEN is issued again, calls onResync so the listener can re-read what it may have missed.
async function listenOnPostgres(
  connectionString: string,
  channel: string | string[],
  onPayload: (payload: string, channel: string) => void,
  options: ListenOptions = {},
): Promise<Unlisten> {
  let stopped = false;
  let client: pg.Client | null = null;
  let attempt = 0;
  // Several channels share one connection: one LISTEN connection per process, one reconnect, one resync.
  const channels = [channel].flat();

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString, application_name: 'tenantatlas-listen' });
    next.on('notification', (message) => {
      if (channels.includes(message.channel) && message.payload !== undefined) onPayload(message.payload, message.channel);
    });
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      for (const name of channels) await next.query(`LISTEN "${name.replaceAll('"', '""')}"`);
    } catch (error) {
      void next.end().catch(() => {});
      throw error;
    }
    if (stopped) return void next.end().catch(() => {});
    client = next;
    attempt = 0;
  };
  const reconnect = async (): Promise<void> => {
    await connect();
    if (stopped || !client) return;
    try {
      options.onResync?.();
    } catch {
      // The listener's own failure; LISTEN is in place, so do not reconnect over it.
    }
  };
  const scheduleReconnect = () => {
    if (stopped) return;
    const delay = RELISTEN_DELAYS_MS[Math.min(attempt, RELISTEN_DELAYS_MS.length - 1)] ?? 15000;
    attempt += 1;
    setTimeout(() => {
      if (!stopped) reconnect().catch(scheduleReconnect);
    }, delay).unref();
  };
  const lost = (dead: pg.Client) => {
    if (stopped || client !== dead) return;
    client = null;
    void dead.end().catch(() => {});
    scheduleReconnect();
  };

  await connect();
  return async () => {
    stopped = true;
    const current = client;
    client = null;
    await current?.end().catch(() => {});
  };
}

function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === INT8_OID) return parseInt8;
  return pg.types.getTypeParser(oid, format as 'text');
}

async function openPglite(dataDir?: string, log?: LogConfig, loadDataDir?: Blob): Promise<DatabaseHandle> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  // The extensions the migrations create (inventory search, migration 0009) must be loaded into PGlite first.
  const pglite = await PGlite.create(dataDir ? `file://${dataDir}` : undefined, {
    parsers: { [INT8_OID]: parseInt8 },
    extensions: { pg_trgm, btree_gin },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), log });
  return {
    kind: 'pglite',
    db,
    raw: {
      // pg-boss sends its schema as one parameterless multi-statement script; only `exec` takes those.
      executeSql: async (text, values) => {
        if (values && values.length > 0) return pglite.query(text, values);
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      },
    },
    // PGlite delivers NOTIFYs of its one session in process, which is all there is to listen to.
    listen: async (channel, onPayload) => {
      const unlistens: Array<() => Promise<void>> = [];
      for (const name of [channel].flat()) unlistens.push(await pglite.listen(name, (payload) => onPayload(payload, name)));
      return async () => {
        if (!pglite.closed) for (const unlisten of unlistens) await unlisten();
      };
    },
    close: () => db.destroy(),
    dumpDataDir: (compression = 'none') => pglite.dumpDataDir(compression),
  };
}
