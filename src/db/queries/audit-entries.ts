import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuditContext, AuditEvent } from '../../domain/audit';
import { listWorkspacesOfUser } from './memberships';
import type { AuditEntriesTable, Database } from '../schema';
import { createdAtPage, microsecondTimestampText } from './keyset-time';
import type { RunCursor } from './operation-run-listing';

// The audit trail (issue 8): entries are only ever inserted (the database refuses anything else), always with
// the executor of the change they record, so both commit or neither does.

/** An entry with its tenant's current name (null without a tenant), for the words the trail is read in. */
export type AuditEntryRow = Selectable<AuditEntriesTable> & { tenant_name: string | null };

export async function recordAudit(db: Kysely<Database>, context: AuditContext, ...events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('audit_entries')
    .values(
      events.map((event) => ({
        workspace_id: event.workspace_id,
        tenant_id: event.tenant_id ?? null,
        actor_user_id: context.actor.user_id,
        actor_token_id: context.actor.token_id,
        actor_name: context.actor.name,
        action: event.action,
        target_type: event.target_type ?? null,
        target_id: event.target_id === undefined || event.target_id === null ? null : String(event.target_id),
        summary: JSON.stringify(event.summary ?? {}),
        ip: context.ip,
      })),
    )
    .execute();
}

/**
 * An event about a person rather than a workspace (their sign-ins, password, tokens): one entry in each workspace
 * they belong to, so every workspace's trail shows its own members.
 */
export async function recordAuditForUser(db: Kysely<Database>, context: AuditContext, userId: number, event: Omit<AuditEvent, 'workspace_id'>): Promise<void> {
  const workspaces = await listWorkspacesOfUser(db, userId);
  await recordAudit(db, context, ...workspaces.map((workspace) => ({ ...event, workspace_id: workspace.id })));
}

export interface AuditFilters {
  actor_user_id?: number;
  action?: string;
  tenant_id?: number;
  from?: Date;
  to?: Date;
}

/** Newest first, keyset-paged like every list (microsecond created_at, then id). */
export async function listAuditEntries(
  db: Kysely<Database>,
  input: { workspaceId: number; filters: AuditFilters; cursor?: RunCursor; limit: number },
): Promise<{ entries: AuditEntryRow[]; next: RunCursor | null }> {
  const { filters, cursor } = input;
  let query = db
    .selectFrom('audit_entries as a')
    .leftJoin('tenants as t', 't.id', 'a.tenant_id')
    .selectAll('a')
    .select('t.name as tenant_name')
    .select(microsecondTimestampText('a.created_at').as('cursor_created_at'))
    .where('a.workspace_id', '=', input.workspaceId);
  if (filters.actor_user_id !== undefined) query = query.where('a.actor_user_id', '=', filters.actor_user_id);
  if (filters.action !== undefined) query = query.where('a.action', '=', filters.action);
  if (filters.tenant_id !== undefined) query = query.where('a.tenant_id', '=', filters.tenant_id);
  if (filters.from !== undefined) query = query.where('a.created_at', '>=', filters.from);
  if (filters.to !== undefined) query = query.where('a.created_at', '<', filters.to);
  if (cursor) query = query.where(sql<boolean>`(a.created_at, a.id) < (${cursor.created_at}::timestamptz, ${cursor.id}::bigint)`);
  const rows = await query.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(input.limit + 1).execute();
  const { page, next } = createdAtPage(rows, input.limit);
  return { entries: page, next };
}
