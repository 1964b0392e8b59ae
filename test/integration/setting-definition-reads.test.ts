import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  forgetKnownSettingDefinitions,
  rememberSettingDefinitions,
  settingDefinitionReadCacheMs,
  settingDefinitionsByIds,
} from '../../src/db/queries/setting-definitions';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 20 (throughput): every findings page with setting changes (and every item view) looks up the names of the
// setting definitions it shows. Definitions are product-wide and change only when a sync writes them, so a process
// answers ids it read a moment ago from memory — but never shows an old name or "unknown" after its own sync wrote
// them, and a write by another process shows within settingDefinitionReadCacheMs.
const known = 'device_vendor_msft_policy_config_reads_known';
const learnedLater = 'device_vendor_msft_policy_config_reads_learned_later';
const writtenElsewhere = 'device_vendor_msft_policy_config_reads_written_elsewhere';

// deviceManagementConfigurationChoiceSettingDefinition as Graph expands it (see readable-names.test.ts for the source).
const definition = (id: string, displayName: string) => ({
  '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingDefinition',
  id,
  displayName,
  description: null,
  options: [{ itemId: `${id}_0`, displayName: 'Disabled' }],
});

/** Counts the statements that read setting_definitions. */
class DefinitionReads implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    if (args.node.kind === 'SelectQueryNode' && JSON.stringify(args.node.from).includes('setting_definitions')) this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result;
  }
}

describe.each(databaseTargets())('setting definition reads on %s', (target) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(target);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it('answers ids read a moment ago without a query, shows its own writes at once and other writes after the cache time', async () => {
    const reads = new DefinitionReads();
    const db = database.db.withPlugin(reads);
    forgetKnownSettingDefinitions(db);
    await rememberSettingDefinitions(db, [definition(known, 'Known setting')]);
    const names = async (now?: number) => Object.fromEntries((await settingDefinitionsByIds(db, [known, learnedLater, writtenElsewhere], now)).map((row) => [row.id, row.display_name]));

    expect(await names()).toEqual({ [known]: 'Known setting' });
    const afterFirst = reads.count;
    // The next page naming the same ids: the same answer, no round trip.
    expect(await names()).toEqual({ [known]: 'Known setting' });
    expect(reads.count).toBe(afterFirst);

    // This process's sync learns a definition: the next page shows its name at once.
    await rememberSettingDefinitions(db, [definition(learnedLater, 'Learned later')]);
    expect(await names()).toEqual({ [known]: 'Known setting', [learnedLater]: 'Learned later' });

    // Another process writes one (a separate worker): shown once the remembered "unknown" is older than the cache time.
    await sql`INSERT INTO setting_definitions (id, display_name, description, options, refreshed_at) VALUES (${writtenElsewhere}, 'Written elsewhere', null, '[]'::jsonb, now())`.execute(database.db);
    expect(await names(Date.now() + settingDefinitionReadCacheMs)).toEqual({ [known]: 'Known setting', [learnedLater]: 'Learned later', [writtenElsewhere]: 'Written elsewhere' });
  });
});
