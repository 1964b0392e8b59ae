import {
  classify,
  collectionRequestPath,
  itemDisplayName,
  unclaimedFamily,
  type CollectionRead,
  type PolicyTypeName,
} from '../../../domain/inventory';
import type { GraphClient, GraphError, GraphObject } from '../../../graph';
import { readPageDetails } from './read-policy-details';

// Reads one Graph collection of an inventory sync, a page at a time (never the whole tenant in memory):
// classifies each entity with the registry, completes the page's claimed policies with what Graph serves only per
// item (read-policy-details.ts), and counts what no registry type claims by family.

export interface ReadEntity {
  policy_type: PolicyTypeName;
  external_id: string;
  /** The entity with its expanded, per-item and sub-requested parts. */
  payload: GraphObject;
}

/** A policy the list named but whose own reads failed: a failure of that policy, not of its type (SPEC §7). */
export interface FailedEntity {
  policy_type: PolicyTypeName;
  external_id: string;
  display_name: string;
  error: GraphError;
}

export interface ReadPage {
  entities: ReadEntity[];
  failed: FailedEntity[];
  /** Entities of the collection no registry type claims, by template family or @odata.type. */
  skipped: Record<string, number>;
  /** Setting definitions Graph expanded next to this page's settings, taken out of the payloads. */
  settingDefinitions: GraphObject[];
}

export const SYNC_PAGE_SIZE = 100;

export async function* readCollection(client: GraphClient, read: CollectionRead, signal: AbortSignal): AsyncGenerator<ReadPage> {
  const selected = new Set<string>(read.policy_types);
  for await (const page of client.pages(collectionRequestPath(read), { version: read.api_version, pageSize: SYNC_PAGE_SIZE, signal })) {
    const skipped: Record<string, number> = {};
    const claimed: ReadEntity[] = [];
    for (const entity of page) {
      const type = classify(read.graph_resource, entity);
      if (type === null) {
        const family = unclaimedFamily(entity);
        skipped[family] = (skipped[family] ?? 0) + 1;
        continue;
      }
      // Claimed by a type outside the selection: read only because it shares the collection.
      if (!selected.has(type)) continue;
      const id = entity['id'];
      if (typeof id !== 'string' || id === '') continue;
      claimed.push({ policy_type: type, external_id: id, payload: entity });
    }
    const result: ReadPage = { entities: [], failed: [], skipped, settingDefinitions: [] };
    const outcomes = await readPageDetails(client, read, claimed, signal);
    claimed.forEach((entity, index) => {
      const outcome = outcomes[index]!;
      if (outcome.kind === 'deleted') return;
      if (outcome.kind === 'failed') {
        // Credentials Graph refuses end the whole sync, as on a list.
        if (outcome.error.code === 'auth.failed') throw outcome.error;
        result.failed.push({ policy_type: entity.policy_type, external_id: entity.external_id, display_name: itemDisplayName(entity.payload, entity.external_id), error: outcome.error });
        return;
      }
      result.entities.push({ ...entity, payload: outcome.payload });
      result.settingDefinitions.push(...outcome.settingDefinitions);
    });
    yield result;
  }
}
