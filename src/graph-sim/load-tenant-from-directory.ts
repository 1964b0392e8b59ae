// A simulated tenant built from a directory of exported Graph JSON (one entity per file), e.g. the
// OpenIntuneBaseline export. Files that are not Graph entities of a collection graph-sim serves are skipped
// with a warning: odd input must never stop the simulator from serving the rest.
//
// Exports carry no setting definitions and no groups, so the loader MODELS them (clearly not Microsoft's words): one
// definition per settingDefinitionId its settings use (display name from the id, options from the choice values seen;
// setting-definitions.ts modelDefinition), and one group per group id its assignments target, so that
// `settings?$expand=settingDefinitions`, configurationSettings/{id} and groups/{id} answer for fixture tenants too.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { storedCollections } from './graph-catalog';
import { decodeJsonText } from './decode-json-file';
import { collectionOf, isFolderKind } from './entity-collections';
import { modelDefinitionsFor } from './setting-definitions';
import type { SimEntity, SimTenant } from './sim-types';

export interface LoadTenantOptions {
  entra_tenant_id?: string;
  display_name?: string;
  verified_domain?: string;
  client_id?: string;
  client_secret?: string;
  /** Receives one line per skipped file; defaults to stderr. */
  onWarning?: (message: string) => void;
}

// The portal's own import format: settings without Graph's entity shape (see the fixtures' README).
const skippedFolders = new Set(['nativeimport']);

// Annotations that describe a single-entity response; inside a collection page they would be wrong.
const entityResponseAnnotations = ['@odata.context', '@odata.id', '@odata.editLink'];

export async function loadTenantFromDirectory(directory: string, options: LoadTenantOptions = {}): Promise<SimTenant> {
  const root = path.resolve(directory);
  const warn = options.onWarning ?? ((message: string) => process.stderr.write(`graph-sim: ${message}\n`));
  const policies: Record<string, SimEntity[]> = Object.fromEntries(storedCollections().map((resource) => [resource, []]));

  for (const file of await jsonFiles(root)) {
    const relative = path.relative(root, file);
    const entity = await readEntity(file);
    if (typeof entity === 'string') {
      warn(`skipped ${relative}: ${entity}`);
      continue;
    }
    const collection = collectionOf(entity, folderKindOf(relative));
    const target = collection ? policies[collection] : undefined;
    if (!target) {
      warn(`skipped ${relative}: not an entity of a known policy collection (@odata.type ${String(entity['@odata.type'] ?? 'missing')})`);
      continue;
    }
    if (target.some((existing) => existing.id === entity.id)) {
      warn(`skipped ${relative}: duplicate id ${entity.id} in ${collection}`);
      continue;
    }
    target.push(withoutResponseAnnotations(entity));
  }
  const withSettings = [...(policies['deviceManagement/configurationPolicies'] ?? []), ...(policies['deviceManagement/compliancePolicies'] ?? [])];
  return { ...tenantIdentity(root, options), policies, setting_definitions: modelDefinitionsFor(withSettings), groups: modelGroups(policies) };
}

/** A group per group id the assignments target (a model: exports do not carry the groups). */
function modelGroups(policies: Record<string, SimEntity[]>): SimEntity[] {
  const ids = new Set<string>();
  for (const items of Object.values(policies)) {
    for (const item of items) {
      const assignments = item['assignments'];
      if (!Array.isArray(assignments)) continue;
      for (const assignment of assignments as Array<{ target?: { groupId?: unknown } }>) {
        if (typeof assignment.target?.groupId === 'string') ids.add(assignment.target.groupId);
      }
    }
  }
  return [...ids].map((id) => ({ id, displayName: `Group ${id.slice(0, 8)}`, description: 'Modelled by graph-sim from an assignment target of the export', securityEnabled: true, mailEnabled: false, groupTypes: [] }));
}

async function jsonFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !skippedFolders.has(entry.name.toLowerCase())) files.push(...(await jsonFiles(full)));
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) {
      files.push(full);
    }
  }
  return files;
}

/** The entity, or why the file is not one. */
async function readEntity(file: string): Promise<SimEntity | string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeJsonText(await readFile(file)));
  } catch {
    return 'not valid JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'not a JSON object';
  const entity = parsed as Record<string, unknown>;
  if (typeof entity['id'] !== 'string' || entity['id'] === '') return 'no id';
  return entity as SimEntity;
}

function withoutResponseAnnotations(entity: SimEntity): SimEntity {
  const copy: SimEntity = { ...entity };
  for (const annotation of entityResponseAnnotations) delete copy[annotation];
  return copy;
}

function folderKindOf(relativeFile: string): string | null {
  const folders = path.dirname(relativeFile).split(path.sep).reverse();
  return folders.find(isFolderKind) ?? null;
}

function tenantIdentity(root: string, options: LoadTenantOptions): Omit<SimTenant, 'policies'> {
  const name = path.basename(root);
  const slug = name.toLowerCase().replace(/[^a-z0-9]/g, '') || 'fixture';
  return {
    entra_tenant_id: options.entra_tenant_id ?? stableGuid(`${name}:tenant`),
    display_name: options.display_name ?? name,
    verified_domain: options.verified_domain ?? `${slug}.onmicrosoft.com`,
    client_id: options.client_id ?? stableGuid(`${name}:client`),
    client_secret: options.client_secret ?? `sim~${createHash('sha256').update(`${name}:secret`).digest('base64url').slice(0, 32)}`,
  };
}

/** A GUID derived from text, so the same directory always gets the same tenant id. */
function stableGuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
