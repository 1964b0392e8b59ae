import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/db/migrations/execute-script';

describe('splitStatements', () => {
  it('splits on top-level semicolons but keeps $$ bodies, strings and drops comments', () => {
    const script = `
      -- a comment; with a semicolon
      CREATE TABLE a (x text DEFAULT 'a;b');
      CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
      SELECT 1`;
    expect(splitStatements(script)).toEqual([
      "CREATE TABLE a (x text DEFAULT 'a;b')",
      'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$',
      'SELECT 1',
    ]);
  });
});
