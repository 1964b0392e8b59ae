import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from './migrations';

/**
 * Applies pending migrations; throws with the failing migration's name so start-up stops loudly.
 *
 * Connected as a runtime role (one that does not own the migration log, docs: "Database roles"), it changes nothing:
 * a current schema is fine, a schema that needs migrations is refused with what to do. Serve and the workers call
 * this at start, and a runtime role must never try DDL half-way (issue 20 item 6).
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const role = await connectedRole(db);
  if (!role.ownsSchema) {
    const executed = new Set((await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db)).rows.map((row) => row.name));
    const pending = Object.keys(migrations).filter((name) => !executed.has(name));
    if (pending.length) {
      throw new Error(
        `The database needs migration${pending.length > 1 ? 's' : ''} ${pending.join(', ')}, which role "${role.name}" cannot apply: it does not own ` +
          'the schema (a runtime role). Run `tenantatlas migrate` as the owner first (TENANTATLAS_MIGRATION_DATABASE_URL), then start again.',
      );
    }
    return [];
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const cause = error instanceof Error ? error.message : String(error);
    const hint = (error as { code?: string }).code === '42501' ? ` (role "${role.name}" lacks the rights: migrate as the schema's owner)` : '';
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}${hint}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Who we are connected as, and whether that role owns the migration log (or is a member of its owner, or a superuser).
 * A database without the log yet is treated as ours: the first migration creates it.
 */
async function connectedRole(db: Kysely<unknown>): Promise<{ name: string; ownsSchema: boolean }> {
  const row = (await sql<{ name: string; owns: boolean | null }>`
    SELECT current_user AS name, (SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class WHERE oid = to_regclass('kysely_migration')) AS owns
  `.execute(db)).rows[0]!;
  return { name: row.name, ownsSchema: row.owns !== false };
}
