import { sql, type Kysely } from 'kysely';

// PGlite runs a Kysely query through the extended protocol, which takes one statement at a time, so a
// migration script is split into statements here. The splitter understands quotes, $$ bodies and -- comments,
// which is all our own migration text uses.
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < script.length) {
    const rest = script.slice(i);
    if (rest.startsWith('--')) {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end + 1;
      continue;
    }
    if (rest.startsWith('$$')) {
      const end = script.indexOf('$$', i + 2);
      if (end === -1) throw new Error('Unterminated $$ block in migration');
      current += script.slice(i, end + 2);
      i = end + 2;
      continue;
    }
    const ch = script[i] as string;
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      if (end === -1) throw new Error('Unterminated string in migration');
      current += script.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (ch === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
    i += 1;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

export async function executeScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of splitStatements(script)) {
    await sql.raw(statement).execute(db);
  }
}
