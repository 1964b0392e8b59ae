import type { ApiSchemas } from './types';

// Baselines, findings, the tenant dashboard and the portfolio (SPEC §3, §4; issue 7), as the OpenAPI document
// names them. Finding status, severity and kind are answered "as stored"; the words below are the ones the
// spec defines and the filters offer.
export type Finding = ApiSchemas['Finding'];
export type FindingDetail = ApiSchemas['FindingDetail'];
export type TriageActionOption = FindingDetail['triage_actions'][number];
export type FindingChange = Finding['evidence']['changes'][number];
export type FindingPage = ApiSchemas['FindingPage'];
export type Baseline = ApiSchemas['Baseline'];
export type TenantDashboard = ApiSchemas['TenantDashboard'];
export type NeedsAttentionItem = ApiSchemas['NeedsAttentionItem'];
export type Portfolio = ApiSchemas['Portfolio'];
export type PortfolioRow = ApiSchemas['PortfolioRow'];
export type LatestRun = NonNullable<PortfolioRow['last_sync']>;

export const findingSeverities = ['critical', 'high', 'medium', 'low'] as const;
export type FindingSeverity = (typeof findingSeverities)[number];
export const findingStatuses = ['open', 'closed'] as const;
export const findingKinds = ['missing_policy', 'unexpected_policy', 'changed_policy'] as const;
export const manualClosedReasons = ['risk_accepted', 'false_positive'] as const;
export type ManualClosedReason = (typeof manualClosedReasons)[number];

export interface FindingFilters {
  status: string | null;
  severity: string | null;
  kind: string | null;
  policy_type: string | null;
}

export type DriftFreshnessState = TenantDashboard['drift']['freshness']['state'];
/** The portfolio's freshness filter: the labels are the ones the server gives each state (domain/drift). */
export const driftFreshnessOptions = [
  { value: 'fresh', label: 'Fresh' },
  { value: 'partial', label: 'Partly scanned' },
  { value: 'stale', label: 'Stale' },
  { value: 'never_scanned', label: 'Never scanned' },
] as const satisfies readonly { value: DriftFreshnessState; label: string }[];

export const portfolioSortKeys = ['name', 'lifecycle', 'open_findings', 'last_sync', 'last_scan', 'active_runs'] as const;
export type PortfolioSortKey = (typeof portfolioSortKeys)[number];

export interface PortfolioFilters {
  lifecycle: string | null;
  needs_attention: boolean;
  freshness: DriftFreshnessState | null;
  sort: PortfolioSortKey;
  direction: 'asc' | 'desc';
}
