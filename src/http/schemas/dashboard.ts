import { z } from 'zod';
import { needsAttentionKinds, portfolioSortKeys, sortDirections } from '../../domain/dashboard';
import { driftFreshnessStates, findingSeverities } from '../../domain/drift';
import { lifecycleFilterValues } from '../../domain/lifecycle';
import { inputText, isoTime } from './common';
import { baselineSchema, findingSchema } from './drift';
import { runPresentationSchema, runSchema } from './operations';
import { tenantCursorMaxLength, tenantSchema } from './tenant';

const openBySeveritySchema = z.object(Object.fromEntries(findingSeverities.map((severity) => [severity, z.number().int()])) as Record<(typeof findingSeverities)[number], z.ZodNumber>);

export const needsAttentionItemSchema = z
  .object({
    kind: z.enum(needsAttentionKinds),
    title: z.string(),
    count: z.number().int(),
    href: z.string().describe('A console path: the filtered findings, the newest failed or partial run, or the dashboard\'s "Scan now"'),
  })
  .meta({ id: 'NeedsAttentionItem' });

const driftSchema = z.object({
  open_by_severity: openBySeveritySchema,
  open_total: z.number().int(),
  last_scan_at: isoTime.nullable().describe('completed_at of the newest drift scan that succeeded or was partial'),
  stale: z.boolean().describe('last_scan_at is null or older than 7 days'),
  freshness: z
    .object({ state: z.enum(driftFreshnessStates), label: z.string(), description: z.string() })
    .describe(
      'How current drift is, the one definition every surface shows: fresh (a scan that succeeded in the last 7 days), partial (the newest scan in the last 7 days was partial), ' +
        'stale (the last scan is older than 7 days) or never_scanned. stale is true exactly for stale and never_scanned.',
    )
    .meta({ id: 'DriftFreshness' }),
});

export const tenantDashboardSchema = z
  .object({
    tenant: tenantSchema,
    drift: driftSchema.extend({ current_baseline: baselineSchema.nullable() }),
    operations: z.object({ active: z.number().int(), failed_or_partial_7d: z.number().int() }),
    needs_attention: z.array(needsAttentionItemSchema),
    recent_findings: z.array(findingSchema),
    recent_runs: z.array(runSchema),
  })
  .meta({ id: 'TenantDashboard' });

const latestRunSchema = z
  .object({
    run_id: z.number(),
    status: z.string(),
    outcome: z.string(),
    status_presentation: runPresentationSchema,
    outcome_presentation: runPresentationSchema,
    created_at: isoTime,
    completed_at: isoTime.nullable(),
  })
  .nullable();

export const portfolioRowSchema = z
  .object({
    tenant: tenantSchema,
    drift: driftSchema,
    last_sync: latestRunSchema.describe("The tenant's newest inventory sync, whatever its state"),
    last_scan: latestRunSchema.describe("The tenant's newest drift scan, whatever its state"),
    active_runs: z.number().int(),
    needs_attention: z.array(needsAttentionItemSchema),
  })
  .meta({ id: 'PortfolioRow' });

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const portfolioQuery = z.object({
  lifecycle: z.enum(lifecycleFilterValues).optional(),
  needs_attention: flag.optional(),
  stale: flag.optional().describe('drift.stale: never scanned, or the last scan older than 7 days'),
  freshness: z.enum(driftFreshnessStates).optional().describe('Exactly the tenants whose drift.freshness.state is this'),
  sort: z.enum(portfolioSortKeys).default('name'),
  direction: z.enum(sortDirections).optional().describe('Default: ascending for name and lifecycle, descending otherwise'),
  cursor: inputText().max(tenantCursorMaxLength).optional().describe('next_cursor of the previous page (same sort and filters)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const portfolioSchema = z
  .object({
    rows: z.array(portfolioRowSchema),
    total_tenants: z.number().int().describe('Tenants in the workspace before filtering'),
    matching_tenants: z.number().int().describe('Tenants that pass the filters, on all pages together'),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'Portfolio' });
