import type { BaselineRow } from '../../db/queries/baselines';
import type { FindingRow } from '../../db/queries/findings';
import { can, minimumRoleFor, type Role } from '../../domain/access/roles';
import { findingKindLabel, triageActions, triageCapability, triageLabels, triageRefusal } from '../../domain/drift';
import {
  emptyDirectoryVocabulary,
  emptySettingVocabulary,
  evidenceNameIds,
  findPolicyType,
  readableChange,
  type DirectoryVocabulary,
  type EvidenceChange,
  type SettingVocabulary,
} from '../../domain/inventory';

/** What a finding's evidence is read with: setting definitions and the tenant's group and filter names. */
export interface EvidenceNames {
  settings: SettingVocabulary;
  directory: DirectoryVocabulary;
}

const noNames: EvidenceNames = { settings: emptySettingVocabulary, directory: emptyDirectoryVocabulary };

// Findings and baselines → API JSON (SPEC §4). Evidence is read defensively: rows may be inserted directly
// (SPEC §9), so anything that is not a list of changes presents as none.

/** A finding; its evidence in words only as far as `names` knows (none: ids and raw values). */
export function presentFinding(row: FindingRow) {
  return presentNamedFinding(row, noNames);
}

export function presentNamedFinding(row: FindingRow, names: EvidenceNames) {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    kind: row.kind,
    kind_label: findingKindLabel(row.kind),
    severity: row.severity,
    status: row.status,
    closed_reason: row.closed_reason,
    closed_note: row.closed_note,
    scope_key: row.scope_key,
    policy_type: row.policy_type,
    policy_type_label: row.policy_type === null ? null : (findPolicyType(row.policy_type)?.label ?? `Unknown type (${row.policy_type})`),
    subject_external_id: row.subject_external_id,
    subject_display_name: row.subject_display_name,
    evidence: presentEvidence(row.evidence, names),
    first_seen_at: row.first_seen_at.toISOString(),
    last_seen_at: row.last_seen_at.toISOString(),
    acknowledged_at: row.acknowledged_at?.toISOString() ?? null,
    acknowledged_by_user_id: row.acknowledged_by_user_id,
    closed_at: row.closed_at?.toISOString() ?? null,
    closed_by_user_id: row.closed_by_user_id,
    reopened_at: row.reopened_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    last_scan_run_id: row.last_scan_run_id,
  };
}

/**
 * One finding as its page shows it: with each triage action allowed or disabled with the reason — the role
 * the viewer lacks (SPEC §5), or the state the finding is in — so the page never guesses either.
 */
export function presentFindingForViewer(row: FindingRow, role: Role, names: EvidenceNames = noNames) {
  return {
    ...presentNamedFinding(row, names),
    triage_actions: triageActions.map((action) => {
      const capability = triageCapability[action];
      const reason = can(role, capability) ? triageRefusal(action, row) : `Requires the ${minimumRoleFor(capability)} role or higher.`;
      return { action, label: triageLabels[action], allowed: reason === null, disabled_reason: reason };
    }),
  };
}

function storedChanges(evidence: unknown) {
  const record = typeof evidence === 'object' && evidence !== null && !Array.isArray(evidence) ? (evidence as Record<string, unknown>) : {};
  const changes = Array.isArray(record['changes'])
    ? record['changes']
        .filter((change): change is Record<string, unknown> => typeof change === 'object' && change !== null && typeof (change as Record<string, unknown>)['path'] === 'string')
        .map((change) => {
          const area = change['area'];
          const kind = change['change'];
          return {
            path: change['path'] as string,
            area: area === 'assignment' ? ('assignment' as const) : area === 'property' ? ('property' as const) : ('setting' as const),
            change: kind === 'added' ? ('added' as const) : kind === 'removed' ? ('removed' as const) : ('changed' as const),
            baseline: change['baseline'] ?? null,
            current: change['current'] ?? null,
          };
        })
    : [];
  return { record, changes };
}

/** The ids the evidence of these findings names, for one lookup of their names (`readableNamesFor`). */
export function findingNameIds(rows: readonly Pick<FindingRow, 'evidence'>[]): ReturnType<typeof evidenceNameIds> {
  const changes: EvidenceChange[] = rows.flatMap((row) => storedChanges(row.evidence).changes);
  return evidenceNameIds(changes);
}

// Stored evidence keeps identities (definition ids, group ids), so old findings read in words as soon as the
// names are known; the words are added here, never stored.
function presentEvidence(evidence: unknown, names: EvidenceNames) {
  const { record, changes: stored } = storedChanges(evidence);
  const changes = stored.map((change) => {
    // Spelled out rather than `{ ...change, ...readable }`: V8 builds a spread of two objects as a slow
    // dictionary-mode object, which made presenting a page of 50 findings ~6× slower (issue 20, throughput).
    const readable = readableChange(change, names.settings, names.directory);
    return {
      path: change.path,
      area: change.area,
      change: change.change,
      baseline: change.baseline,
      current: change.current,
      label: readable.label,
      context: readable.context,
      baseline_text: readable.baseline_text,
      current_text: readable.current_text,
      notes: readable.notes,
    };
  });
  return {
    changes,
    changes_total: typeof record['changes_total'] === 'number' ? record['changes_total'] : changes.length,
    changes_truncated: record['changes_truncated'] === true,
  };
}

export function presentBaseline(row: BaselineRow, currentId: number | null) {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    operation_run_id: row.operation_run_id,
    inventory_sync_run_id: row.inventory_sync_run_id,
    captured_at: row.captured_at.toISOString(),
    completed_at: (row.completed_at ?? row.captured_at).toISOString(),
    policy_types: Array.isArray(row.policy_types) ? row.policy_types : [],
    item_count: row.item_count,
    is_current: row.id === currentId,
  };
}
