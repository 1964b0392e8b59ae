import {
  changedPolicyDrift,
  driftCandidates,
  missingPolicyDrift,
  planFindingChanges,
  policyKey,
  scanScope,
  unexpectedPolicyDrift,
  type DetectedDrift,
} from '../../../domain/drift';
import { findPolicyType, normalizePolicy } from '../../../domain/inventory';
import { baselineItemContents, baselineItemHashes, findCurrentBaseline } from '../../../db/queries/baselines';
import { presentItemHashes, presentItemPayloads } from '../../../db/queries/drift-inputs';
import { applyFindingPlan, knownFindings } from '../../../db/queries/finding-store';
import { listTypeStates } from '../../../db/queries/inventory-type-states';
import { selectionHash } from '../../../use-cases/operations/start-operation';
import { OperationFailure, type RunHandler } from '../../run-handler';
import { fingerprintHash } from './fingerprint-hash';

const CONTENT_BATCH = 200;

/**
 * drift.scan (SPEC §1, §7; issue 7): compares the latest inventory with the tenant's current baseline and
 * records the difference as findings. Only types present in the baseline and read successfully by their last
 * sync are compared; the others are gaps in the run's context (and the run ends `partial` when a type could
 * not be compared because its sync failed). No Graph call: the scan reads the database only.
 */
export const driftScan: RunHandler = async (context) => {
  const { run, db, signal } = context;
  const tenantId = run.tenant_id;
  if (tenantId === null) throw new OperationFailure('drift.no_tenant', 'A drift scan belongs to a tenant.');
  const baseline = await findCurrentBaseline(db, tenantId);
  if (!baseline) throw new OperationFailure('drift.no_baseline', 'This tenant has no baseline yet: capture one, then scan.');

  const { compared, gaps } = scanScope(baseline.policy_types, await listTypeStates(db, tenantId));
  const comparedTypes = new Set(compared);
  // The compared selection's hash, made the way a run's selection hash is.
  const scopeKey = selectionHash({ policy_types: compared });
  await context.report({ baseline_id: baseline.id, baseline_captured_at: baseline.completed_at?.toISOString() ?? null, compared_types: compared, gaps });

  const baselineHashes = await baselineItemHashes(db, baseline.id);
  const candidates = driftCandidates(baselineHashes, await presentItemHashes(db, tenantId, compared), comparedTypes);
  // Policies compared: the baseline's in the compared types, plus the ones that appeared since.
  const comparedPolicies = baselineHashes.filter((policy) => comparedTypes.has(policy.policy_type)).length + candidates.unexpected.length;
  const detected: DetectedDrift[] = [
    ...candidates.missing.map((policy) => missingPolicyDrift(tenantId, policy, fingerprintHash)),
    ...candidates.unexpected.map((policy) => unexpectedPolicyDrift(tenantId, policy, fingerprintHash)),
  ];
  for (let start = 0; start < candidates.changed.length; start += CONTENT_BATCH) {
    signal.throwIfAborted();
    const batch = candidates.changed.slice(start, start + CONTENT_BATCH);
    const keys = batch.map((pair) => pair.current);
    const [before, now] = await Promise.all([baselineItemContents(db, baseline.id, keys), presentItemPayloads(db, tenantId, keys)]);
    for (const pair of batch) {
      const key = policyKey(pair.current);
      const drift = changedPolicyDrift(
        tenantId,
        pair,
        // The baseline was normalized when it was captured; normalizing it again with today's rules (idempotent) keeps a
        // rule added since — a volatile field, say — from showing up as a change of every captured policy.
        normalizePolicy((before.get(key) ?? {}) as Record<string, unknown>, pair.current.policy_type),
        normalizePolicy((now.get(key) ?? {}) as Record<string, unknown>, pair.current.policy_type),
        fingerprintHash,
      );
      if (drift) detected.push(drift);
    }
  }

  signal.throwIfAborted();
  const plan = planFindingChanges(detected, await knownFindings(db, tenantId, detected.map((drift) => drift.fingerprint)), comparedTypes);
  await applyFindingPlan(db, plan, { tenantId, scopeKey, baselineId: baseline.id, scanRunId: run.id });

  await context.report({
    findings: { drifted_policies: detected.length, new: plan.create.length, still_open: plan.stillOpen.length, reopened: plan.reopen.length, resolved: plan.resolve.length, kept_closed: plan.stillClosed.length },
  });
  await context.progress({
    total: comparedPolicies,
    created: plan.create.length,
    updated: plan.stillOpen.length + plan.reopen.length,
    removed: plan.resolve.length,
    skipped: gaps.length,
  });
  for (const gap of gaps.filter((g) => g.reason === 'last_sync_failed')) {
    const label = findPolicyType(gap.policy_type)?.label ?? gap.policy_type;
    context.fail('drift.type_not_compared', `Not compared: ${label}, because its last sync failed${gap.error_code ? ` (${gap.error_code})` : ''}.`);
  }
};
