import { allValues } from './enums';
import type { components, paths } from './generated/openapi';

// The HTTP API's JSON shapes (SPEC §4), generated from the server's OpenAPI document (`npm run
// generate:api-types`, web/src/api/generated/openapi.ts): the server's Zod schemas are the one source, and a test
// fails when the generated file is stale. Field names are the API's snake_case on purpose: the same word means the
// same thing in SQL, API and UI. Narrower words below are the web app's vocabulary where the API answers a stored
// value "as stored" (a run's status may be anything an older version wrote). Runtime lists of enum values are
// checked against these types both ways (enums.ts).
export type ApiSchemas = components['schemas'];
type Schemas = ApiSchemas;
/** The JSON body a route accepts. */
export type RequestBody<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters a GET route accepts (its enums as the server's schema lists them). */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;

/** Ids are bigint identities, sent as JSON numbers. */
export type Id = number;

export type User = Schemas['User'];
export type Workspace = Schemas['Workspace'];
export type Capability = Workspace['capabilities'][number];
export type Me = Schemas['Me'];

// --- Lifecycle presentation (SPEC §2) ---

export type LifecyclePresentation = Schemas['LifecyclePresentation'];
export type LifecycleBadgeColor = LifecyclePresentation['badge_color'];
export type LifecycleBadgeIcon = LifecyclePresentation['badge_icon'];
export type LifecycleVariant = Schemas['LifecycleVariant'];
export type LifecycleCatalog = Schemas['LifecycleCatalog'];
export type LifecycleSurface = keyof LifecycleCatalog['variants'];
export type LifecycleTransition = LifecycleCatalog['transitions'][number];
export type LifecycleAction = LifecycleTransition['action'];

// --- Tenants ---

export type Tenant = Schemas['Tenant'];
/** A label and a colour token for app_status, rbac_status and run status/outcome: each its own vocabulary. */
export type StatusPresentation = Tenant['app_status_presentation'];
export type LifecycleActionOption = Tenant['lifecycle_actions'][number];
export type NewTenant = RequestBody<'/api/workspaces/{workspace_id}/tenants', 'post'>;
export type ProviderConnection = Schemas['ProviderConnection'];
export type ProviderConnectionInput = RequestBody<'/api/tenants/{tenant_id}/provider-connection', 'put'>;

// --- Operations (SPEC §3, §4) ---

/** The operations index's tabs, as the runs route's `tab` parameter lists them. */
export type RunsTab = NonNullable<QueryOf<'/api/tenants/{tenant_id}/operations'>['tab']>;
/** The counts a run may report (SPEC §3), as the Run schema names them. */
export type SummaryCountKey = keyof Run['summary_counts'];
export const SUMMARY_COUNT_KEYS = allValues<SummaryCountKey>()(['total', 'processed', 'succeeded', 'failed', 'skipped', 'created', 'updated', 'unchanged', 'removed']);

export type FailureSummaryEntry = Run['failure_summary'][number];
export type Run = Schemas['Run'];
/** What a run was started with and reported (src/http/schemas/run-context.ts): each run type's keys, typed. */
export type RunContext = Schemas['RunContext'];
/** An object type's named keys, without its index signature (a run context also passes unknown keys through). */
type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
/** The context keys each run type writes, as the server's per-type context schemas name them. */
export type InventorySyncContextKey = NamedKeys<Schemas['InventorySyncRunContext']>;
export type DriftScanContextKey = NamedKeys<Schemas['DriftScanRunContext']>;
export type ProviderVerifyContextKey = NamedKeys<Schemas['ProviderVerifyRunContext']>;
/** Keys the engine writes on any run (who cancelled it, its Graph retries). */
export type EngineContextKey = NamedKeys<Schemas['EngineRunContext']>;
export type OperationKpis = Schemas['OperationKpis'];
export type RunsPage = Schemas['RunsPage'];
export type OperationType = Schemas['OperationTypes']['types'][number];
export type ReferencedTenant = Schemas['ReferencedTenant'];
export type RunView = Schemas['RunView'];
export type StartedRun = Schemas['StartedRun'];

/** Lifecycle filter values of the tenant list: the four states and `invalid` (SPEC §4 `status`), as the server's schema lists them. */
export type LifecycleFilterValue = NonNullable<QueryOf<'/api/workspaces/{workspace_id}/tenants'>['status']>;
export type TenantPage = Schemas['TenantPage'];

/** A tenant's guided onboarding (single-tenant answers only, while it is onboarding). */
export type TenantOnboarding = NonNullable<Tenant['onboarding']>;
export type OnboardingStepKey = TenantOnboarding['steps'][number]['key'];
