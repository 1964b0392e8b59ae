import { setTenantAppStatus } from '../../db/queries/provider-connections';
import { policyTypes, type PolicyType } from '../../domain/inventory';
import { isGraphError, readOrganization, type GraphApiVersion, type GraphClient } from '../../graph';
import { OperationFailure, type RunHandler } from '../run-handler';
import { tenantGraphClient } from './tenant-graph-client';

/**
 * provider.verify (SPEC §1, §7; issue 19 points 2 and 6): proves the tenant's app registration works and says
 * which Graph application permissions it has.
 *
 * 1. One `$top=1` list of every Graph resource of the policy-type registry (types sharing a resource share the
 *    probe; the token is acquired by the first one). 200 → one of the resource's permissions is granted; 403 →
 *    none is; anything else → could not be checked. From that, per permission: granted, missing or unchecked
 *    (`inferPermissions`), with the types and features that need it.
 * 2. Optional extras that never fail the run: `/organization` (the tenant's name and default domain, needs
 *    Organization.Read.All) and `groups` (group names in assignments, GroupMember.Read.All or Group.Read.All).
 *
 * Outcome (docs/DECISIONS.md, "provider.verify and permissions"):
 * - failed: the token is refused (`auth.failed`), Intune answers that the tenant has no licence
 *   (`intune.not_licensed`), or the core Intune read permission DeviceManagementConfiguration.Read.All is
 *   missing or could not be checked; tenants.app_status = 'error'.
 * - partial: the core permission is granted but another registry permission is missing (one
 *   `graph.permission_missing` failure entry per permission) or could not be checked; app_status = 'ok'.
 * - succeeded: every registry resource answered.
 * The per-permission and per-resource results go to the run's context (`permissions`, `probes`,
 * `organization`), read by the run viewer and the tenant's provider-connection card.
 */
export const CORE_PERMISSION = 'DeviceManagementConfiguration.Read.All';

/** Context keys this handler reports (the run viewer's card shows them in words). */
export const PROVIDER_VERIFY_CONTEXT_KEYS = ['permissions', 'probes', 'organization'] as const;

export type ProbeStatus = 'granted' | 'forbidden' | 'not_licensed' | 'error';

export interface ProbeResult {
  /** The Graph collection, relative to its API version. */
  resource: string;
  api_version: GraphApiVersion;
  /** Registry types read from this resource; empty for the optional probes. */
  types: string[];
  /** What the resource is read for, in words (type labels, or the optional feature). */
  needed_for: string[];
  /** Any one of these allows the read (least privileged first). */
  permissions: string[];
  optional: boolean;
  status: ProbeStatus;
  /** Why the probe could not be checked (error) or why it was refused, a stable code. */
  code: string | null;
  message: string | null;
}

export type PermissionStatus = 'granted' | 'missing' | 'unchecked';

export interface PermissionResult {
  permission: string;
  status: PermissionStatus;
  /** Needed only for optional features (tenant name, group names): its absence is never a failure. */
  optional: boolean;
  /** The registry types that need it (granted: read with it; missing/unchecked: not readable / unknown). */
  types: string[];
  /** The types' labels and features, in words. */
  needed_for: string[];
  /** For unchecked: why (the probe's error); for granted through one of several, which others would do. */
  detail: string | null;
}

export interface OrganizationResult {
  status: 'read' | 'not_permitted' | 'error';
  display_name: string | null;
  default_domain: string | null;
  code: string | null;
}

interface ProbePlan {
  resource: string;
  api_version: GraphApiVersion;
  types: PolicyType[];
  permissions: string[];
}

/** One probe per distinct (resource, version), in registry order; the core resource first. */
export function probePlan(types: readonly PolicyType[] = policyTypes): ProbePlan[] {
  const byResource = new Map<string, ProbePlan>();
  for (const type of types) {
    const key = `${type.api_version}:${type.graph_resource}`;
    const plan = byResource.get(key) ?? { resource: type.graph_resource, api_version: type.api_version, types: [], permissions: [] };
    plan.types.push(type);
    for (const permission of type.required_permissions) if (!plan.permissions.includes(permission)) plan.permissions.push(permission);
    byResource.set(key, plan);
  }
  const plans = [...byResource.values()];
  const core = plans.findIndex((plan) => plan.permissions.length === 1 && plan.permissions[0] === CORE_PERMISSION);
  if (core > 0) plans.unshift(...plans.splice(core, 1));
  return plans;
}

// Optional extras. GET /v1.0/groups: GroupMember.Read.All (least privileged), Group.Read.All
// (https://learn.microsoft.com/graph/api/group-list?view=graph-rest-1.0); the readable-names feature reads
// groups/{id} with the same permissions (group-get).
const groupProbe = {
  resource: 'groups',
  api_version: 'v1.0' as const,
  permissions: ['GroupMember.Read.All', 'Group.Read.All'],
  needed_for: ['group names in assignments'],
};
const organizationPermission = 'Organization.Read.All';
const organizationFeature = "the tenant's name and default domain";

// Intune answers a tenant without an Intune licence with "Request not applicable to target tenant."
// Microsoft365DSC treats that answer as "The current tenant is not registered for Intune" (PR #3020,
// github.com/microsoft/Microsoft365DSC/pull/3020; e.g. Modules/Microsoft365DSC/DSCResources/
// MSFT_IntuneAppConfigurationPolicy/MSFT_IntuneAppConfigurationPolicy.psm1, Export-TargetResource's catch).
const notLicensedPhrase = /not applicable to target tenant/i;

/** Whether a Graph error says the tenant has no Intune licence (see notLicensedPhrase). */
export function isNotLicensed(error: unknown): boolean {
  if (!isGraphError(error)) return false;
  if ((error.code as string) === 'graph.not_licensed') return true;
  // The Graph client keeps only fixed phrases and Graph's short error code today; once it also keeps the
  // service's (scrubbed) message, the phrase is found there.
  const fields = error as unknown as Record<string, unknown>;
  return ['message', 'service_message', 'detail'].some((key) => typeof fields[key] === 'string' && notLicensedPhrase.test(fields[key]));
}

/** Graph did not answer at all (after the client's retries): nothing about permissions can be learnt. */
const transportCodes = new Set(['graph.throttled', 'graph.unavailable', 'graph.timeout', 'graph.network']);

const isIntuneResource = (resource: string) => resource.startsWith('deviceManagement/') || resource.startsWith('deviceAppManagement/');

/**
 * The Graph client keeps only Graph's short error code ('BadRequest'), not the message that says "Request not
 * applicable to target tenant". A 400 for a plain `$top=1` list of EVERY Intune resource, while the token works,
 * is that answer (no other request error is shared by all of them); a 400 from some resources only stays an error.
 */
function markUnlicensed(probes: ProbeResult[]): void {
  const intune = probes.filter((result) => !result.optional && isIntuneResource(result.resource));
  if (intune.length === 0 || !intune.every((result) => result.status === 'error' && result.code === 'graph.bad_request')) return;
  for (const result of intune) {
    result.status = 'not_licensed';
    result.code = 'intune.not_licensed';
  }
}

async function probe(client: GraphClient, plan: { resource: string; api_version: GraphApiVersion }, signal: AbortSignal) {
  try {
    await client.get(`${plan.resource}?$top=1`, { version: plan.api_version, signal });
    return { status: 'granted' as const, code: null, message: null };
  } catch (error) {
    if (signal.aborted || !isGraphError(error)) throw error;
    if (error.code === 'auth.failed') throw error;
    if (isNotLicensed(error)) return { status: 'not_licensed' as const, code: 'intune.not_licensed', message: error.message };
    if (error.code === 'graph.forbidden') return { status: 'forbidden' as const, code: error.code, message: error.message };
    return { status: 'error' as const, code: error.code, message: error.message };
  }
}

/**
 * Per permission, from the probes: a 403 means none of the resource's permissions is granted; a 200 means one
 * is — that one when all the others are known to be missing. Repeated until nothing changes (a permission
 * proven by one resource settles another's). A permission named by several resources takes the strongest
 * evidence: granted over missing over unchecked.
 */
export function inferPermissions(probes: readonly ProbeResult[]): PermissionResult[] {
  const granted = new Set<string>();
  const missing = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const result of probes) {
      if (result.status === 'forbidden') {
        for (const permission of result.permissions) {
          if (!granted.has(permission) && !missing.has(permission)) {
            missing.add(permission);
            changed = true;
          }
        }
      } else if (result.status === 'granted' && !result.permissions.some((permission) => granted.has(permission))) {
        const candidates = result.permissions.filter((permission) => !missing.has(permission));
        if (candidates.length === 1) {
          granted.add(candidates[0]!);
          missing.delete(candidates[0]!);
          changed = true;
        }
      }
    }
  }

  const results = new Map<string, PermissionResult>();
  const entry = (permission: string, status: PermissionStatus, optional: boolean) => {
    const existing = results.get(permission);
    if (existing) {
      existing.optional &&= optional;
      return existing;
    }
    const created: PermissionResult = { permission, status, optional, types: [], needed_for: [], detail: null };
    results.set(permission, created);
    return created;
  };
  const note = (result: PermissionResult, probeResult: ProbeResult) => {
    for (const type of probeResult.types) if (!result.types.includes(type)) result.types.push(type);
    for (const what of probeResult.needed_for) if (!result.needed_for.includes(what)) result.needed_for.push(what);
  };

  for (const result of probes) {
    const known = result.permissions.filter((permission) => granted.has(permission));
    if (result.status === 'granted') {
      if (known.length > 0) {
        for (const permission of known) note(entry(permission, 'granted', result.optional), result);
      } else {
        // Read with one of several, none known: name the least privileged, say which others would do.
        const candidates = result.permissions.filter((permission) => !missing.has(permission));
        const first = entry(candidates[0] ?? result.permissions[0]!, 'granted', result.optional);
        first.detail = `Read with one of: ${candidates.join(', ')}.`;
        note(first, result);
      }
    } else if (result.status === 'forbidden') {
      // A refusal although every permission it accepts is granted elsewhere (documentation and service
      // disagree) is reported by decideVerifyOutcome, not here: it must not turn a granted permission missing.
      for (const permission of result.permissions.filter((candidate) => missing.has(candidate))) note(entry(permission, 'missing', result.optional), result);
    } else if (known.length === 0) {
      // Could not be checked (an error, or no licence): every permission it accepts stays unknown unless
      // another resource settled it.
      for (const permission of result.permissions) {
        if (missing.has(permission)) continue;
        const unchecked = entry(permission, 'unchecked', result.optional);
        unchecked.detail ??= result.message;
        note(unchecked, result);
      }
    }
  }
  const order: Record<PermissionStatus, number> = { missing: 0, unchecked: 1, granted: 2 };
  return [...results.values()].sort((a, b) => Number(a.optional) - Number(b.optional) || order[a.status] - order[b.status] || a.permission.localeCompare(b.permission));
}

const MAX_NAMED = 4;

/** "A, B, C and D" — or the first four and how many more, so a message stays short. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length > MAX_NAMED) return `${items.slice(0, MAX_NAMED).join(', ')} and ${items.length - MAX_NAMED} more`;
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function missingPermissionMessage(result: PermissionResult): string {
  return `${result.permission} is not granted — needed for ${listInWords(result.needed_for)}. Grant it to the app registration as an application permission with admin consent, then verify again.`;
}

async function readOrganizationIfAllowed(client: GraphClient, signal: AbortSignal): Promise<OrganizationResult> {
  try {
    const organization = await readOrganization(client, signal);
    return { status: 'read', display_name: organization.displayName || null, default_domain: organization.defaultDomain, code: null };
  } catch (error) {
    if (signal.aborted || !isGraphError(error)) throw error;
    const status = error.code === 'graph.forbidden' ? 'not_permitted' : 'error';
    return { status, display_name: null, default_domain: null, code: error.code };
  }
}

export const verifyProviderConnection: RunHandler = async (context) => {
  const { db, signal, progress, log } = context;
  const { tenantId, client } = await tenantGraphClient(context);
  const plans = probePlan();
  await progress({ total: plans.length });

  let probes: ProbeResult[];
  let organization: OrganizationResult;
  try {
    // The first probe acquires the token: a refused credential fails here, once, before the others start.
    const first = await runProbe(client, plans[0]!, signal);
    // Graph not answering the core resource at all (throttled, unavailable, unreachable) ends the check here:
    // nothing could be proven, and probing the others would only queue more of the same.
    if (first.status === 'error' && transportCodes.has(first.code ?? '')) {
      throw new OperationFailure(first.code ?? 'graph.unavailable', first.message ?? 'Microsoft Graph did not answer.');
    }
    const rest = await Promise.all(plans.slice(1).map((plan) => runProbe(client, plan, signal)));
    const groups = await probe(client, groupProbe, signal);
    organization = await readOrganizationIfAllowed(client, signal);
    probes = [
      first,
      ...rest,
      { ...groupProbe, types: [], optional: true, ...groups },
      {
        resource: 'organization', api_version: 'v1.0', types: [], needed_for: [organizationFeature], permissions: [organizationPermission], optional: true,
        status: organization.status === 'read' ? 'granted' : organization.status === 'not_permitted' ? 'forbidden' : 'error',
        code: organization.code, message: organization.status === 'error' ? `Microsoft Graph did not answer organization (${organization.code}).` : null,
      },
    ];
  } catch (error) {
    if (signal.aborted) throw error;
    await setTenantAppStatus(db, tenantId, 'error');
    await progress({ processed: plans.length, failed: plans.length });
    if (isGraphError(error)) throw new OperationFailure(error.code, error.message);
    throw error;
  }

  markUnlicensed(probes);
  const registryProbes = probes.filter((result) => !result.optional);
  const ok = registryProbes.filter((result) => result.status === 'granted').length;
  await progress({ processed: registryProbes.length, succeeded: ok, failed: registryProbes.length - ok });
  const permissions = inferPermissions(probes);
  await context.report({ permissions, probes, organization });

  const outcome = decideVerifyOutcome(registryProbes, permissions);
  for (const failure of outcome.failures) context.fail(failure.code, failure.message);
  await setTenantAppStatus(db, tenantId, outcome.outcome === 'failed' ? 'error' : 'ok');
  log.info(
    {
      outcome: outcome.outcome,
      granted: permissions.filter((result) => result.status === 'granted').map((result) => result.permission),
      missing: permissions.filter((result) => result.status === 'missing').map((result) => result.permission),
      organization: organization.status,
      default_domain: organization.default_domain,
    },
    'provider connection verified',
  );
  return { outcome: outcome.outcome };
};

async function runProbe(client: GraphClient, plan: ProbePlan, signal: AbortSignal): Promise<ProbeResult> {
  const answer = await probe(client, plan, signal);
  return {
    resource: plan.resource,
    api_version: plan.api_version,
    types: plan.types.map((type) => type.type),
    needed_for: plan.types.map((type) => type.label),
    permissions: plan.permissions,
    optional: false,
    ...answer,
  };
}

/** The run's outcome and failure entries from its probes (the rules in this file's header). */
export function decideVerifyOutcome(
  registryProbes: readonly ProbeResult[],
  permissions: readonly PermissionResult[],
): { outcome: 'succeeded' | 'partial' | 'failed'; failures: Array<{ code: string; message: string }> } {
  const failures: Array<{ code: string; message: string }> = [];
  const core = permissions.find((result) => result.permission === CORE_PERMISSION);
  const unlicensed = registryProbes.filter((result) => result.status === 'not_licensed');
  if (unlicensed.length > 0 && !registryProbes.some((result) => result.status === 'granted' && isIntuneResource(result.resource))) {
    failures.push({
      code: 'intune.not_licensed',
      message: 'The tenant has no Intune licence: Microsoft Graph answered "Request not applicable to target tenant" for Intune. Assign an Intune licence to the tenant, then verify again.',
    });
    return { outcome: 'failed', failures };
  }
  for (const result of permissions) {
    if (result.optional) continue;
    if (result.status === 'missing') failures.push({ code: 'graph.permission_missing', message: missingPermissionMessage(result) });
  }
  for (const result of registryProbes.filter((candidate) => candidate.status === 'forbidden')) {
    const grantedElsewhere = result.permissions.filter((permission) => permissions.some((known) => known.permission === permission && known.status === 'granted'));
    if (grantedElsewhere.length === result.permissions.length) {
      failures.push({
        code: 'graph.forbidden',
        message: `Microsoft Graph refused ${result.resource} (needed for ${listInWords(result.needed_for)}) although ${listInWords(grantedElsewhere)} is granted; check the app registration's admin consent.`,
      });
    }
  }
  for (const result of registryProbes.filter((candidate) => candidate.status === 'not_licensed')) {
    failures.push({ code: 'intune.not_licensed', message: `The tenant has no licence for ${listInWords(result.needed_for)}: Microsoft Graph answered "Request not applicable to target tenant" for ${result.resource}.` });
  }
  // A resource that could not be checked is reported as such, whether or not its permission is known from
  // another resource: its types were not read.
  for (const result of registryProbes.filter((candidate) => candidate.status === 'error')) {
    failures.push({ code: result.code ?? 'graph.unavailable', message: `Could not check ${result.resource} (needed for ${listInWords(result.needed_for)}): ${result.message ?? 'Microsoft Graph did not answer.'}` });
  }
  if (core?.status !== 'granted') {
    // Without the core permission nothing of Intune can be read: the run fails, naming what is missing (and,
    // when the core one could not be checked, why), not every permission that could not be checked.
    const coreProbe = registryProbes.find((result) => result.permissions.includes(CORE_PERMISSION) && result.status === 'error');
    const blocking = failures.filter((failure) => failure.code === 'graph.permission_missing' || failure.code === 'graph.forbidden');
    if (!core || core.status === 'unchecked') {
      blocking.unshift({
        code: coreProbe?.code ?? 'graph.permission_unchecked',
        message: `${CORE_PERMISSION}, the permission every Intune read needs, could not be checked: ${coreProbe?.message ?? 'Microsoft Graph did not answer.'}`,
      });
    }
    return { outcome: 'failed', failures: blocking };
  }
  return { outcome: failures.length > 0 ? 'partial' : 'succeeded', failures };
}
