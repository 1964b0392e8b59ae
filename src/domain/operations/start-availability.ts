import { can, minimumRoleFor, type Role } from '../access/roles';
import { operationRunTypes, type OperationRunType } from './run-types';
import { startRefusal } from './start-refusal';

export interface StartAvailability {
  allowed: boolean;
  /** Why the viewer cannot start it now: the role it needs, or the lifecycle's refusal (what the start answers with 409). */
  disabled_reason: string | null;
}

/**
 * Whether a viewer with this role may start an operation of this type on a tenant in this lifecycle state: the
 * route's capability (start_operations, SPEC §5) and the same startRefusal the start itself applies, so the
 * console shows exactly the reason the server would refuse with.
 */
export function startAvailability(viewerRole: Role, lifecycleValue: unknown, type: OperationRunType): StartAvailability {
  if (!can(viewerRole, 'start_operations')) return { allowed: false, disabled_reason: `Requires the ${minimumRoleFor('start_operations')} role or higher.` };
  const refusal = startRefusal(lifecycleValue, type);
  return { allowed: refusal === null, disabled_reason: refusal };
}

/** startAvailability for every run type a person can start. */
export function startAvailabilities(viewerRole: Role, lifecycleValue: unknown): Record<OperationRunType, StartAvailability> {
  return Object.fromEntries(operationRunTypes.map(({ type }) => [type, startAvailability(viewerRole, lifecycleValue, type)])) as Record<OperationRunType, StartAvailability>;
}
