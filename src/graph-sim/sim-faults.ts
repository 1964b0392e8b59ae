// Faults the simulator injects per tenant, set at runtime from a test (the `faults` object) or from
// another process (POST /_sim/tenants/{id}/faults). A fault with a count affects that many matching
// requests and then clears itself; without a count it stays until cleared.
import { z } from 'zod';

export const faultKinds = [
  'throttle',
  'unavailable',
  'server_error',
  'slow',
  'malformed',
  'bad_credentials',
  'forbidden',
] as const;
export type FaultKind = (typeof faultKinds)[number];

export const faultSpecSchema = z.strictObject({
  kind: z.enum(faultKinds),
  count: z.number().int().positive().optional(),
  /** Sent as Retry-After by throttle and unavailable; no header when absent. */
  retryAfterSeconds: z.number().min(0).optional(),
  /** How long slow waits before answering; default 1000 ms. */
  delayMs: z.number().int().min(0).optional(),
  /**
   * Only requests whose path (after the API version, e.g. 'deviceManagement/configurationPolicies')
   * starts with this are affected. With a prefix such as 'oauth2', faults also reach the token endpoint.
   */
  pathPrefix: z.string().optional(),
  /** Only every Nth matching request is affected (3: a third of them); the others are answered normally. */
  every: z.number().int().min(1).optional(),
  /**
   * A per-tenant throttling (or failure) mode: this fraction of the matching requests is affected, chosen by a seeded
   * hash of the request's sequence number, so the same run of requests is affected alike every time (e.g.
   * {kind: 'throttle', fraction: 0.3, retryAfterSeconds: 1}).
   */
  fraction: z.number().gt(0).max(1).optional(),
  /** Seed of `fraction`'s choice; default the tenant id. */
  seed: z.string().max(200).optional(),
});
export type FaultSpec = z.infer<typeof faultSpecSchema>;

/**
 * 'batch': a JSON batch request itself (POST /{version}/$batch), which only faults whose pathPrefix starts with '$batch'
 * reach; every other fault applies to the batch's individual requests, one request each (handle-batch.ts).
 */
export type FaultTarget = 'token' | 'graph' | 'batch';

export const tokenEndpointPath = 'oauth2/v2.0/token';

interface ActiveFault {
  spec: FaultSpec;
  /** Matching requests seen so far, for `every`. */
  seen: number;
}

export class SimFaults {
  readonly #faults = new Map<string, ActiveFault[]>();

  /** Replaces the tenant's faults with this one. */
  set(entraTenantId: string, spec: FaultSpec): FaultSpec {
    this.#faults.delete(key(entraTenantId));
    return this.add(entraTenantId, spec);
  }

  /** Adds a fault beside the tenant's others (e.g. one collection refused while everything is throttled); the first that applies to a request wins. */
  add(entraTenantId: string, spec: FaultSpec): FaultSpec {
    const parsed = faultSpecSchema.parse(spec);
    if (parsed.pathPrefix !== undefined) parsed.pathPrefix = normalizePath(parsed.pathPrefix);
    const list = this.#faults.get(key(entraTenantId)) ?? [];
    list.push({ spec: parsed, seen: 0 });
    this.#faults.set(key(entraTenantId), list);
    return { ...parsed };
  }

  /** Clears one tenant's faults, or every tenant's when called without an id. */
  clear(entraTenantId?: string): void {
    if (entraTenantId === undefined) this.#faults.clear();
    else this.#faults.delete(key(entraTenantId));
  }

  /** The tenant's first active fault; `count` is what remains of it. */
  get(entraTenantId: string): FaultSpec | undefined {
    const fault = this.#faults.get(key(entraTenantId))?.[0];
    return fault ? { ...fault.spec } : undefined;
  }

  /** Uses up one request of the first of the tenant's faults that applies to this request. */
  take(entraTenantId: string, target: FaultTarget, requestPath: string): FaultSpec | null {
    const list = this.#faults.get(key(entraTenantId));
    if (!list) return null;
    const path = normalizePath(requestPath);
    for (const fault of list) {
      if (!applies(fault.spec, target, path)) continue;
      fault.seen += 1;
      if (fault.spec.every !== undefined && fault.seen % fault.spec.every !== 0) continue;
      if (fault.spec.fraction !== undefined && seededUnit(`${fault.spec.seed ?? key(entraTenantId)}:${fault.seen}`) >= fault.spec.fraction) continue;
      if (fault.spec.count !== undefined) {
        if (fault.spec.count <= 1) list.splice(list.indexOf(fault), 1);
        else fault.spec.count -= 1;
        if (list.length === 0) this.#faults.delete(key(entraTenantId));
      }
      return { ...fault.spec };
    }
    return null;
  }
}

function applies(fault: FaultSpec, target: FaultTarget, requestPath: string): boolean {
  if (fault.kind === 'bad_credentials') return target === 'token';
  if (target === 'batch') return fault.pathPrefix?.startsWith('$batch') === true && requestPath.startsWith(fault.pathPrefix);
  if (fault.pathPrefix !== undefined) return requestPath.startsWith(fault.pathPrefix);
  return target === 'graph';
}

/** A number in [0, 1) from text (FNV-1a, then a mulberry32 round): deterministic across machines. */
export function seededUnit(text: string): number {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  let t = (hash + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function key(entraTenantId: string): string {
  return entraTenantId.trim().toLowerCase();
}

/** 'deviceManagement/x', '/beta/deviceManagement/x' and 'v1.0/deviceManagement/x' all compare alike. */
function normalizePath(requestPath: string): string {
  return requestPath.replace(/^\/+/, '').replace(/^(v1\.0|beta)\//, '').split('?')[0] ?? '';
}
