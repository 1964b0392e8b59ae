import crypto from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';

export type DatabaseTarget = 'pglite' | 'postgres';

/** Integration tests run on the embedded PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set. */
export function databaseTargets(): DatabaseTarget[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends DatabaseHandle {
  /** The connection string of the fresh PostgreSQL database (for child processes); undefined on PGlite. */
  url: string | undefined;
}

/**
 * A fresh, migrated database per call: an in-memory PGlite, or a new PostgreSQL database created next to
 * TEST_DATABASE_URL and dropped on close, so test files never see each other's rows.
 */
export async function openTestDatabase(target: DatabaseTarget): Promise<TestDatabase> {
  if (target === 'pglite') {
    const handle = await openDatabase({ loadDataDir: await migratedPgliteTemplate() });
    return { ...handle, url: undefined };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `tenantatlas_test_${crypto.randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  await migrateToLatest(handle.db as never);
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

let pgliteTemplate: Promise<Blob> | undefined;

/**
 * Migrating a PGlite from empty takes 3–6 s on two cores; loading a migrated one's files takes well under one. So
 * the integration run migrates once (test/integration/global-setup.ts) and every database starts from that dump —
 * still a fresh database per call, made by the real migrations. Outside that run (a script), it migrates here once.
 */
function migratedPgliteTemplate(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const file = inject('pgliteTemplateFile');
    return file ? new Blob([await readFile(file)]) : dumpMigratedPglite();
  })();
  return pgliteTemplate;
}

/** A PGlite migrated from empty by the real migrations, as one tarball of its files. */
export async function dumpMigratedPglite(): Promise<Blob> {
  const handle = await openDatabase({});
  try {
    await migrateToLatest(handle.db as never);
    return await handle.dumpDataDir!();
  } finally {
    await handle.close();
  }
}

async function withAdminClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
