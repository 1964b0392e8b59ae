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
}

/** Forgets what this process remembered (tests that empty the table between cases). */
export function forgetKnownSettingDefinitions(db: Kysely<Database>): void {
  known.delete(db);
}

/** The stored definitions of these ids; unknown ids are simply absent. */
export async function settingDefinitionsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<SettingDefinitionSummary[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db
    .selectFrom('setting_definitions')
    .select(['id', 'display_name', 'description', 'options'])
    .where(sql<boolean>`id = ANY(${unique}::text[])`)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    display_name: row.display_name,
    description: row.description,
    options: Array.isArray(row.options) ? row.options : [],
  }));
}

/** A vocabulary of these ids, for one page of a surface. */
export async function settingVocabularyFor(db: Kysely<Database>, ids: readonly string[]): Promise<SettingVocabulary> {
  return settingVocabulary(await settingDefinitionsByIds(db, ids));
}
