import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AuditContext } from '../domain/audit';
import type { FaultSpec, SimFaults } from '../graph-sim';
import { startBaselineCapture } from '../use-cases/drift/start-baseline-capture';
import { startInventorySync } from '../use-cases/inventory/start-inventory-sync';
import { cancelOperation } from '../use-cases/operations/cancel-operation';
import type { RunQueue } from '../use-cases/operations/run-queue';
import { startOperation } from '../use-cases/operations/start-operation';
import type { DemoRun } from './demo-tenants';

export interface DemoHistoryDeps {
  db: Kysely<Database>;
  queue: RunQueue;
  faults: SimFaults;
  /** The demo's owner: every demo run is started (and audited) as theirs. */
  audit: AuditContext;
  log: (line: string) => void;
  /** Changes, adds and removes policies of a graph-sim tenant (demo-drift.ts). */
  makeDrift: (entraTenantId: string) => void;
}

const RUN_TIMEOUT_MS = 60_000;

/**
 * Executes one tenant's demo runs one after another through the real engine. Each waits for the previous to
 * complete, because a second start while one is active would (rightly) reuse the active run.
 */
export async function runDemoHistory(deps: DemoHistoryDeps, tenant: { id: number; entraTenantId: string }, runs: DemoRun[]): Promise<void> {
  for (const script of runs) {
    const type = script.type ?? 'provider.verify';
    if (script.before === 'make_drift') deps.makeDrift(tenant.entraTenantId);
    if (script.fault) deps.faults.set(tenant.entraTenantId, faultFor(script.fault));
    const ports = { db: deps.db, queue: deps.queue };
    const input = { tenantId: tenant.id, audit: deps.audit };
    const started =
      type === 'inventory.sync'
        ? await startInventorySync(ports, input)
        : type === 'baseline.capture'
          ? await startBaselineCapture(ports, input)
          : await startOperation(ports, { ...input, type });
    if (!started.ok) {
      deps.log(`Demo: could not start a run for tenant ${tenant.id}: ${started.message}`);
      return;
    }
    if (script.cancel) {
      await waitForStatus(deps.db, started.run.id, ['running', 'completed']);
      await cancelOperation(deps.db, started.run.id, deps.audit);
    }
    const finished = await waitForStatus(deps.db, started.run.id, ['completed']);
    deps.faults.clear(tenant.entraTenantId);
    if (!finished) {
      deps.log('Demo: a demo run is taking long; it finishes in the background.');
      return;
    }
  }
}

// Credentials are refused at the token endpoint; other one-off faults hit the run's first Graph read.
function faultFor(fault: NonNullable<DemoRun['fault']>): FaultSpec {
  if (fault.pathPrefix) return { ...fault, pathPrefix: fault.pathPrefix };
  return { ...fault, count: 1, pathPrefix: fault.kind === 'bad_credentials' ? 'oauth2' : 'organization' };
}

async function waitForStatus(db: Kysely<Database>, runId: number, statuses: string[]): Promise<boolean> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const row = await db.selectFrom('operation_runs').select('status').where('id', '=', runId).executeTakeFirst();
    if (row && statuses.includes(row.status)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
