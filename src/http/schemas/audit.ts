import { z } from 'zod';
import { auditActions } from '../../domain/audit';
import { idParam, inputText, isoTime } from './common';

export const auditEntrySchema = z
  .object({
    id: z.number(),
    workspace_id: z.number().nullable(),
    tenant_id: z.number().nullable(),
    tenant_name: z.string().nullable().describe("The entry's tenant as it is named now"),
    actor: z.object({
      user_id: z.number().nullable(),
      token_id: z.number().nullable().describe('Set when a script acted through an API token'),
      name: z.string().nullable().describe('The actor as named at the time; "Schedule" or "Command line" for the system'),
    }),
    action: z.string().describe('A dotted action name (SPEC §4), as stored'),
    action_label: z.string().describe('The action in words, e.g. "Finding acknowledged", "Closed as accepted risk"'),
    target_type: z.string().nullable(),
    target_id: z.string().nullable(),
    target_label: z.string().nullable().describe('The target in words, with names, e.g. "tenant Contoso (3)", "inventory sync run #21 of Contoso"'),
    summary: z.record(z.string(), z.unknown()).describe('What changed: before/after values or the facts of what was created; never a secret'),
    summary_text: z.string().describe('The summary as a sentence, as the console and the CSV export show it; empty when there is nothing to add'),
    ip: z.string().nullable(),
    created_at: isoTime,
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), next_cursor: z.string().nullable() }).meta({ id: 'AuditPage' });

const instant = (field: string) =>
  inputText()
    .refine((value) => !Number.isNaN(Date.parse(value)), `${field}: an ISO 8601 time, like 2026-12-01T09:00:00Z`)
    .transform((value) => new Date(value));

export const auditQuery = z.object({
  actor_user_id: idParam.optional(),
  action: z.enum(auditActions).optional(),
  tenant_id: idParam.optional(),
  from: instant('from').optional().describe('Entries at or after this time'),
  to: instant('to').optional().describe('Entries before this time'),
  cursor: inputText().max(1000).optional().describe('next_cursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
