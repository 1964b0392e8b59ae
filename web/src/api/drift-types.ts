import { allValues } from './enums';
import type { ApiSchemas, QueryOf, RequestBody } from './types';

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

type FindingQuery = QueryOf<'/api/tenants/{tenant_id}/findings'>;
type PortfolioQuery = QueryOf<'/api/workspaces/{workspace_id}/portfolio'>;

export type FindingSeverity = NonNullable<FindingQuery['severity']>;
export type FindingStatus = NonNullable<FindingQuery['status']>;
export type FindingKind = NonNullable<FindingQuery['kind']>;
/** Most severe first, as the dashboard, the portfolio and the filters show them. */
export const findingSeverities = allValues<FindingSeverity>()(['critical', 'high', 'medium', 'low']);
export const findingStatuses = allValues<FindingStatus>()(['open', 'closed']);
export const findingKinds = allValues<FindingKind>()(['missing_policy', 'unexpected_policy', 'changed_policy']);
/** The reasons a person may close a finding with (the close route's body). */
export type ManualClosedReason = RequestBody<'/api/findings/{finding_id}/close', 'post'>['reason'];
export const manualClosedReasons = allValues<ManualClosedReason>()(['risk_accepted', 'false_positive']);

export interface FindingFilters {
  status: FindingStatus | null;
  severity: FindingSeverity | null;
  kind: FindingKind | null;
  policy_type: string | null;
}

export type DriftFreshnessState = TenantDashboard['drift']['freshness']['state'];
const freshnessLabels: Record<DriftFreshnessState, string> = { fresh: 'Fresh', partial: 'Partly scanned', stale: 'Stale', never_scanned: 'Never scanned' };
/** The portfolio's freshness filter: the labels are the ones the server gives each state (domain/drift). */
export const driftFreshnessOptions = allValues<NonNullable<PortfolioQuery['freshness']>>()(['fresh', 'partial', 'stale', 'never_scanned']).map((value) => ({ value, label: freshnessLabels[value] }));

export type PortfolioSortKey = NonNullable<PortfolioQuery['sort']>;
export const portfolioSortKeys = allValues<PortfolioSortKey>()(['name', 'lifecycle', 'open_findings', 'last_sync', 'last_scan', 'active_runs']);

export interface PortfolioFilters {
  lifecycle: PortfolioQuery['lifecycle'] | null;
  needs_attention: boolean;
  freshness: DriftFreshnessState | null;
  sort: PortfolioSortKey;
  direction: NonNullable<PortfolioQuery['direction']>;
}
