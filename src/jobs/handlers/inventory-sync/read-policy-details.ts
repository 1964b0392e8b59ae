import { childRequestPath, nestedChildRequestPath, type CollectionRead } from '../../../domain/inventory';
import type { GraphClient, GraphError, GraphManyResult, GraphObject } from '../../../graph';
import type { ReadEntity } from './read-collection';

// What Graph serves of a policy only per item (SPEC §7): properties left out of list answers (script bodies) or
// kept on a derived entity set (app protection), child collections (settings, definition values and their
// presentation values, assignments of intents, driver approvals), each paged to the end by the client.
// A page's policies are read together, one kind of read at a time (`getMany` / `listMany`: JSON batches of up to
// 20), so a page of 100 settings-catalog policies costs a handful of HTTP requests, not 100.

export type PolicyDetailsOutcome =
  | { kind: 'read'; payload: GraphObject; settingDefinitions: GraphObject[] }
  /** Gone between the list and its own reads (404 on the policy or its children): simply not seen by this sync. */
  | { kind: 'deleted' }
  /** Any other failure of its own reads: recorded against this policy only. */
  | { kind: 'failed'; error: GraphError };

interface Pending {
  entity: ReadEntity;
  payload: GraphObject;
  outcome: PolicyDetailsOutcome | null;
}

/** Each policy of a page with everything it is compared by, or why not; in the order given. */
export async function readPageDetails(client: GraphClient, read: CollectionRead, entities: readonly ReadEntity[], signal: AbortSignal): Promise<PolicyDetailsOutcome[]> {
  const pending: Pending[] = entities.map((entity) => ({ entity, payload: entity.payload, outcome: null }));
  const options = { version: read.api_version, signal };
  const open = () => pending.filter((item) => item.outcome === null);

  if (read.item) {
    const item = read.item;
    const wanted = open().flatMap((entry) => {
      const path = item.path(entry.payload, entry.entity.external_id);
      return path === null ? [] : [{ entry, path }];
    });
    const answers = await client.getMany(wanted.map((want) => want.path), options);
    wanted.forEach(({ entry }, index) => settle(entry, answers[index]!, (answer) => {
      const body = withoutResponseAnnotations(answer);
      entry.payload = item.properties === null ? body : { ...entry.payload, ...pick(body, item.properties) };
    }));
  }

  for (const child of read.children) {
    const wanted = open().filter((entry) => !child.appliesTo || child.appliesTo(entry.payload));
    const answers = await client.listMany(wanted.map((entry) => childRequestPath(read, child, entry.entity.external_id)), options);
    wanted.forEach((entry, index) => settle(entry, answers[index]!, (elements) => {
      entry.payload = { ...entry.payload, [child.property]: elements };
    }));

    const nested = child.nested;
    if (!nested) continue;
    const elementReads = open().flatMap((entry) => {
      const elements = entry.payload[child.property];
      if (!Array.isArray(elements)) return [];
      return elements.flatMap((element: GraphObject, index) => {
        const id = element['id'];
        const path = typeof id === 'string' && id !== '' ? nestedChildRequestPath(read, child, entry.entity.external_id, id) : null;
        return path === null ? [] : [{ entry, index, path }];
      });
    });
    const nestedAnswers = await client.listMany(elementReads.map((want) => want.path), options);
    elementReads.forEach(({ entry, index }, position) => {
      if (entry.outcome !== null) return;
      const answer = nestedAnswers[position]!;
      // A value removed between the two reads means the policy changed under us: it is read again next time, and
      // is never taken for deleted (that would make it missing).
      if (!answer.ok) {
        entry.outcome = { kind: 'failed', error: answer.error };
        return;
      }
      const elements = [...(entry.payload[child.property] as GraphObject[])];
      elements[index] = { ...elements[index], [nested.property]: answer.value };
      entry.payload = { ...entry.payload, [child.property]: elements };
    });
  }

  return pending.map((entry) => {
    if (entry.outcome !== null) return entry.outcome;
    const settingDefinitions: GraphObject[] = [];
    const payload = { ...entry.payload };
    for (const child of read.children) {
      const elements = payload[child.property];
      if (Array.isArray(elements)) payload[child.property] = elements.map((element: GraphObject) => takeSettingDefinitions(element, settingDefinitions));
    }
    return { kind: 'read', payload, settingDefinitions };
  });
}

function settle<T>(entry: Pending, answer: GraphManyResult<T>, apply: (value: T) => void): void {
  if (answer.ok) {
    apply(answer.value);
    return;
  }
  entry.outcome = answer.error.code === 'graph.not_found' ? { kind: 'deleted' } : { kind: 'failed', error: answer.error };
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
