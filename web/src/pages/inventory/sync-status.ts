import type { StatusPresentation } from '../../api/types';
import type { SyncStatus } from '../../api/inventory-types';

/** An inventory sync's status (SPEC §1) in the operations vocabulary of colours; its own words. */
export const syncStatusPresentation: Record<SyncStatus, StatusPresentation> = {
  running: { label: 'Running', color: 'info' },
  succeeded: { label: 'Succeeded', color: 'success' },
  partial: { label: 'Partial', color: 'warning' },
  failed: { label: 'Failed', color: 'danger' },
};

/** The run-badge icon key of a sync status (running spins). */
export function syncBadgeValue(status: SyncStatus): string {
  return status === 'running' ? 'pending' : status;
}
