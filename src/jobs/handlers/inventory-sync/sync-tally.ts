import type { TypeResult } from '../../../domain/inventory';
import type { RunHandlerContext } from '../../run-handler';

/**
 * The running counts of one inventory sync and how they are reported: summary_counts (SPEC §6 keys: total
 * read, created, updated, unchanged, removed, skipped unclaimed entities, failed types) and, in the run's
 * context, the progress bar's numbers, the per-type results and the skipped families.
 */
export class SyncTally {
  readonly results: TypeResult[] = [];
  #itemsRead = 0;
  #unchanged = 0;
  #created = 0;
  #updated = 0;
  #removed = 0;
  #typesDone = 0;
  readonly #skipped: Record<string, number> = {};

  constructor(
    private readonly context: Pick<RunHandlerContext, 'progress' | 'report'>,
    private readonly syncRunId: number,
    private readonly typesTotal: number,
  ) {}

  /** What a page read: for the progress bar, whether or not its collection's read later succeeds. */
  read(items: number, skipped: Record<string, number>): void {
    this.#itemsRead += items;
    for (const [family, count] of Object.entries(skipped)) this.#skipped[family] = (this.#skipped[family] ?? 0) + count;
  }

  /** What a type's successful read changed (a failed type changes nothing, so counts nothing here). */
  applied(counts: { created: number; updated: number; unchanged: number; removed: number }): void {
    this.#unchanged += counts.unchanged;
    this.#created += counts.created;
    this.#updated += counts.updated;
    this.#removed += counts.removed;
  }

  typesDone(results: readonly TypeResult[]): void {
    this.results.push(...results);
    this.#typesDone += results.length;
  }

  /** The inventory_sync_runs columns: items observed, rows written, types failed. */
  syncRowCounts(): { items_observed: number; items_upserted: number; errors_count: number } {
    return { items_observed: this.#itemsRead, items_upserted: this.#created + this.#updated, errors_count: this.#failedTypes() };
  }

  async report(): Promise<void> {
    await this.context.report({
      inventory_sync_run_id: this.syncRunId,
      progress: { types_done: this.#typesDone, types_total: this.typesTotal, items_read: this.#itemsRead },
      type_results: this.results,
      skipped_families: this.#skipped,
    });
    await this.context.progress({
      total: this.#itemsRead,
      created: this.#created,
      updated: this.#updated,
      unchanged: this.#unchanged,
      removed: this.#removed,
      skipped: Object.values(this.#skipped).reduce((sum, count) => sum + count, 0),
      failed: this.#failedTypes(),
    });
  }

  #failedTypes(): number {
    return this.results.filter((result) => result.status === 'failed').length;
  }
}
