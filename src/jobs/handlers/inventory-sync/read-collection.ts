import {
  childRequestPath,
  classify,
  collectionRequestPath,
  unclaimedFamily,
  type CollectionRead,
  type PolicyTypeName,
} from '../../../domain/inventory';
import { isGraphError, type GraphClient, type GraphObject } from '../../../graph';

// Reads one Graph collection of an inventory sync, a page at a time (never the whole tenant in memory):
// classifies each entity with the registry, reads its child collections (settings, definition values) with
// one sub-request each, and counts what no registry type claims by family.

export interface ReadEntity {
  policy_type: PolicyTypeName;
  external_id: string;
  /** The entity with its expanded and sub-requested children. */
  payload: GraphObject;
}

export interface ReadPage {
  entities: ReadEntity[];
  /** Entities of the collection no registry type claims, by template family or @odata.type. */
  skipped: Record<string, number>;
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
    const withChildren = await Promise.all(claimed.map((entity) => readChildren(client, read, entity, signal)));
    yield { entities: withChildren.filter((entity): entity is ReadEntity => entity !== null), skipped };
  }
}

/**
 * The entity with each child collection read in full, or null when the policy was deleted between the list
 * and the sub-request (404): it is then simply not seen by this sync. Any other failure fails the type, since
 * storing a policy without its settings would look like drift.
 */
async function readChildren(client: GraphClient, read: CollectionRead, entity: ReadEntity, signal: AbortSignal): Promise<ReadEntity | null> {
  if (read.children.length === 0) return entity;
  const payload: GraphObject = { ...entity.payload };
  for (const child of read.children) {
    try {
      payload[child.property] = await client.list(childRequestPath(read, child, entity.external_id), { version: read.api_version, signal });
    } catch (error) {
      if (isGraphError(error) && error.code === 'graph.not_found') return null;
      throw error;
    }
  }
  return { ...entity, payload };
}
