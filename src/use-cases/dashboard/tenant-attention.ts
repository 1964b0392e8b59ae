import type { Kysely } from 'kysely';
import { readTenantFacts, type TenantFacts, type TenantScope } from '../../db/queries/tenant-dashboard';
import type { Database } from '../../db/schema';
import {
  attentionOutcomes,
  failedRunsSince as failedRunWindowStart,
  needsAttention,
  openBySeverity,
  type NeedsAttentionItem,
  type NeedsAttentionLinks,
  type OpenBySeverity,
} from '../../domain/dashboard';
import { driftFreshness, isDriftStale, type DriftFreshness } from '../../domain/drift';

// The drift facts and "Needs attention" of SPEC §3, for one tenant (the dashboard) or the tenants of a workspace
// (the portfolio) — one definition read by both, so their numbers cannot disagree.

export interface TenantAttention {
  open_by_severity: OpenBySeverity;
  open_total: number;
  last_scan_at: Date | null;
  stale: boolean;
  freshness: DriftFreshness;
  needs_attention: NeedsAttentionItem[];
}

export type TenantAttentionFacts = TenantFacts & { attention: TenantAttention };

/** The tenants in scope (in no particular order) with their facts and what needs attention, from one statement. */
export async function readTenantAttention(
  db: Kysely<Database>,
  scope: TenantScope,
  linksFor: (facts: TenantFacts) => NeedsAttentionLinks,
  now: Date,
): Promise<TenantAttentionFacts[]> {
  const facts = await readTenantFacts(db, scope, attentionOutcomes, failedRunWindowStart(now));
  return facts.map((tenantFacts) => ({ ...tenantFacts, attention: attentionOf(tenantFacts, linksFor(tenantFacts), now) }));
}

function attentionOf(facts: TenantFacts, links: NeedsAttentionLinks, now: Date): TenantAttention {
  const open = openBySeverity(facts.open_counts);
  const lastScan = facts.last_completed_scan;
  const freshness = driftFreshness(lastScan, now);
  const items = needsAttention({ openBySeverity: open.open_by_severity, failedRuns: facts.failed_runs, freshness, lifecycle: facts.tenant.status }, links);
  return { ...open, last_scan_at: lastScan?.completed_at ?? null, stale: isDriftStale(freshness), freshness, needs_attention: items };
}
