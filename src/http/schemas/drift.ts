import { z } from 'zod';
import { findingKinds, findingSeverities, findingStatuses, manualClosedReasons, triageActions } from '../../domain/drift';
import { inputText, isoTime } from './common';

const changeSchema = z.object({
  path: z.string().describe('The changed setting or property, naming collection elements by identity (setting definition, assignment target), never by position'),
  area: z.enum(['setting', 'assignment', 'property']),
  change: z.enum(['added', 'removed', 'changed']),
  baseline: z.unknown().describe('The value in the baseline; null when added'),
  current: z.unknown().describe('The value now; null when removed'),
  label: z.string().describe("What changed in Intune's words: the setting's display name, the assignment's group name; the path when no name is known"),
  context: z.string().nullable().describe('The parent settings of a nested setting, by name'),
  baseline_text: z.string().nullable().describe('The baseline value in words (option label, group or filter name); null when the raw value is all there is'),
  current_text: z.string().nullable(),
  notes: z.array(z.string()).describe('Why a name could not be shown, e.g. "name unavailable: grant Group.Read.All"'),
});

export const findingSchema = z
  .object({
    id: z.number(),
    tenant_id: z.number(),
    kind: z.string().describe('missing_policy, unexpected_policy or changed_policy (as stored)'),
    kind_label: z.string(),
    severity: z.string().describe('critical, high, medium or low (as stored)'),
    status: z.string().describe('open or closed (as stored)'),
    closed_reason: z.string().nullable(),
    closed_note: z.string().nullable(),
    scope_key: z.string().nullable(),
    policy_type: z.string().nullable(),
    policy_type_label: z.string().nullable(),
    subject_external_id: z.string().nullable(),
    subject_display_name: z.string().nullable(),
    evidence: z.object({
      changes: z.array(changeSchema).describe('changed_policy: every changed setting, assignment and property (at most 200; see changes_total)'),
      changes_total: z.number().int(),
      changes_truncated: z.boolean(),
    }),
    first_seen_at: isoTime,
    last_seen_at: isoTime,
    acknowledged_at: isoTime.nullable(),
    acknowledged_by_user_id: z.number().nullable(),
    closed_at: isoTime.nullable(),
    closed_by_user_id: z.number().nullable(),
    reopened_at: isoTime.nullable(),
    created_at: isoTime,
    last_scan_run_id: z.number().nullable(),
  })
  .meta({ id: 'Finding' });

export const findingDetailSchema = findingSchema
  .extend({
    triage_actions: z.array(
      z.object({
        action: z.enum(triageActions),
        label: z.string(),
        allowed: z.boolean(),
        disabled_reason: z.string().nullable().describe('Why the viewer cannot take this action now: the role it needs, or the state the finding is in'),
      }),
    ),
  })
  .meta({ id: 'FindingDetail' });

export const findingListQuery = z.object({
  status: z.enum(findingStatuses).optional(),
  severity: z.enum(findingSeverities).optional(),
  kind: z.enum(findingKinds).optional(),
  policy_type: inputText().max(100).optional(),
  cursor: inputText().max(1000).optional().describe('next_cursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const findingListSchema = z.object({ findings: z.array(findingSchema), next_cursor: z.string().nullable() }).meta({ id: 'FindingPage' });

export const closeFindingBody = z.object({
  reason: z.enum(manualClosedReasons, { error: 'Choose a reason: risk_accepted or false_positive.' }),
  note: inputText().trim().max(2000, 'The note is longer than 2000 characters.').optional(),
});

export const baselineSchema = z
  .object({
    id: z.number(),
    tenant_id: z.number(),
    operation_run_id: z.number().nullable(),
    inventory_sync_run_id: z.number().nullable(),
    captured_at: isoTime,
    completed_at: isoTime,
    policy_types: z.array(z.string()),
    item_count: z.number().int(),
    is_current: z.boolean(),
  })
  .meta({ id: 'Baseline' });

export const baselineListSchema = z.object({ baselines: z.array(baselineSchema) }).meta({ id: 'BaselineList' });
