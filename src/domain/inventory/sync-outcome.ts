// How an inventory sync ends (SPEC §1 inventory sync run status, §7): every type read → succeeded; some types
// failed → partial (the others are stored, the failed ones untouched); every type failed → failed.
export type InventorySyncStatus = 'running' | 'succeeded' | 'partial' | 'failed';

export interface TypeResult {
  policy_type: string;
  status: 'succeeded' | 'failed';
  item_count: number;
  error_code: string | null;
  error_message?: string | null;
}

export function syncOutcome(results: readonly TypeResult[]): Exclude<InventorySyncStatus, 'running'> {
  const failed = results.filter((result) => result.status === 'failed').length;
  if (failed === 0) return 'succeeded';
  return failed === results.length ? 'failed' : 'partial';
}
