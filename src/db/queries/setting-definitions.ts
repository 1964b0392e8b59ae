import { sql, type Kysely } from 'kysely';
import {
  settingVocabulary,
  summarizeSettingDefinitions,
  type SettingDefinitionSummary,
  type SettingVocabulary,
} from '../../domain/inventory/setting-definitions';
import type { Database } from '../schema';

// Settings-catalog definitions, product-wide (migration 0018): a definition id reads the same in every tenant,
// so one row serves all of them. Written by the inventory sync from the definitions Graph expands on each
// page of settings; read by every surface that names a setting (item view, finding evidence, run viewer).

/** A definition is re-written at most this often: Intune rewords definitions rarely. */
export const settingDefinitionRefreshMs = 7 * 24 * 60 * 60 * 1000;

// Ids this process wrote or found fresh, with when, per database (tests open many): on the sync's hot path,
// a page whose definitions are all known costs no round trip at all. The first call of a process loads the ids
// already stored and fresh (one read), so a new process does not re-send what another one wrote.
const known = new WeakMap<object, Promise<Map<string, number>>>();

function knownIds(db: Kysely<Database>, now: number): Promise<Map<string, number>> {
  let ids = known.get(db);
  if (!ids) {
    ids = db
      .selectFrom('setting_definitions')
      .select(['id', 'refreshed_at'])
      .where('refreshed_at', '>=', new Date(now - settingDefinitionRefreshMs))
      .execute()
      .then((rows) => new Map(rows.map((row) => [row.id, row.refreshed_at.getTime()])));
    // A failed read is not remembered: the next call tries again.
    ids.catch(() => known.delete(db));
    known.set(db, ids);
  }
  return ids;
}

/**
 * Remembers the definitions of one page of settings (raw Graph deviceManagementConfigurationSettingDefinition
 * objects, repeats allowed): inserts unknown ids and refreshes rows older than `settingDefinitionRefreshMs`, in
 * one statement; a no-op without a round trip when this process already knows every id as fresh.
 */
export async function rememberSettingDefinitions(
  db: Kysely<Database>,
  definitions: readonly Record<string, unknown>[],
  now: number = Date.now(),
): Promise<void> {
  if (definitions.length === 0) return;
  const memo = await knownIds(db, now);
  const fresh = (id: string) => {
    const at = memo.get(id);
    return at !== undefined && now - at < settingDefinitionRefreshMs;
  };
  // Cheap pre-check on raw ids, so a page of known definitions is not even summarized.
  if (definitions.every((raw) => typeof raw['id'] !== 'string' || fresh(raw['id']))) return;
  const summaries = summarizeSettingDefinitions(definitions).filter((summary) => !fresh(summary.id));
  if (summaries.length === 0) return;
  const staleBefore = new Date(now - settingDefinitionRefreshMs);
  await db
    .insertInto('setting_definitions')
    .values(
      summaries.map((summary) => ({
        id: summary.id,
        display_name: summary.display_name,
        description: summary.description,
        options: JSON.stringify(summary.options),
        refreshed_at: new Date(now),
      })),
    )
    .onConflict((conflict) =>
      conflict
        .column('id')
        .doUpdateSet((eb) => ({
          display_name: eb.ref('excluded.display_name'),
          description: eb.ref('excluded.description'),
          options: eb.ref('excluded.options'),
          refreshed_at: eb.ref('excluded.refreshed_at'),
        }))
        .where('setting_definitions.refreshed_at', '<', staleBefore),
    )
    .execute();
  for (const summary of summaries) memo.set(summary.id, now);
  // The next page naming these ids reads them again, so this process never shows an old name or "unknown" after its own sync wrote them.
  readCacheOf(db).forget(summaries.map((summary) => summary.id));
}

/** Forgets what this process remembered (tests that empty the table between cases). */
export function forgetKnownSettingDefinitions(db: Kysely<Database>): void {
  known.delete(db);
  readCacheOf(db).forgetAll();
}

/**
 * How long this process answers a definition read from memory (issue 20, throughput: without it every findings page
 * with setting changes paid a second query, ~20% of its cost at bench size). Definitions are product-wide and change
 * only when a sync writes them: a write through this process drops what it wrote from this memory at once, so only
 * a sync in another process (a separate worker) can take up to this long to show its new names here.
 */
export const settingDefinitionReadCacheMs = 5_000;
const MAX_READ_CACHED = 20_000;

interface ReadEntry {
  /** null: no such row when it was read ("unknown" is remembered too: most pages name the same unknown ids). */
  summary: SettingDefinitionSummary | null;
  readAt: number;
}

class DefinitionReadCache {
  private readonly entries = new Map<string, ReadEntry>();
  /** Moves on every write: a read that started before a write must not store what it read then. */
  generation = 0;

  fresh(id: string, now: number): ReadEntry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (now - entry.readAt < settingDefinitionReadCacheMs) return entry;
    this.entries.delete(id);
    return undefined;
  }

  store(id: string, summary: SettingDefinitionSummary | null, readAt: number): void {
    // Maps iterate in insertion order: past the bound, the oldest entry goes.
    this.entries.delete(id);
    if (this.entries.size >= MAX_READ_CACHED) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { summary, readAt });
  }

  forget(ids: Iterable<string>): void {
    this.generation += 1;
    for (const id of ids) this.entries.delete(id);
  }

  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }
}

const readCaches = new WeakMap<object, DefinitionReadCache>();

function readCacheOf(db: Kysely<Database>): DefinitionReadCache {
  let cache = readCaches.get(db);
  if (!cache) {
    cache = new DefinitionReadCache();
    readCaches.set(db, cache);
  }
  return cache;
}

/**
 * The stored definitions of these ids; unknown ids are simply absent. Ids read within settingDefinitionReadCacheMs
 * are answered from memory, so a page whose ids were all read just before costs no round trip.
 */
export async function settingDefinitionsByIds(db: Kysely<Database>, ids: readonly string[], now: number = Date.now()): Promise<SettingDefinitionSummary[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const cache = readCacheOf(db);
  const found: SettingDefinitionSummary[] = [];
  const missing: string[] = [];
  for (const id of unique) {
    const entry = cache.fresh(id, now);
    if (!entry) missing.push(id);
    else if (entry.summary) found.push(entry.summary);
  }
  if (missing.length === 0) return found;
  const generation = cache.generation;
  const rows = await db
    .selectFrom('setting_definitions')
    .select(['id', 'display_name', 'description', 'options'])
    .where(sql<boolean>`id = ANY(${missing}::text[])`)
    .execute();
  const read = new Map(
    rows.map((row) => [row.id, { id: row.id, display_name: row.display_name, description: row.description, options: Array.isArray(row.options) ? row.options : [] }]),
  );
  if (generation === cache.generation) for (const id of missing) cache.store(id, read.get(id) ?? null, now);
  return [...found, ...read.values()];
}

/** A vocabulary of these ids, for one page of a surface. */
export async function settingVocabularyFor(db: Kysely<Database>, ids: readonly string[]): Promise<SettingVocabulary> {
  return settingVocabulary(await settingDefinitionsByIds(db, ids));
}
