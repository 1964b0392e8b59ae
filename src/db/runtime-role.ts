import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { RawSqlExecutor } from './database';
import { scramSha256Verifier } from './scram-verifier';

// The owner / runtime split (issue 20 item 6). The audit trail's trigger (migration 0012) refuses UPDATE, DELETE and
// TRUNCATE, but the table's owner may switch it off (ALTER TABLE … DISABLE TRIGGER, DROP TRIGGER) and a superuser may
// skip it (session_replication_role = replica). So migrations run as the owner, and serve and the workers connect as
// a runtime role that owns nothing of the app's schema and holds on audit_entries only SELECT and INSERT.
//
// The job queue's schema (pg-boss) belongs to the runtime role: pg-boss 10 creates a partition table per queue
// (CREATE TABLE in its schema, ALTER TABLE pgboss.job ATTACH PARTITION, which needs the parent's owner) and applies
// its own schema upgrades when it starts. Owning it lets the runtime do both without the owner; the queue holds only
// wake-up calls (the run rows are the truth), nothing the trail depends on.

/** pg-boss's schema, as src/jobs/job-queue.ts opens it. */
export const JOB_QUEUE_SCHEMA = 'pgboss';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** What the app's runtime may do to its tables: everything but change the schema; the trail and migration log excepted. */
const TABLE_RIGHTS = 'SELECT, INSERT, UPDATE, DELETE';
const APPEND_ONLY_TABLES = ['audit_entries'];
const READ_ONLY_TABLES = ['kysely_migration', 'kysely_migration_lock'];

export interface RuntimeRoleResult {
  role: string;
  created: boolean;
  /** A password generated for a new role: shown once by `migrate`, never stored or logged. */
  generatedPassword?: string;
}

export class RuntimeRoleError extends Error {}

/**
 * Creates the runtime role (LOGIN, no superuser, no role/database creation, no replication, no RLS bypass) or brings an
 * existing one up to date, and (re)grants what the app needs. Idempotent: `migrate --runtime-role` re-runs it after
 * every migration, and default privileges cover tables a later migration creates as the same owner. Runs as the
 * owner of the app's schema right after the migrations; refuses a role that could rewrite the trail.
 */
export async function setUpRuntimeRole(
  db: Kysely<unknown>,
  raw: RawSqlExecutor,
  options: { role: string; password?: string },
): Promise<RuntimeRoleResult> {
  const { role } = options;
  if (!ROLE_NAME.test(role)) throw new RuntimeRoleError(`runtime role name must be lower-case letters, digits and _ (at most 63), got "${role}"`);
  const ident = `"${role}"`;

  const me = (await sql<{ me: string; schema: string; owner: string | null; owns: boolean | null; createrole: boolean; superuser: boolean }>`
    SELECT current_user AS me, current_schema() AS schema, r.rolname AS owner, pg_has_role(current_user, c.relowner, 'USAGE') AS owns,
      u.rolcreaterole AS createrole, u.rolsuper AS superuser
    FROM pg_roles u LEFT JOIN pg_class c ON c.oid = to_regclass('audit_entries') LEFT JOIN pg_roles r ON r.oid = c.relowner
    WHERE u.rolname = current_user`.execute(db)).rows[0]!;
  if (!me.owns) throw new RuntimeRoleError(`role "${me.me}" does not own the app's tables: run migrate as their owner (TENANTATLAS_MIGRATION_DATABASE_URL)`);
  if (role === me.me || role === me.owner) throw new RuntimeRoleError(`the runtime role must not be the owner ("${role}")`);

  const existing = (await sql<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolreplication: boolean; member_of_owner: boolean }>`
    SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication, pg_has_role(rolname, ${me.owner}, 'USAGE') AS member_of_owner
    FROM pg_roles WHERE rolname = ${role}`.execute(db)).rows[0];
  if (existing) {
    const powers = (['rolsuper', 'rolbypassrls', 'rolcreaterole', 'rolcreatedb', 'rolreplication'] as const).filter((name) => existing[name]);
    if (powers.length) throw new RuntimeRoleError(`role "${role}" exists with ${powers.map((name) => name.slice(3).toUpperCase()).join(', ')}: a runtime role must have none of these`);
    if (existing.member_of_owner) throw new RuntimeRoleError(`role "${role}" is a member of the owner "${me.owner}" and so has its rights: a runtime role must not be`);
  } else if (!me.createrole && !me.superuser) {
    throw new RuntimeRoleError(`role "${me.me}" may not create roles: give it CREATEROLE, or create "${role}" (LOGIN, nothing else) yourself first`);
  }

  const generatedPassword = !existing && options.password === undefined ? crypto.randomBytes(24).toString('base64url') : undefined;
  const password = options.password ?? generatedPassword;

  // pg-boss installs its schema as the owner, once (CREATE SCHEMA needs CREATE on the database, which the runtime
  // lacks even for IF NOT EXISTS); it is handed to the runtime role below. Its own script takes a lock against races.
  const installed = (await sql<{ installed: boolean }>`SELECT to_regclass(${`${JOB_QUEUE_SCHEMA}.version`}) IS NOT NULL AS installed`.execute(db)).rows[0]!.installed;
  if (!installed) await raw.executeSql(PgBoss.getConstructionPlans(JOB_QUEUE_SCHEMA));

  await db.transaction().execute(async (trx) => {
    const run = (statement: string) => sql.raw(statement).execute(trx);
    const attributes = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT';
    const passwordClause = password === undefined ? '' : ` PASSWORD ${literal(scramSha256Verifier(password))}`;
    if (!existing) await run(`CREATE ROLE ${ident} ${attributes}${passwordClause}`);
    else if (passwordClause) await run(`ALTER ROLE ${ident}${passwordClause}`);
    // The owner becomes a member of the runtime role (never the other way round): PostgreSQL lets only members hand
    // objects over, and the queue's schema is handed over below.
    if (!me.superuser) await run(`GRANT ${ident} TO CURRENT_USER`);

    const schema = `"${me.schema}"`;
    await run(`GRANT CONNECT ON DATABASE "${(await sql<{ db: string }>`SELECT current_database() AS db`.execute(trx)).rows[0]!.db}" TO ${ident}`);
    await run(`GRANT USAGE ON SCHEMA ${schema} TO ${ident}`);
    await run(`GRANT ${TABLE_RIGHTS} ON ALL TABLES IN SCHEMA ${schema} TO ${ident}`);
    await run(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA ${schema} FROM ${ident}`);
    for (const table of APPEND_ONLY_TABLES) await run(`REVOKE UPDATE, DELETE ON ${table} FROM ${ident}`);
    for (const table of READ_ONLY_TABLES) await run(`REVOKE INSERT, UPDATE, DELETE ON ${table} FROM ${ident}`);
    await run(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${ident}`);
    // Tables and sequences later migrations create (as this owner) are granted as they appear.
    await run(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT ${TABLE_RIGHTS} ON TABLES TO ${ident}`);
    await run(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${ident}`);

    await handOverQueueSchema(trx, ident);
    await assertCannotRewriteTrail(trx, role, me.schema, me.owner!);
  });
  return { role, created: !existing, ...(generatedPassword ? { generatedPassword } : {}) };
}

/** The queue's schema and everything in it to the runtime role. ALTER … OWNER runs no code of the schema's. */
async function handOverQueueSchema(trx: Kysely<unknown>, ident: string): Promise<void> {
  const run = (statement: string) => sql.raw(statement).execute(trx);
  await run(`ALTER SCHEMA ${JOB_QUEUE_SCHEMA} OWNER TO ${ident}`);
  // Relations one by one (partitions do not follow their parent); indexes and sequences owned by a column follow
  // their table, array and multirange types their element and range type; functions go by their signature.
  const objects = await sql<{ statement: string }>`
    SELECT format('ALTER %s %s OWNER TO ', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'c' THEN 'TYPE' ELSE 'TABLE' END, c.oid::regclass) AS statement
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${JOB_QUEUE_SCHEMA} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
      AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
    UNION ALL
    SELECT format('ALTER ROUTINE %s OWNER TO ', p.oid::regprocedure) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ${JOB_QUEUE_SCHEMA}
    UNION ALL
    SELECT format('ALTER TYPE %s OWNER TO ', t.oid::regtype) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = ${JOB_QUEUE_SCHEMA} AND t.typtype IN ('e', 'd', 'r') AND t.typelem = 0`.execute(trx);
  for (const { statement } of objects.rows) await run(`${statement}${ident}`);
}

/** The promise of the split, checked rather than assumed: if anything above left a way to rewrite the trail, no commit. */
async function assertCannotRewriteTrail(trx: Kysely<unknown>, role: string, schema: string, owner: string): Promise<void> {
  const check = (await sql<Record<string, boolean>>`
    SELECT
      has_table_privilege(${role}, 'audit_entries', 'INSERT') AND has_table_privilege(${role}, 'audit_entries', 'SELECT') AS can_append,
      has_table_privilege(${role}, 'audit_entries', 'UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES') AS can_rewrite,
      has_schema_privilege(${role}, ${schema}, 'CREATE') AS can_create_in_app_schema,
      pg_has_role(${role}, ${owner}, 'USAGE') AS has_owner_rights,
      (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = ${role}) AS is_privileged`.execute(trx)).rows[0]!;
  const problems = [
    !check.can_append && 'cannot SELECT and INSERT audit entries',
    check.can_rewrite && 'could UPDATE, DELETE or TRUNCATE audit entries or add a trigger to them',
    check.can_create_in_app_schema && `could create objects in schema ${schema} (CREATE granted to PUBLIC, PostgreSQL's default before 15: run REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC as its owner)`,
    check.has_owner_rights && `has the owner's rights`,
    check.is_privileged && 'is a superuser or bypasses row security',
  ].filter(Boolean);
  if (problems.length) throw new RuntimeRoleError(`runtime role "${role}" ${problems.join('; ')}: nothing was changed`);
}

/** A standard-conforming string literal (the value is ours: a SCRAM verifier of base64 and '$:'). */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
