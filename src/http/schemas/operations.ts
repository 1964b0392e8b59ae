import { z } from 'zod';
import { runTabs, summaryCountKeys } from '../../domain/operations';
import { inputText, isoTime } from './common';
import { referencedTenantSchema } from './lifecycle';
import { runContextSchema } from './run-context';

export const runPresentationSchema = z.object({ label: z.string(), color: z.enum(['gray', 'info', 'success', 'warning', 'danger']) });

export const failureEntrySchema = z.object({ code: z.string(), message: z.string(), count: z.number().int() });

export const runSchema = z.object({
  id: z.number(),
  workspace_id: z.number(),
  tenant_id: z.number().nullable().describe('null for a workspace-level run'),
  type: z.string(),
  type_label: z.string().describe('Human label; "Unknown type (…)" for a type this version does not know'),
  status: z.string().describe('queued, running or completed (as stored)'),
  outcome: z.string().describe('pending, succeeded, partial, failed or cancelled (as stored)'),
  status_presentation: runPresentationSchema,
  outcome_presentation: runPresentationSchema,
  created_at: isoTime,
  started_at: isoTime.nullable(),
  completed_at: isoTime.nullable(),
  duration_seconds: z.number().nullable(),
  summary_counts: z.object(Object.fromEntries(summaryCountKeys.map((key) => [key, z.number().optional()]))),
  failure_summary: z.array(failureEntrySchema),
  context: runContextSchema.nullable(),
  initiator: z.object({ user_id: z.number(), name: z.string() }).nullable(),
  cancelled_by: z.object({ user_id: z.number(), name: z.string() }).nullable().describe('Who cancelled the run (outcome cancelled by a person), else null'),
  retries: z
    .object({
      count: z.number().int(),
      by_cause: z.record(z.string(), z.number()).describe('Retries per HTTP status ("429", "503", …) or "network"'),
      waited_seconds: z.number(),
    })
    .nullable()
    .describe('Graph requests this run retried (throttling, transient errors), or null when none'),
}).meta({ id: 'Run' });

export const startedRunSchema = z.object({
  run: runSchema,
  reused: z.boolean().describe('true when an active run with the same identity was returned instead of a new one'),
}).meta({ id: 'StartedRun' });

export const operationKpisSchema = z.object({
  total_runs_30d: z.number().int(),
  active_runs: z.number().int(),
  failed_or_partial_7d: z.number().int(),
  avg_duration_seconds_7d: z.number().nullable(),
}).meta({ id: 'OperationKpis' });

export const tabCountsSchema = z.object(Object.fromEntries(runTabs.map((tab) => [tab, z.number().int()])) as Record<(typeof runTabs)[number], z.ZodNumber>);

export const runListQuery = z.object({
  tab: z.enum(runTabs).default('all'),
  type: inputText().trim().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/, 'must be a run type like inventory.sync').optional(),
  cursor: inputText().max(1000).optional().describe('next_cursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const runListSchema = z.object({
  runs: z.array(runSchema),
  next_cursor: z.string().nullable(),
  tab_counts: tabCountsSchema,
  all_types_total: z.number().int().describe('All runs of the tenant, ignoring the type filter (and the tab)'),
}).meta({ id: 'RunsPage' });

export const runViewSchema = z.object({ run: runSchema, referenced_tenant: referencedTenantSchema }).meta({ id: 'RunView' });

export const operationTypesSchema = z.object({ types: z.array(z.object({ type: z.string(), label: z.string() })) }).meta({ id: 'OperationTypes' });
