// Fields every generated Intune entity carries, so each builder only writes what makes its kind distinct.
import type { SimEntity } from '../sim-types';
import type { SeededRandom } from './seeded-random';

export interface DemoContext {
  rng: SeededRandom;
  /** Scope tag ids of the tenant; '0' is the built-in Default tag. */
  scopeTagIds: string[];
}

export function intuneEntity(
  context: DemoContext,
  odataType: string,
  displayName: string,
  fields: Record<string, unknown>,
): SimEntity {
  const { rng } = context;
  const created = rng.pastDate(400);
  const modified = new Date(Math.max(Date.parse(created), Date.parse(rng.pastDate(60)))).toISOString();
  return {
    '@odata.type': odataType,
    id: rng.guid(),
    displayName,
    description: `${displayName} (generated demo policy)`,
    createdDateTime: created,
    lastModifiedDateTime: modified,
    roleScopeTagIds: scopeTagsFor(context),
    ...fields,
  };
}

function scopeTagsFor({ rng, scopeTagIds }: DemoContext): string[] {
  const custom = scopeTagIds.filter((id) => id !== '0');
  return custom.length > 0 && rng.chance(0.3) ? ['0', rng.pick(custom)] : ['0'];
}

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
