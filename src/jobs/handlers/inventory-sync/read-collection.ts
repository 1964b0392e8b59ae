import {
  classify,
  collectionRequestPath,
  itemDisplayName,
  unclaimedFamily,
  type CollectionRead,
  type PolicyTypeName,
} from '../../../domain/inventory';
import { isGraphError, type GraphClient, type GraphError, type GraphObject } from '../../../graph';
import { readPolicyDetails } from './read-policy-details';

// Reads one Graph collection of an inventory sync, a page at a time (never the whole tenant in memory):
// classifies each entity with the registry, completes each claimed policy with what Graph serves only per item
// (read-policy-details.ts), and counts what no registry type claims by family.

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
    const details = await Promise.all(claimed.map((entity) => readPolicyDetails(client, read, entity, signal).then(
      (outcome) => ({ entity, outcome }),
      (error: unknown) => ({ entity, error }),
    )));
    for (const detail of details) {
      if ('error' in detail) {
        const error = detail.error;
        // Cancellation, bad credentials and non-Graph errors end the whole sync, as before.
        if (signal.aborted || !isGraphError(error) || error.code === 'auth.failed') throw error;
        const { entity } = detail;
        result.failed.push({ policy_type: entity.policy_type, external_id: entity.external_id, display_name: itemDisplayName(entity.payload, entity.external_id), error });
        continue;
      }
      // Deleted between the list and its own reads (404): simply not seen by this sync.
      if (detail.outcome === null) continue;
      result.entities.push({ ...detail.entity, payload: detail.outcome.payload });
      result.settingDefinitions.push(...detail.outcome.settingDefinitions);
    }
    yield result;
  }
}
