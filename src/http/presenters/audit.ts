import type { AuditEntryRow } from '../../db/queries/audit-entries';

// An audit entry as SPEC §4 names it. The summary is presented as stored: it was written without secrets.
export function presentAuditEntry(row: AuditEntryRow) {
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    tenant_id: row.tenant_id,
    actor: { user_id: row.actor_user_id, token_id: row.actor_token_id, name: row.actor_name },
    action: row.action,
    target_type: row.target_type,
    target_id: row.target_id,
    summary: typeof row.summary === 'object' && row.summary !== null && !Array.isArray(row.summary) ? row.summary : {},
    ip: row.ip,
    created_at: row.created_at.toISOString(),
  };
}

/** The CSV export's columns, in order: the entry's fields, flattened; the summary as JSON. */
export const auditCsvColumns = ['id', 'created_at', 'actor_user_id', 'actor_token_id', 'actor_name', 'action', 'tenant_id', 'target_type', 'target_id', 'summary', 'ip'] as const;

export function auditCsvRecord(row: AuditEntryRow): Record<(typeof auditCsvColumns)[number], string | number | null> {
  const entry = presentAuditEntry(row);
  return {
    id: entry.id,
    created_at: entry.created_at,
    actor_user_id: entry.actor.user_id,
    actor_token_id: entry.actor.token_id,
    actor_name: entry.actor.name,
    action: entry.action,
    tenant_id: entry.tenant_id,
    target_type: entry.target_type,
    target_id: entry.target_id,
    summary: JSON.stringify(entry.summary),
    ip: entry.ip,
  };
}
