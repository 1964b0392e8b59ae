// How an inventory sync ends (SPEC §1 inventory sync run status, §7): every type read → succeeded; some types
// failed, or some policies of a type could not be read in full → partial (the rest is stored, the failed ones
// untouched); every type failed → failed.
export type InventorySyncStatus = 'running' | 'succeeded' | 'partial' | 'failed';

export interface TypeResult {
  policy_type: string;
  /** partial: the type was listed, but some of its policies' own reads failed (listed in failed_items). */
  status: 'succeeded' | 'partial' | 'failed';
  item_count: number;
  error_code: string | null;
  error_message?: string | null;
  failed_items?: Array<{ external_id: string; display_name: string; error_code: string; error_message: string }>;
  failed_item_count?: number;
}

export function syncOutcome(results: readonly TypeResult[]): Exclude<InventorySyncStatus, 'running'> {
  const failed = results.filter((result) => result.status === 'failed').length;
  const partial = results.filter((result) => result.status === 'partial').length;
  if (failed === 0 && partial === 0) return 'succeeded';
  return failed === results.length ? 'failed' : 'partial';
}
