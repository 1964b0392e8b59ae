import { z } from 'zod';
import { isoTime } from './common';

// A run's `context` as the API answers it (SPEC §4): the keys each run type writes (at start: the selection; while it
// runs: what its handler reports, src/jobs/handlers/), typed here so they land in the OpenAPI document and the web app
// reads them through the generated types instead of copying keys and shapes by hand. Keys this version does not
// know (older rows, other versions, raw SQL) pass through untyped; a known key whose stored value does not fit is
// left out by the presenter (presentContext, src/http/presenters/operation-run.ts), so a malformed row never breaks a page.
// test/unit/run-context-schema.test.ts checks at compile time that what the handlers write fits these schemas.

// --- inventory.sync (src/jobs/handlers/inventory-sync/) ---

const syncTypeResultSchema = z.object({
  policy_type: z.string(),
  status: z.enum(['succeeded', 'partial', 'failed']).describe('partial: the type was listed, but some of its policies could not be read in full (failed_items)'),
  item_count: z.number().int(),
  error_code: z.string().nullable(),
  error_message: z.string().nullable().optional(),
  failed_items: z.array(z.object({ external_id: z.string(), display_name: z.string(), error_code: z.string(), error_message: z.string() })).optional(),
  failed_item_count: z.number().int().optional(),
}).meta({ id: 'SyncTypeResult' });

const directoryNamesOfKindSchema = z.object({
  referenced: z.number().int().describe('Ids the assignments use'),
  looked_up: z.number().int().describe('Names this sync read'),
  unavailable: z.enum(['forbidden', 'failed']).nullable().describe('forbidden: Graph refused the lookup (a permission is missing); failed: Graph did not answer'),
});

export const inventorySyncContextShape = {
  // Any run may be started with a selection (it is part of the run's identity); an inventory sync's names its policy types.
  selection: z.object({ policy_types: z.array(z.string()).optional() }).loose().describe('What the run was started for (an inventory sync: its policy types)'),
  inventory_sync_run_id: z.number().int().describe('Its row of the sync-runs list'),
  progress: z.object({ types_done: z.number().int(), types_total: z.number().int(), items_read: z.number().int() }).describe('The progress bar'),
  type_results: z.array(syncTypeResultSchema).describe('Per policy type, what its read did'),
  skipped_families: z.record(z.string(), z.number().int()).describe('Policies read that no type covers, per template family'),
  directory_names: z.object({ groups: directoryNamesOfKindSchema, filters: directoryNamesOfKindSchema }).describe('Group and assignment-filter names of the assignments'),
};

// --- baseline.capture and drift.scan (src/jobs/handlers/drift/) ---

const driftScanGapSchema = z.object({
  policy_type: z.string(),
  reason: z.enum(['last_sync_failed', 'never_synced', 'not_in_baseline']),
  error_code: z.string().nullable().describe('The failed sync\'s error code (last_sync_failed)'),
}).meta({ id: 'DriftScanGap' });

export const baselineCaptureContextShape = {
  baseline_id: z.number().int().describe('The baseline it captured'),
  policy_types_captured: z.number().int().describe('Policy types captured'),
  baseline_item_count: z.number().int().describe('Policies captured'),
};

export const driftScanContextShape = {
  baseline_id: z.number().int().describe('The baseline it compared against'),
  baseline_captured_at: isoTime.nullable().describe('When its baseline was captured'),
  compared_types: z.array(z.string()).describe('The policy types it compared'),
  gaps: z.array(driftScanGapSchema).describe('The types it could not compare, and why'),
  findings: z.object({
    drifted_policies: z.number().int(),
    new: z.number().int(),
    still_open: z.number().int(),
    reopened: z.number().int(),
    resolved: z.number().int(),
    kept_closed: z.number().int().describe('Closed by a person, seen again'),
  }).describe('What it did to the findings'),
};

// --- provider.verify (src/jobs/handlers/provider-verify.ts) ---

const verifyProbeSchema = z.object({
  resource: z.string().describe('The Graph collection, relative to its API version'),
  api_version: z.enum(['v1.0', 'beta']),
  types: z.array(z.string()),
  needed_for: z.array(z.string()),
  permissions: z.array(z.string()).describe('Any one of these allows the read'),
  optional: z.boolean(),
  status: z.enum(['granted', 'forbidden', 'not_licensed', 'error']),
  code: z.string().nullable(),
  message: z.string().nullable(),
}).meta({ id: 'VerifyProbe' });

const verifyPermissionSchema = z.object({
  permission: z.string(),
  status: z.enum(['granted', 'missing', 'unchecked']),
  optional: z.boolean().describe('Needed only for optional features: its absence is never a failure'),
  types: z.array(z.string()),
  needed_for: z.array(z.string()),
  detail: z.string().nullable(),
}).meta({ id: 'VerifyPermission' });

const verifyOrganizationSchema = z.object({
  status: z.enum(['read', 'not_permitted', 'error']),
  display_name: z.string().nullable(),
  default_domain: z.string().nullable(),
  code: z.string().nullable(),
}).meta({ id: 'VerifyOrganization' });

export const providerVerifyContextShape = {
  permissions: z.array(verifyPermissionSchema).describe('Per Graph application permission, granted, missing or unchecked'),
  probes: z.array(verifyProbeSchema).describe('Each Graph resource it read once, and the answer'),
  organization: verifyOrganizationSchema.describe("The tenant's name and default domain"),
};

// --- any run (the engine) ---

export const engineContextShape = {
  cancelled_by_user_id: z.number().int().describe('Who cancelled the run (answered by name as cancelled_by)'),
  graph_retries: z.object({ count: z.number().int(), by_cause: z.record(z.string(), z.number()), waited_seconds: z.number() }).describe('Graph retries (answered as retries)'),
};

// Each run type's keys, one OpenAPI schema per type (the web app lists a type's keys from it); a run's context is
// all of them at once, every key optional (a run reports its keys as it goes), and any other key untyped.
const contextOf = (id: string, shape: Record<string, z.ZodType>) =>
  z.object(Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.optional()]))).loose().meta({ id });

/** Every key a run type of this version writes. */
export const runContextKeySchemas = {
  ...inventorySyncContextShape,
  ...baselineCaptureContextShape,
  ...driftScanContextShape,
  ...providerVerifyContextShape,
  ...engineContextShape,
} satisfies Record<string, z.ZodType>;

type Optional<S extends Record<string, z.ZodType>> = z.ZodObject<{ [K in keyof S]: z.ZodOptional<S[K]> }, z.core.$loose>;

export const runContextSchema = z
  .intersection(
    z.intersection(
      z.intersection(
        contextOf('InventorySyncRunContext', inventorySyncContextShape) as Optional<typeof inventorySyncContextShape>,
        contextOf('BaselineCaptureRunContext', baselineCaptureContextShape) as Optional<typeof baselineCaptureContextShape>,
      ),
      z.intersection(
        contextOf('DriftScanRunContext', driftScanContextShape) as Optional<typeof driftScanContextShape>,
        contextOf('ProviderVerifyRunContext', providerVerifyContextShape) as Optional<typeof providerVerifyContextShape>,
      ),
    ),
    contextOf('EngineRunContext', engineContextShape) as Optional<typeof engineContextShape>,
  )
  .describe('What the run was started with and what it reported: the keys of its run type (keys this version does not know pass through untyped)')
  .meta({ id: 'RunContext' });

export type RunContext = z.infer<typeof runContextSchema>;
