import type { AuditEntryRow } from '../../db/queries/audit-entries';
import { describeAuditEntry } from '../../domain/audit';

// An audit entry as SPEC §4 names it, with its words (domain/audit): what was done, on what, and the facts in a
// sentence, with the tenant's name. The summary's values are presented as stored too: they were written
// without secrets.
export function presentAuditEntry(row: AuditEntryRow) {
  const summary = typeof row.summary === 'object' && row.summary !== null && !Array.isArray(row.summary) ? (row.summary as Record<string, unknown>) : {};
  const words = describeAuditEntry({ action: row.action, target_type: row.target_type, target_id: row.target_id, tenant_id: row.tenant_id, tenant_name: row.tenant_name, summary });
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    tenant_id: row.tenant_id,
    tenant_name: row.tenant_name,
    actor: { user_id: row.actor_user_id, token_id: row.actor_token_id, name: row.actor_name },
    action: row.action,
    action_label: words.action_label,
    target_type: row.target_type,
    target_id: row.target_id,
    target_label: words.target_label,
    summary,
    summary_text: words.summary_text,
    ip: row.ip,
    created_at: row.created_at.toISOString(),
  };
}

/**
 * The CSV export's columns, in order: the entry's fields flattened, its words as the trail shows them (summary is
 * the sentence), and the stored values last as JSON for scripts.
 */
export const auditCsvColumns = [
  'id',
  'created_at',
  'actor_user_id',
  'actor_token_id',
  'actor_name',
  'action',
  'action_label',
  'tenant_id',
  'tenant_name',
  'target_type',
  'target_id',
  'target',
  'summary',
  'ip',
  'summary_values',
] as const;

export function auditCsvRecord(row: AuditEntryRow): Record<(typeof auditCsvColumns)[number], string | number | null> {
  const entry = presentAuditEntry(row);
  return {
    id: entry.id,
    created_at: entry.created_at,
    actor_user_id: entry.actor.user_id,
    actor_token_id: entry.actor.token_id,
    actor_name: entry.actor.name,
    action: entry.action,
    action_label: entry.action_label,
    tenant_id: entry.tenant_id,
    tenant_name: entry.tenant_name,
    target_type: entry.target_type,
    target_id: entry.target_id,
    target: entry.target_label,
    summary: entry.summary_text,
    ip: entry.ip,
    summary_values: JSON.stringify(entry.summary),
  };
}
