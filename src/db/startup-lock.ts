import pg from 'pg';

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so that processes starting at the same moment (two servers
 * and two workers behind a load balancer) do their one-time setup one after another. pg-boss creating its queue and
 * schedules from two processes at once can deadlock in PostgreSQL (measured in test/integration/multi-process.test.ts);
 * taking turns costs the second process a few milliseconds. The lock is held on a connection of its own and released
 * with it, even if `work` fails.
 */
export async function withStartupLock<T>(databaseUrl: string, name: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'tenantatlas-startup' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    return await work();
  } finally {
    await client.end();
  }
}
