import type { z } from 'zod';
import type { tenantListQuery } from './input-schemas';

/** Ids are bigint identities, sent as JSON numbers. */
export type Id = number;

// The HTTP API's JSON shapes (SPEC §4 and the web brief). Field names are the API's snake_case on purpose:
// the same word means the same thing in SQL, API and UI.

export type Capability =
  | 'view'
  | 'start_operations'
  | 'cancel_operations'
  | 'acknowledge_findings'
  | 'manage_tenants'
  | 'manage_provider_connections'
  | 'close_findings'
  | 'manage_members';

export interface User {
  id: Id;
  email: string;
  name: string;
}

export interface Workspace {
  id: Id;
  name: string;
  slug: string;
  role: string;
  capabilities: Capability[];
}

export interface Me {
  user: User;
  workspaces: Workspace[];
}

// --- Lifecycle presentation (SPEC §2) ---

export type LifecycleBadgeColor = 'gray' | 'info' | 'success' | 'warning' | 'danger';
export type LifecycleBadgeIcon = 'pencil' | 'progress' | 'circle-check' | 'archive' | 'alert-triangle';
export type LifecycleSurface = 'table' | 'detail' | 'selector' | 'canonical_viewer' | 'banner';
export type LifecycleAction =
  | 'start_onboarding'
  | 'complete_onboarding'
  | 'cancel_onboarding'
  | 'archive'
  | 'restore';

export interface LifecyclePresentation {
  /** The raw stored value for the invalid fallback; one of the four canonical values otherwise. */
  value: string | null;
  label: string;
  badge_color: LifecycleBadgeColor;
  badge_icon: LifecycleBadgeIcon;
  short_description: string;
  long_description: string;
  is_invalid_fallback: boolean;
}

export interface LifecycleVariant {
  show_badge: boolean;
  show_short_description: boolean;
  show_long_description: boolean;
  show_context_note: boolean;
}

export interface LifecycleTransition {
  action: LifecycleAction;
  label: string;
  from: string;
  to: string;
  requires_confirmation: boolean;
}

export interface LifecycleCatalog {
  states: LifecyclePresentation[];
  variants: Record<LifecycleSurface, LifecycleVariant>;
  transitions: LifecycleTransition[];
  /** How a stored value that is not a lifecycle state is presented (its label names the filter option). */
  invalid_fallback: LifecyclePresentation;
}

// --- Tenants ---

/** A label and a colour token for app_status, rbac_status and run status/outcome: each its own vocabulary. */
export interface StatusPresentation {
  label: string;
  color: string;
}

export interface LifecycleActionOption {
  action: LifecycleAction;
  label: string;
  allowed: boolean;
  disabled_reason: string | null;
  requires_confirmation: boolean;
}

export interface Tenant {
  id: Id;
  workspace_id: Id;
  name: string;
  domain: string | null;
  entra_tenant_id: string | null;
  /** The raw stored lifecycle value; may be anything, so never read it for presentation. */
  status: string | null;
  lifecycle: LifecyclePresentation;
  app_status: string | null;
  rbac_status: string | null;
  app_status_presentation: StatusPresentation;
  rbac_status_presentation: StatusPresentation;
  deleted_at: string | null;
  created_at: string;
  lifecycle_actions: LifecycleActionOption[];
  /** The guided onboarding steps: on single-tenant answers (null unless onboarding), absent in lists. */
  onboarding?: TenantOnboarding | null;
}

export interface NewTenant {
  name: string;
  domain?: string;
  entra_tenant_id?: string;
}

export interface ProviderConnection {
  client_id: string;
  entra_tenant_id: string | null;
  has_secret: boolean;
  updated_at: string;
  /** The tenant's latest verification, and whether it ran after this connection was last saved. */
  last_verification: {
    run_id: Id;
    status: RunStatus;
    outcome: RunOutcome;
    created_at: string;
    completed_at: string | null;
    failure: { code: string; message: string } | null;
    after_last_save: boolean;
  } | null;
}

export interface ProviderConnectionInput {
  client_id: string;
  client_secret: string;
  entra_tenant_id?: string;
}

// --- Operations (SPEC §3, §4) ---

export type RunStatus = 'queued' | 'running' | 'completed';
export type RunOutcome = 'pending' | 'succeeded' | 'partial' | 'failed' | 'cancelled';
export type RunsTab = 'all' | 'active' | 'succeeded' | 'partial' | 'failed';

export const SUMMARY_COUNT_KEYS = [
  'total',
  'processed',
  'succeeded',
  'failed',
  'skipped',
  'created',
  'updated',
  'unchanged',
  'removed',
] as const;
export type SummaryCountKey = (typeof SUMMARY_COUNT_KEYS)[number];

export interface FailureSummaryEntry {
  code: string;
  message: string;
  count: number;
}

export interface Run {
  id: Id;
  workspace_id: Id;
  tenant_id: Id | null;
  type: string;
  type_label: string;
  status: RunStatus;
  outcome: RunOutcome;
  status_presentation: StatusPresentation;
  outcome_presentation: StatusPresentation;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  duration_seconds: number | null;
  summary_counts: Partial<Record<SummaryCountKey, number>>;
  failure_summary: FailureSummaryEntry[];
  context: Record<string, unknown> | null;
  initiator: { user_id: Id; name: string } | null;
  /** Who cancelled the run, when a person did. */
  cancelled_by: { user_id: Id; name: string } | null;
  /** Graph requests the run retried (throttling, transient errors); null when none. */
  retries: { count: number; by_cause: Record<string, number>; waited_seconds: number } | null;
}

export interface OperationKpis {
  total_runs_30d: number;
  active_runs: number;
  failed_or_partial_7d: number;
  avg_duration_seconds_7d: number | null;
}

export interface RunsPage {
  runs: Run[];
  next_cursor: string | null;
  tab_counts: Record<RunsTab, number>;
  /** Every run of the tenant, whatever the type filter: an empty filtered list can say others exist. */
  all_types_total: number;
}

export interface OperationType {
  type: string;
  label: string;
}

export interface ReferencedTenant {
  tenant_id: Id | null;
  tenant_name: string | null;
  lifecycle_value: string | null;
  viewer_context: 'operation_run';
  context_note: string | null;
  lifecycle: LifecyclePresentation | null;
}

export interface RunView {
  run: Run;
  referenced_tenant: ReferencedTenant;
}

export interface StartedRun {
  run: Run;
  reused: boolean;
}

/** Lifecycle filter values of the tenant list: the four states and `invalid` (SPEC §4 `status`), as the server's schema lists them. */
export type LifecycleFilterValue = NonNullable<z.infer<typeof tenantListQuery>['status']>;

export interface TenantPage {
  tenants: Tenant[];
  next_cursor: string | null;
  /** Tenants matching the search, per lifecycle filter value (whatever the status filter). */
  status_counts: Record<LifecycleFilterValue, number>;
}

export type OnboardingStepKey = 'connection_saved' | 'verification_succeeded' | 'complete';

/** A tenant's guided onboarding (single-tenant answers only, while it is onboarding). */
export interface TenantOnboarding {
  steps: Array<{ key: OnboardingStepKey; label: string; state: 'done' | 'current' | 'running' | 'failed' | 'waiting'; detail: string; run_id: Id | null }>;
  can_complete: boolean;
  missing_step: OnboardingStepKey | null;
}
