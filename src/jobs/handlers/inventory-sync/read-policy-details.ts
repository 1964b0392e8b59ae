import { childRequestPath, nestedChildRequestPath, type ChildRead, type CollectionRead } from '../../../domain/inventory';
import { isGraphError, type GraphClient, type GraphObject } from '../../../graph';
import type { ReadEntity } from './read-collection';

// What Graph serves of a policy only per item (SPEC §7): properties left out of list answers (script bodies) or
// kept on a derived entity set (app protection), child collections (settings, definition values and their
// presentation values, assignments of intents, driver approvals), each paged to the end by the client.

export interface PolicyDetails {
  payload: GraphObject;
  settingDefinitions: GraphObject[];
}

/**
 * The policy with everything it is compared by, or null when it was deleted between the list and these reads
 * (a 404 on its own reads). Any other failure is thrown, and the caller records it against this policy only.
 */
export async function readPolicyDetails(client: GraphClient, read: CollectionRead, entity: ReadEntity, signal: AbortSignal): Promise<PolicyDetails | null> {
  try {
    let payload: GraphObject = entity.payload;
    const itemPath = read.item?.path(entity.payload, entity.external_id) ?? null;
    if (read.item && itemPath !== null) {
      const answer = withoutResponseAnnotations(await client.get(itemPath, { version: read.api_version, signal }));
      payload = read.item.properties === null ? answer : { ...payload, ...pick(answer, read.item.properties) };
    }
    if (read.children.length === 0) return { payload, settingDefinitions: [] };
    payload = { ...payload };
    const settingDefinitions: GraphObject[] = [];
    for (const child of read.children) {
      if (child.appliesTo && !child.appliesTo(payload)) continue;
      const elements = await client.list(childRequestPath(read, child, entity.external_id), { version: read.api_version, signal });
      payload[child.property] = await Promise.all(elements.map(async (element) => {
        const withNested = await readNested(client, read, child, entity.external_id, element, signal);
        return takeSettingDefinitions(withNested, settingDefinitions);
      }));
    }
    return { payload, settingDefinitions };
  } catch (error) {
    if (isGraphError(error) && error.code === 'graph.not_found') return null;
    throw error;
  }
}

async function readNested(client: GraphClient, read: CollectionRead, child: ChildRead, externalId: string, element: GraphObject, signal: AbortSignal): Promise<GraphObject> {
  const id = element['id'];
  if (!child.nested || typeof id !== 'string' || id === '') return element;
  const path = nestedChildRequestPath(read, child, externalId, id);
  if (path === null) return element;
  return { ...element, [child.nested.property]: await client.list(path, { version: read.api_version, signal }) };
}

// `settings?$expand=settingDefinitions` puts Intune's catalog entry for every setting next to it. It names the
// setting for people and is the same in every tenant, so it leaves the payload (it is not the policy's content) and
// goes to the product-wide definition cache.
function takeSettingDefinitions(element: GraphObject, into: GraphObject[]): GraphObject {
  const definitions = element['settingDefinitions'];
  if (!Array.isArray(definitions)) return element;
  for (const definition of definitions) if (typeof definition === 'object' && definition !== null) into.push(definition as GraphObject);
  const { settingDefinitions: _taken, ...rest } = element;
  return Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith('settingDefinitions@')));
}

function pick(answer: GraphObject, properties: readonly string[]): GraphObject {
  const picked: GraphObject = {};
  for (const property of properties) if (property in answer) picked[property] = answer[property];
  return picked;
}

// A single-entity answer names itself (@odata.context, …); inside the inventory those would only be noise.
function withoutResponseAnnotations(answer: GraphObject): GraphObject {
  const { '@odata.context': _context, '@odata.id': _id, '@odata.editLink': _edit, ...rest } = answer;
  return rest;
}
