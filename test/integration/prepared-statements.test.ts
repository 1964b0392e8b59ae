import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database';
import { openTestDatabase, type TestDatabase } from '../support/test-database';

// Often-sent statements are prepared so PostgreSQL stops planning them on every request (issue 10,
// src/db/preparing-client.ts) — without ever failing a request because of it: not in a transaction, not for a
// statement without parameters, and not after another process's migration changed a table a prepared statement reads.
// PostgreSQL only (the embedded database has no pool and no other process).
describe.skipIf(!process.env.TEST_DATABASE_URL)('prepared statements on PostgreSQL', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let db: Kysely<Record<string, Record<string, unknown>>>;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    // One connection, so what it has prepared can be read back through it.
    handle = await openDatabase({ databaseUrl: database.url!, poolSize: 1 });
    db = handle.db as never;
    await sql`CREATE TABLE gadgets (id int PRIMARY KEY, name text)`.execute(db);
    await sql`INSERT INTO gadgets VALUES (1, 'one'), (2, 'two')`.execute(db);
  });
  afterAll(async () => {
    await handle?.close();
    await database?.close();
  });

  const prepared = async (fragment: string) =>
    (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db)).rows.filter((row) => row.statement.includes(fragment));
  const gadget = (id: number) => db.selectFrom('gadgets').selectAll().where('id', '=', id).executeTakeFirst();

  it('prepares a statement once it has been sent a few times, and answers the same', async () => {
    expect(await gadget(1)).toEqual({ id: 1, name: 'one' });
    expect(await prepared('from "gadgets"')).toEqual([]);
    for (let n = 0; n < 3; n += 1) expect(await gadget(2)).toEqual({ id: 2, name: 'two' });
    expect(await prepared('from "gadgets"')).toHaveLength(1);
  });

  it('keeps answering after another process adds a column to a table a prepared statement reads', async () => {
    const other = new pg.Client({ connectionString: database.url! });
    await other.connect();
    try {
      await other.query('ALTER TABLE gadgets ADD COLUMN colour text');
      await other.query(`UPDATE gadgets SET colour = 'blue' WHERE id = 1`);
    } finally {
      await other.end();
    }
    // Without the retry, PostgreSQL answers "cached plan must not change result type" here.
    expect(await gadget(1)).toEqual({ id: 1, name: 'one', colour: 'blue' });
    expect(await gadget(2)).toEqual({ id: 2, name: 'two', colour: null });
  });

  it('prepares nothing inside a transaction, nor a statement without parameters', async () => {
    await db.transaction().execute(async (trx) => {
      for (let n = 0; n < 5; n += 1) await trx.selectFrom('gadgets').select('name').where('id', '>', n).execute();
    });
    expect(await prepared('"id" > $1')).toEqual([]);
    for (let n = 0; n < 5; n += 1) await sql`SELECT count(*) FROM gadgets`.execute(db);
    expect(await prepared('SELECT count(*) FROM gadgets')).toEqual([]);
  });

  it('prepares nothing when turned off (TENANTATLAS_PREPARED_STATEMENTS=off)', async () => {
    const plain = await openDatabase({ databaseUrl: database.url!, poolSize: 1, preparedStatements: false });
    try {
      for (let n = 0; n < 5; n += 1) await plain.db.selectFrom('gadgets' as never).select('name' as never).where('id' as never, '<', n as never).execute();
      const rows = (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(plain.db)).rows;
      expect(rows).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
