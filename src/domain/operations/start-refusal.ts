import { isLifecycleState, present } from '../lifecycle';
import { runTypeLabel } from './run-types';

/**
 * Operations start only for active tenants (SPEC §5). Returns null when the tenant may start the type,
 * else the message that says why not and what would make it possible, in the lifecycle's own words.
 */
export function startRefusal(lifecycleValue: unknown, type: string): string | null {
  if (lifecycleValue === 'active') return null;
  // Verifying the connection is how onboarding completes (SPEC §5), so it also runs for onboarding tenants.
  if (lifecycleValue === 'onboarding' && type === 'provider.verify') return null;
  const label = present(lifecycleValue).label;
  const what = `${runTypeLabel(type)} cannot start`;
  if (!isLifecycleState(lifecycleValue)) {
    return `${what}: the tenant's stored lifecycle value is not a lifecycle state (${label}); correct the tenant's data first.`;
  }
  switch (lifecycleValue) {
    case 'draft':
      return type === 'provider.verify'
        ? `${what}: the tenant is ${label}. Start onboarding first; the connection is verified during onboarding.`
        : `${what}: the tenant is ${label} and not yet onboarded. Start and complete onboarding first.`;
    case 'onboarding':
      return `${what}: the tenant is still ${label}. Complete onboarding first.`;
    case 'archived':
      return `${what}: the tenant is ${label} and read-only. Restore it to Active to run operations again.`;
    default:
      return null;
  }
}
