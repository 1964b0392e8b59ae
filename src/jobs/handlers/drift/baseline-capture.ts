import { captureRefusal, typeWasRead } from '../../../domain/drift';
import { normalizePolicy } from '../../../domain/inventory';
import { completeBaseline, createBaseline, discardBaseline, insertBaselineItems } from '../../../db/queries/baselines';
import { latestFinishedSync, presentItemsPage } from '../../../db/queries/drift-inputs';
import { listTypeStates } from '../../../db/queries/inventory-type-states';
import { OperationFailure, type RunHandler } from '../../run-handler';

const PAGE = 500;

/**
 * baseline.capture (issue 7): snapshots the tenant's inventory as of its latest finished sync — every present
 * item of every policy type whose last read succeeded, as normalized content and hash — as the tenant's new
 * baseline. It becomes current only once complete; a capture that fails leaves the previous baseline current.
 */
export const baselineCapture: RunHandler = async (context) => {
  const { run, db, signal } = context;
  const tenantId = run.tenant_id;
  if (tenantId === null) throw new OperationFailure('baseline.no_tenant', 'A baseline belongs to a tenant.');
  const latest = await latestFinishedSync(db, tenantId);
  const refusal = captureRefusal(latest?.status ?? null);
  if (refusal) throw new OperationFailure(refusal.code, refusal.message);
  if (!latest) throw new Error('unreachable: a tenant without a finished sync is refused above');

  const policyTypes = (await listTypeStates(db, tenantId))
    .filter((state) => typeWasRead(state.last_status))
    .map((state) => state.policy_type)
    .sort();
  const baselineId = await createBaseline(db, { tenant_id: tenantId, operation_run_id: run.id, inventory_sync_run_id: latest.id, policy_types: policyTypes });
  let captured = 0;
  try {
    await context.report({ baseline_id: baselineId, policy_types_captured: policyTypes.length });
    for (let afterId = 0; ; ) {
      signal.throwIfAborted();
      const page = await presentItemsPage(db, tenantId, policyTypes, afterId, PAGE);
      if (page.length === 0) break;
      await insertBaselineItems(
        db,
        baselineId,
        page.map((item) => ({
          policy_type: item.policy_type,
          external_id: item.external_id,
          display_name: item.display_name,
          content_hash: item.content_hash,
          payload: normalizePolicy((item.payload ?? {}) as Record<string, unknown>, item.policy_type),
        })),
      );
      captured += page.length;
      afterId = page[page.length - 1]!.id;
      await context.progress({ total: captured, created: captured });
    }
    await completeBaseline(db, baselineId, captured);
  } catch (error) {
    await discardBaseline(db, baselineId);
    throw error;
  }
  await context.report({ baseline_item_count: captured });
  return { outcome: 'succeeded' };
};

