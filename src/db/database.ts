import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, type LogConfig } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type DatabaseKind = 'postgres' | 'pglite';

/** Raw SQL access for the job queue, which brings its own SQL (see jobs/queue.ts). */
export interface RawSqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Kysely<Database>;
  raw: RawSqlExecutor;
  close(): Promise<void>;
}

const INT8_OID = 20;
// Ids and counts are bigint in SQL; every value we keep fits a JS number exactly, and the API speaks numbers.
const parseInt8 = (value: string) => Number(value);

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Directory for the embedded database; omitted means in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Kysely's query log hook; the benchmark uses it to capture the SQL behind a request for EXPLAIN. */
  log?: LogConfig;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize, options.log) : openPglite(options.dataDir, options.log);
}

function openPostgres(connectionString: string, poolSize = 10, log?: LogConfig): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: poolSize, types: { getTypeParser: pgTypeParser } });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  return {
    kind: 'postgres',
    db,
    raw: { executeSql: async (text, values) => pool.query(text, values as unknown[]) },
    close: () => db.destroy(),
  };
}

function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === INT8_OID) return parseInt8;
  return pg.types.getTypeParser(oid, format as 'text');
}

async function openPglite(dataDir?: string, log?: LogConfig): Promise<DatabaseHandle> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir ? `file://${dataDir}` : undefined, { parsers: { [INT8_OID]: parseInt8 } });
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
    close: () => db.destroy(),
  };
}
