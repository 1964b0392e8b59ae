import type { Kysely } from 'kysely';
import type { Database } from '../schema';

// The workspace that owns a scoped record: the one fact the access hook needs before any route runs.
export function findWorkspaceIdOfTenant(db: Kysely<Database>, tenantId: number) {
  return db.selectFrom('tenants').select('workspace_id').where('id', '=', tenantId).executeTakeFirst();
}

export function findWorkspaceIdOfRun(db: Kysely<Database>, runId: number) {
  return db.selectFrom('operation_runs').select('workspace_id').where('id', '=', runId).executeTakeFirst();
}

export function findWorkspaceIdOfFinding(db: Kysely<Database>, findingId: number) {
  return db
    .selectFrom('findings as f')
    .innerJoin('tenants as t', 't.id', 'f.tenant_id')
    .select('t.workspace_id')
    .where('f.id', '=', findingId)
    .executeTakeFirst();
}

export function findWorkspaceById(db: Kysely<Database>, workspaceId: number) {
  return db.selectFrom('workspaces').select('id as workspace_id').where('id', '=', workspaceId).executeTakeFirst();
}
