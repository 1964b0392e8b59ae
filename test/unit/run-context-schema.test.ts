import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { OperationRunRecord } from '../../src/db/queries/operation-runs';
import { scanScope, type ScanGap } from '../../src/domain/drift/scan-scope';
import type { TypeResult } from '../../src/domain/inventory';
import type { RunRetries } from '../../src/domain/operations/run-retries';
import { presentContext, presentRun } from '../../src/http/presenters/operation-run';
import { runSchema } from '../../src/http/schemas/operations';
import { driftScanContextShape, engineContextShape, inventorySyncContextShape, providerVerifyContextShape } from '../../src/http/schemas/run-context';
import { SyncTally } from '../../src/jobs/handlers/inventory-sync/sync-tally';
import { inferPermissions, type OrganizationResult, type PermissionResult, type ProbeResult } from '../../src/jobs/handlers/provider-verify';

// A run's context is typed in the API (issue 20 item 12): what the handlers write must fit what the OpenAPI document
// declares (checked here at compile time, by `npm run typecheck`), and the presenter answers each known key in that
// shape — a stored value that does not fit is left out, never answered mistyped (which the response check would turn
// into a 500) — while keys this version does not know pass through.

type Input<S extends z.ZodType> = z.input<S>;

describe('run context schema', () => {
  it('declares the shapes the handlers write', () => {
    expectTypeOf<TypeResult[]>().toExtend<Input<typeof inventorySyncContextShape.type_results>>();
    expectTypeOf<ScanGap[]>().toExtend<Input<typeof driftScanContextShape.gaps>>();
    expectTypeOf<ProbeResult[]>().toExtend<Input<typeof providerVerifyContextShape.probes>>();
    expectTypeOf<PermissionResult[]>().toExtend<Input<typeof providerVerifyContextShape.permissions>>();
    expectTypeOf<OrganizationResult>().toExtend<Input<typeof providerVerifyContextShape.organization>>();
    expectTypeOf<RunRetries>().toExtend<Input<typeof engineContextShape.graph_retries>>();
  });

  it('answers what an inventory sync reports as reported, and an unknown key as stored', async () => {
    let reported: Record<string, unknown> = {};
    const tally = new SyncTally({ report: async (patch) => void (reported = { ...reported, ...patch }), progress: async () => {} }, 7, 2);
    tally.read(40, { windowsQualityUpdate: 2 });
    tally.applied({ created: 30, updated: 5, unchanged: 3, removed: 0 });
    tally.typesDone([
      { policy_type: 'deviceConfiguration', status: 'succeeded', item_count: 38, error_code: null },
      { policy_type: 'settingsCatalogPolicy', status: 'failed', item_count: 0, error_code: 'graph.forbidden', error_message: 'Refused' },
    ]);
    await tally.report();
    const stored = { selection: { policy_types: ['deviceConfiguration', 'settingsCatalogPolicy'] }, ...reported, from_an_older_version: { any: 'thing' } };
    expect(presentContext(stored)).toEqual(stored);
    // Any run type may be started with a selection of its own.
    expect(presentContext({ selection: { sleep_ms: 1 }, executions: ['worker-1'] })).toEqual({ selection: { sleep_ms: 1 }, executions: ['worker-1'] });
  });

  it('answers what a verification and a scan report as reported', () => {
    const probes: ProbeResult[] = [
      { resource: 'deviceManagement/deviceConfigurations', api_version: 'beta', types: ['deviceConfiguration'], needed_for: ['Device configuration'], permissions: ['DeviceManagementConfiguration.Read.All'], optional: false, status: 'granted', code: null, message: null },
    ];
    const { compared, gaps } = scanScope(['deviceConfiguration', 'compliancePolicy'], [
      { policy_type: 'deviceConfiguration', last_status: 'succeeded', last_error_code: null },
      { policy_type: 'compliancePolicy', last_status: 'failed', last_error_code: 'graph.unavailable' },
    ]);
    const stored = {
      probes,
      permissions: inferPermissions(probes),
      organization: { status: 'read', display_name: 'Contoso', default_domain: 'contoso.com', code: null },
      baseline_id: 3,
      baseline_captured_at: '2026-12-01T10:00:00.000Z',
      compared_types: compared,
      gaps,
      findings: { drifted_policies: 1, new: 1, still_open: 0, reopened: 0, resolved: 0, kept_closed: 0 },
      cancelled_by_user_id: 12,
    };
    expect(gaps).toEqual([{ policy_type: 'compliancePolicy', reason: 'last_sync_failed', error_code: 'graph.unavailable' }]);
    expect(presentContext(stored)).toEqual(stored);
  });

  it('leaves out a known key whose stored value does not fit, and the run still passes the response check', () => {
    const context = { gaps: 'not a list', progress: { types_done: '3' }, compared_types: ['deviceConfiguration'], note: 'kept' };
    expect(presentContext(context)).toEqual({ compared_types: ['deviceConfiguration'], note: 'kept' });
    const run: OperationRunRecord = {
      id: 1, workspace_id: 1, tenant_id: 1, user_id: null, type: 'drift.scan', status: 'completed', outcome: 'succeeded', selection_hash: '',
      context, summary_counts: {}, failure_summary: [], created_at: new Date(), started_at: null, completed_at: null, heartbeat_at: null, worker_id: null,
      initiator_name: null, cancelled_by_name: null,
    };
    expect(runSchema.safeParse(presentRun(run)).success).toBe(true);
  });
});
