import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** The workspace that owns a scoped record, and the viewer's role there (null when not a member). */
export interface ScopeOwnership {
  workspace_id: number;
  role: string | null;
}

// Each is one query per request: the owning workspace left-joined with the viewer's membership.
export function findTenantOwnership(db: Kysely<Database>, tenantId: number, userId: number): Promise<ScopeOwnership | undefined> {
  return db
    .selectFrom('tenants as t')
    .leftJoin('workspace_memberships as m', (join) => join.onRef('m.workspace_id', '=', 't.workspace_id').on('m.user_id', '=', userId))
    .select(['t.workspace_id', 'm.role'])
    .where('t.id', '=', tenantId)
    .executeTakeFirst();
}

export function findRunOwnership(db: Kysely<Database>, runId: number, userId: number): Promise<ScopeOwnership | undefined> {
  return db
    .selectFrom('operation_runs as r')
    .leftJoin('workspace_memberships as m', (join) => join.onRef('m.workspace_id', '=', 'r.workspace_id').on('m.user_id', '=', userId))
    .select(['r.workspace_id', 'm.role'])
    .where('r.id', '=', runId)
    .executeTakeFirst();
}

export function findFindingOwnership(db: Kysely<Database>, findingId: number, userId: number): Promise<ScopeOwnership | undefined> {
  return db
    .selectFrom('findings as f')
    .innerJoin('tenants as t', 't.id', 'f.tenant_id')
    .leftJoin('workspace_memberships as m', (join) => join.onRef('m.workspace_id', '=', 't.workspace_id').on('m.user_id', '=', userId))
    .select(['t.workspace_id', 'm.role'])
    .where('f.id', '=', findingId)
    .executeTakeFirst();
}

export function findWorkspaceOwnership(db: Kysely<Database>, workspaceId: number, userId: number): Promise<ScopeOwnership | undefined> {
  return db
    .selectFrom('workspaces as w')
    .leftJoin('workspace_memberships as m', (join) => join.onRef('m.workspace_id', '=', 'w.id').on('m.user_id', '=', userId))
    .select(['w.id as workspace_id', 'm.role'])
    .where('w.id', '=', workspaceId)
    .executeTakeFirst();
}
