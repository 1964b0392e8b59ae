import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';
import type { FailureEntry, SummaryCounts } from '../domain/operations';

// Kysely's view of the tables of SPEC §9 (plus sessions, api tokens and baselines, the team's design).
// Ids are bigint identities, parsed to numbers by the connection (see database.ts).
type Id = Generated<number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string | T | undefined, string | T>;

// The shapes of summary_counts and failure_summary have one home: the operations domain.
export type { FailureEntry, SummaryCounts } from '../domain/operations';

export interface WorkspacesTable {
  id: Id;
  name: string | null;
  slug: string | null;
  created_at: CreatedAt;
  /** Hours between scheduled syncs and scans of every active tenant; null = off. */
  sync_scan_interval_hours: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface UsersTable {
  id: Id;
  email: string | null;
  name: string | null;
  password_hash: string | null;
  created_at: CreatedAt;
  last_sign_in_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface WorkspaceMembershipsTable {
  id: Id;
  workspace_id: number | null;
  user_id: number | null;
  role: Generated<string>;
  created_at: CreatedAt;
}

export interface TenantsTable {
  id: Id;
  workspace_id: number;
  name: string;
  domain: string | null;
  entra_tenant_id: string | null;
  status: Generated<string | null>;
  app_status: string | null;
  rbac_status: string | null;
  deleted_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface ProviderConnectionsTable {
  id: Id;
  tenant_id: number | null;
  client_id: string | null;
  client_secret: string | null;
  entra_tenant_id: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface OperationRunsTable {
  id: Id;
  workspace_id: number;
  tenant_id: number | null;
  user_id: number | null;
  type: string;
  status: Generated<string>;
  outcome: Generated<string>;
  selection_hash: Generated<string>;
  context: Json<Record<string, unknown>>;
  summary_counts: Json<SummaryCounts>;
  failure_summary: Json<FailureEntry[]>;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  completed_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  worker_id: string | null;
}

/** Runs per (status, outcome), kept by triggers (migrations 0002, 0003): O(1) tab counts. */
export interface OperationRunTalliesTable {
  workspace_id: number;
  tenant_id: number | null;
  status: string;
  outcome: string;
  run_count: number;
}

/** The same per run type (migration 0003), for tab counts of a type-filtered list. */
export interface OperationRunTypeTalliesTable extends OperationRunTalliesTable {
  type: string;
}

/** Runs created (kind 'created') and completed (kind 'completed', per outcome) per UTC day (migration 0003). */
export interface OperationRunDailyTalliesTable {
  workspace_id: number;
  tenant_id: number | null;
  day: ColumnType<string, string, string>;
  kind: 'created' | 'completed';
  outcome: string;
  run_count: number;
  timed_count: number;
  /** numeric in SQL, so it arrives as a string. */
  duration_seconds_sum: ColumnType<string, string | number, string | number>;
}

export interface InventorySyncRunsTable {
  id: Id;
  tenant_id: number;
  operation_run_id: number | null;
  selection_hash: string | null;
  selection_payload: Json<unknown> | null;
  status: Generated<string>;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  items_observed: Generated<number>;
  items_upserted: Generated<number>;
  errors_count: Generated<number>;
}

export interface InventoryItemsTable {
  id: Id;
  tenant_id: number;
  policy_type: string;
  external_id: string;
  display_name: string | null;
  category: string | null;
  platform: string | null;
  content_hash: string | null;
  payload: Json<unknown> | null;
  last_seen_at: Generated<Date>;
  last_seen_sync_run_id: number | null;
  first_seen_at: Generated<Date>;
  content_changed_at: Generated<Date>;
  missing_since_sync_run_id: number | null;
  /** Generated: lower(coalesce(display_name, external_id)), collation "C". */
  name_key: GeneratedAlways<string>;
}

export interface InventoryItemTalliesTable {
  tenant_id: number;
  policy_type: string;
  items: Generated<number>;
}

export interface InventoryTypeStatesTable {
  tenant_id: number;
  policy_type: string;
  last_sync_run_id: number | null;
  last_status: string;
  last_error_code: string | null;
  last_synced_at: Generated<Date>;
  last_succeeded_sync_run_id: number | null;
  last_succeeded_at: Timestamp | null;
}

export interface InventorySyncStagedTable {
  sync_run_id: number;
  policy_type: string;
  external_id: string;
  display_name: string | null;
  category: string | null;
  platform: string | null;
  content_hash: string;
  payload: Json<unknown>;
}

export interface BaselinesTable {
  id: Id;
  tenant_id: number;
  operation_run_id: number | null;
  captured_at: CreatedAt;
  inventory_sync_run_id: number | null;
  /** The policy types the baseline holds (those whose last sync succeeded when it was captured). */
  policy_types: Json<string[]>;
  item_count: Generated<number>;
  /** Set when the capture finished; only then is it the tenant's current baseline. */
  completed_at: Timestamp | null;
}

export interface BaselineItemsTable {
  id: Id;
  baseline_id: number;
  policy_type: string;
  external_id: string;
  display_name: string | null;
  content_hash: string | null;
  payload: Json<unknown> | null;
}

export interface FindingsTable {
  id: Id;
  tenant_id: number;
  kind: string;
  severity: string;
  status: Generated<string>;
  closed_reason: string | null;
  scope_key: string | null;
  fingerprint: string;
  policy_type: string | null;
  subject_external_id: string | null;
  subject_display_name: string | null;
  evidence: Json<unknown> | null;
  first_seen_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  acknowledged_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_at: CreatedAt;
  baseline_id: number | null;
  last_scan_run_id: number | null;
  acknowledged_by_user_id: number | null;
  closed_by_user_id: number | null;
  closed_note: string | null;
  reopened_at: Timestamp | null;
}

/** Findings per tenant, status and severity, kept by triggers (migration 0013). */
export interface FindingTalliesTable {
  tenant_id: number;
  status: string;
  severity: string;
  finding_count: number;
}

export interface SessionsTable {
  sid: string;
  data: Json<Record<string, unknown>>;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Id;
  user_id: number;
  name: string | null;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Append-only (migration 0012): the database refuses UPDATE, DELETE and TRUNCATE. */
export interface AuditEntriesTable {
  id: GeneratedAlways<number>;
  workspace_id: number | null;
  tenant_id: number | null;
  actor_user_id: number | null;
  actor_token_id: number | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: Json<Record<string, unknown>>;
  ip: string | null;
  created_at: CreatedAt;
}

export interface WorkspaceInvitationsTable {
  id: GeneratedAlways<number>;
  workspace_id: number;
  email: string;
  role: string;
  token_hash: string;
  invited_by_user_id: number | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  accepted_user_id: number | null;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** An OpenID Connect identity (Entra ID) linked to a user at their first sign-in with it (migration 0014). */
export interface UserIdentitiesTable {
  id: GeneratedAlways<number>;
  user_id: number;
  issuer: string;
  subject: string;
  email: string | null;
  created_at: CreatedAt;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Settings-catalog definitions, product-wide (migration 0018): the words for a definition id and its options. */
export interface SettingDefinitionsTable {
  id: string;
  display_name: string | null;
  description: string | null;
  /** [{ item_id, display_name }] of a choice setting's options. */
  options: Json<{ item_id: string; display_name: string | null }[]>;
  refreshed_at: Generated<Date>;
}

/** Per tenant, the display name of a group or assignment filter named by id in the inventory (migration 0018). */
export interface DirectoryNamesTable {
  tenant_id: number;
  /** group | assignment_filter */
  kind: string;
  object_id: string;
  display_name: string | null;
  /** resolved | not_found */
  state: Generated<string>;
  resolved_at: Generated<Date>;
}

/** Per tenant and kind, whether names could be read at the last attempt (migration 0018). */
export interface DirectoryNameSourcesTable {
  tenant_id: number;
  kind: string;
  /** available | unavailable */
  status: string;
  /** Why names are unavailable: forbidden (a permission is missing), failed (Graph did not answer). */
  reason: string | null;
  checked_at: Generated<Date>;
}

/** One token bucket of the Graph request budget (migration 0017, src/db/queries/graph-request-budget.ts). */
export interface GraphRequestBudgetTable {
  kind: string;
  entra_tenant_id: string;
  client_id: ColumnType<string, string | undefined, string>;
  tokens: number;
  granted: ColumnType<number, number | undefined, number>;
  held_by: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Database {
  workspaces: WorkspacesTable;
  users: UsersTable;
  workspace_memberships: WorkspaceMembershipsTable;
  tenants: TenantsTable;
  provider_connections: ProviderConnectionsTable;
  operation_runs: OperationRunsTable;
  operation_run_tallies: OperationRunTalliesTable;
  operation_run_type_tallies: OperationRunTypeTalliesTable;
  operation_run_daily_tallies: OperationRunDailyTalliesTable;
  inventory_sync_runs: InventorySyncRunsTable;
  inventory_items: InventoryItemsTable;
  inventory_item_tallies: InventoryItemTalliesTable;
  inventory_type_states: InventoryTypeStatesTable;
  inventory_sync_staged: InventorySyncStagedTable;
  baselines: BaselinesTable;
  baseline_items: BaselineItemsTable;
  findings: FindingsTable;
  finding_tallies: FindingTalliesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_entries: AuditEntriesTable;
  workspace_invitations: WorkspaceInvitationsTable;
  user_identities: UserIdentitiesTable;
  setting_definitions: SettingDefinitionsTable;
  directory_names: DirectoryNamesTable;
  directory_name_sources: DirectoryNameSourcesTable;
  graph_request_budget: GraphRequestBudgetTable;
}

export type TenantRow = Selectable<TenantsTable>;
export type NewTenant = Insertable<TenantsTable>;
export type TenantUpdate = Updateable<TenantsTable>;
export type OperationRunRow = Selectable<OperationRunsTable>;
export type UserRow = Selectable<UsersTable>;
export type WorkspaceRow = Selectable<WorkspacesTable>;
