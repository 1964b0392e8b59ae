// The tenant's organization record: what provider.verify reads to prove the credentials work and to
// learn the tenant's display name and default domain.
import type { GraphClient } from './graph-client';
import { malformedResponse } from './map-graph-error';

export interface VerifiedDomain {
  name: string;
  isDefault: boolean;
}

export interface GraphOrganization {
  id: string;
  displayName: string;
  verifiedDomains: VerifiedDomain[];
  /** The verified domain marked default, else the first one, else null. */
  defaultDomain: string | null;
}

export async function readOrganization(client: GraphClient, signal?: AbortSignal): Promise<GraphOrganization> {
  const body = await client.get('organization', { version: 'v1.0', signal });
  const first: unknown = Array.isArray(body['value']) ? body['value'][0] : undefined;
  if (typeof first !== 'object' || first === null) {
    throw malformedResponse('organization', 1, 200, 'no organization record');
  }
  const record = first as Record<string, unknown>;
  if (typeof record['id'] !== 'string') throw malformedResponse('organization', 1, 200, 'an organization without id');
  const verifiedDomains = (Array.isArray(record['verifiedDomains']) ? record['verifiedDomains'] : [])
    .filter((domain): domain is Record<string, unknown> => typeof domain === 'object' && domain !== null)
    .filter((domain) => typeof domain['name'] === 'string')
    .map((domain) => ({ name: String(domain['name']), isDefault: domain['isDefault'] === true }));
  const defaultDomain = verifiedDomains.find((domain) => domain.isDefault)?.name ?? verifiedDomains[0]?.name ?? null;
  const displayName = typeof record['displayName'] === 'string' ? record['displayName'] : '';
  return { id: record['id'], displayName, verifiedDomains, defaultDomain };
}
