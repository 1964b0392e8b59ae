// The Graph-compatible simulator (`tenantatlas graph-sim`) as a child process, so provider.verify talks to a
// local Graph and a local token endpoint. Its first stdout line says where it is and which throwaway
// credentials its tenants accept; /_sim/... lets a test inject faults (e.g. slowness) at run time.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface SimTenant {
  entra_tenant_id: string;
  display_name: string;
  client_id: string;
  client_secret: string;
}

export interface GraphSim {
  url: string;
  tenants: SimTenant[];
  setFault: (entraTenantId: string, fault: Record<string, unknown>) => Promise<void>;
  clearFaults: () => Promise<void>;
  /** A tenant's policies of one Graph collection, as graph-sim serves them now (its /_sim control API). */
  policies: (entraTenantId: string, resource: string) => Promise<Array<Record<string, unknown>>>;
  /** Changes one settings-catalog setting of one policy, as an admin would in the portal. */
  changeSetting: (entraTenantId: string, resource: string, id: string, setting: { definition_id: string; value: unknown }) => Promise<void>;
  stop: () => Promise<void>;
}

/** `seed` picks other generated tenants (other Entra tenant ids) than the demo's, which uses seed 1. */
export async function startGraphSim(tenantCount = 2, seed = '1'): Promise<GraphSim> {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'bin', 'tenantatlas.mjs'), 'graph-sim', '--port', '0', '--tenants', String(tenantCount), '--seed', seed],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const first = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`graph-sim printed nothing within 60 s:\n${stderr}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, newline));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`graph-sim exited ${code}:\n${stderr}`));
    });
  });
  const { url, tenants } = JSON.parse(first) as { url: string; tenants: SimTenant[] };

  const admin = async (method: string, pathname: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(url + pathname, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`graph-sim ${method} ${pathname} answered ${response.status}: ${await response.text()}`);
    return response.status === 204 ? null : response.json().catch(() => null);
  };

  return {
    url,
    tenants,
    setFault: async (entraTenantId, fault) => void (await admin('POST', `/_sim/tenants/${entraTenantId}/faults`, fault)),
    clearFaults: async () => void (await admin('DELETE', '/_sim/faults')),
    policies: async (entraTenantId, resource) => {
      const body = (await admin('GET', `/_sim/tenants/${entraTenantId}/policies?resource=${encodeURIComponent(resource)}`)) as { policies?: Array<Record<string, unknown>> };
      return body.policies ?? [];
    },
    changeSetting: async (entraTenantId, resource, id, setting) => void (await admin('PATCH', `/_sim/tenants/${entraTenantId}/policies`, { resource, id, setting })),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Reads graph-sim as Graph, with its first tenant's own app credentials (client credentials flow), for expected words. */
export async function graphGet(sim: GraphSim, path: string): Promise<Record<string, unknown>> {
  const simTenant = sim.tenants[0]!;
  const token = await fetch(`${sim.url}/${simTenant.entra_tenant_id}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: simTenant.client_id, client_secret: simTenant.client_secret, scope: 'https://graph.microsoft.com/.default' }),
  }).then((response) => response.json() as Promise<{ access_token: string }>);
  const response = await fetch(`${sim.url}/${path}`, { headers: { authorization: `Bearer ${token.access_token}` } });
  if (!response.ok) throw new Error(`graph-sim GET ${path} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}
