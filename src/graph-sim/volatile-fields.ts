// Values the service changes by itself, changed between reads as Intune changes them, so a client that treats them as
// content sees drift nobody caused (issue 19). Deterministic: the n-th read of an entity always gets the same values
// (seeded by tenant, entity, property and read number), so tests are repeatable. Off per tenant with
// `volatile_changes: false`. Only the answer changes; the stored entity stays as the administrator left it.
//
// Sources (Graph beta metadata / resource pages, learn.microsoft.com/graph/api/resources/…):
// - windowsDriverUpdateProfile: deviceReporting ("Number of devices reporting for this profile"), newUpdates ("Number
//   of new driver updates available for this profile"), inventorySyncStatus ("Driver inventory sync status for this
//   profile", windowsDriverUpdateProfileInventorySyncStatus {driverInventorySyncState, lastSuccessfulSyncDateTime}) —
//   all read-only; a driver inventory's applicableDeviceCount ("The number of devices for which this driver is applicable").
// - deviceAndAppManagementAssignmentFilter.payloads: "Indicates associated assignments for a specific filter"
//   (payloadByFilter {payloadId, payloadType, groupId, assignmentFilterType}), computed by the service from the
//   assignments that use the filter; the service does not promise their order.
// - iosManagedAppProtection / androidManagedAppProtection / targetedManagedAppConfiguration.deployedAppCount: "Count of
//   apps to which the current policy is deployed" (read-only).
// - windowsUpdateForBusinessConfiguration: qualityUpdatesPauseExpiryDateTime / featureUpdatesPauseExpiryDateTime
//   ("35 days from the time admin paused or extended the pause"), qualityUpdatesPauseStartDate /
//   featureUpdatesPauseStartDate and the *RollbackStartDateTime pair, set by the service when a ring is paused,
//   extended or rolled back (read-only runtime state in the beta resource page).
// - deviceEnrollmentConfiguration.priority: "Priority is used when a user exists in multiple groups that are assigned
//   enrollment configuration. Users are subject only to the configuration with the lowest priority value." Reordering
//   one configuration (setPriority action) renumbers the others: modelled by reorderEnrollmentConfiguration and, between
//   reads, by rotating the custom configurations' priorities.
// - deviceHealthScript.highestAvailableVersion: "Highest available version for a Microsoft Proprietary script" (set by
//   Microsoft for its global scripts).
import { managedAppPolicies, storeOf } from './graph-catalog';
import { seededUnit } from './sim-faults';
import type { SimEntity, SimTenant } from './sim-types';

export class VolatileState {
  readonly #reads = new Map<string, number>();

  /** Counts one read of an entity and returns its number (1 for the first). */
  read(tenant: SimTenant, set: string, id: string): number {
    const key = `${tenant.entra_tenant_id}|${storeOf(set)}|${id}`;
    const next = (this.#reads.get(key) ?? 0) + 1;
    this.#reads.set(key, next);
    return next;
  }

  /**
   * The set's generation for changes that move several entities together: a new one per list read (its first page),
   * the same one for the list's further pages and for GETs in between.
   */
  generation(tenant: SimTenant, set: string, advance: boolean): number {
    const key = `${tenant.entra_tenant_id}|${storeOf(set)}|*`;
    const current = this.#reads.get(key) ?? 0;
    if (!advance) return current;
    this.#reads.set(key, current + 1);
    return current + 1;
  }
}

const windowsUpdateRing = '#microsoft.graph.windowsUpdateForBusinessConfiguration';
const appCountTypes = new Set(['#microsoft.graph.iosManagedAppProtection', '#microsoft.graph.androidManagedAppProtection', '#microsoft.graph.targetedManagedAppConfiguration']);
const referenceTime = Date.parse('2025-01-15T09:00:00Z');

export interface VolatileContext {
  state: VolatileState;
  tenant: SimTenant;
  /** The set the request reads (a derived app set's entities are counted with their base set). */
  set: string;
  /** Per-request caches (e.g. the filters' payloads, computed once per request). */
  cache: Map<string, unknown>;
  /** The request is a list's first page (starts a new generation of set-wide changes). */
  firstPage: boolean;
}

export function volatileOn(tenant: SimTenant): boolean {
  return tenant.volatile_changes !== false;
}

/** Changes the answer for one entity (a copy) the way the service would have changed it since the last read. */
export function applyVolatile(context: VolatileContext, entity: SimEntity, answer: Record<string, unknown>): void {
  if (!volatileOn(context.tenant)) return;
  const store = storeOf(context.set);
  const read = context.state.read(context.tenant, store, entity.id);
  const unit = (field: string) => seededUnit(`${context.tenant.entra_tenant_id}:${entity.id}:${field}:${read}`);
  const int = (field: string, min: number, max: number) => min + Math.floor(unit(field) * (max - min + 1));
  const dateTime = (field: string) => new Date(referenceTime + int(field, 0, 60 * 24 * 35) * 60_000).toISOString();

  switch (store) {
    case 'deviceManagement/windowsDriverUpdateProfiles':
      answer['deviceReporting'] = int('deviceReporting', 0, 500);
      answer['newUpdates'] = int('newUpdates', 0, 25);
      answer['inventorySyncStatus'] = {
        driverInventorySyncState: unit('syncState') < 0.8 ? 'success' : 'pending',
        lastSuccessfulSyncDateTime: dateTime('lastSync'),
      };
      return;
    case 'deviceManagement/assignmentFilters':
      answer['payloads'] = shuffled(filterPayloads(context).get(entity.id) ?? [], (index) => unit(`payload${index}`));
      return;
    case managedAppPolicies:
      if (appCountTypes.has(String(entity['@odata.type'] ?? ''))) answer['deployedAppCount'] = int('deployedAppCount', 0, 40);
      return;
    case 'deviceManagement/deviceConfigurations':
      if (entity['@odata.type'] !== windowsUpdateRing) return;
      for (const field of ['qualityUpdatesPauseExpiryDateTime', 'featureUpdatesPauseExpiryDateTime', 'qualityUpdatesRollbackStartDateTime', 'featureUpdatesRollbackStartDateTime']) {
        answer[field] = dateTime(field);
      }
      for (const field of ['qualityUpdatesPauseStartDate', 'featureUpdatesPauseStartDate']) answer[field] = dateTime(field).slice(0, 10);
      return;
    case 'deviceManagement/deviceEnrollmentConfigurations': {
      const priority = rotatedPriority(context, entity);
      if (priority !== null) answer['priority'] = priority;
      return;
    }
    case 'deviceManagement/deviceHealthScripts':
      if (entity['isGlobalScript'] === true) answer['highestAvailableVersion'] = `${int('major', 1, 3)}.${int('minor', 0, 9)}`;
      return;
    default:
      return;
  }
}

/** A driver inventory's device count as the service reports it on this read. */
export function applyVolatileChild(context: VolatileContext, policy: SimEntity, child: string, element: Record<string, unknown>): void {
  if (!volatileOn(context.tenant) || child !== 'driverInventories') return;
  const read = context.state.read(context.tenant, `${storeOf(context.set)}/${policy.id}/driverInventories`, String(element['id'] ?? ''));
  element['applicableDeviceCount'] = Math.floor(seededUnit(`${context.tenant.entra_tenant_id}:${String(element['id'])}:count:${read}`) * 300);
}

function shuffled<T>(items: readonly T[], random: (index: number) => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random(index) * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

// payloadType per collection, as deviceAndAppManagementAssignmentFilter payloads name them (associatedAssignmentPayloadType).
const payloadTypes: Record<string, string> = {
  'deviceManagement/deviceConfigurations': 'deviceConfigurationAndCompliance',
  'deviceManagement/deviceCompliancePolicies': 'deviceConfigurationAndCompliance',
  'deviceManagement/configurationPolicies': 'deviceConfigurationAndCompliance',
  'deviceManagement/compliancePolicies': 'deviceConfigurationAndCompliance',
  'deviceManagement/deviceHealthScripts': 'deviceManagmentConfigurationAndCompliancePolicy',
  'deviceAppManagement/managedAppPolicies': 'application',
  'deviceAppManagement/mobileAppConfigurations': 'application',
  'deviceManagement/deviceEnrollmentConfigurations': 'enrollmentConfiguration',
  'deviceManagement/groupPolicyConfigurations': 'groupPolicy',
};

/** Every filter's payloads: the assignments of the tenant that use it (computed once per request). */
function filterPayloads(context: VolatileContext): Map<string, Array<Record<string, unknown>>> {
  const cached = context.cache.get('filterPayloads') as Map<string, Array<Record<string, unknown>>> | undefined;
  if (cached) return cached;
  const payloads = new Map<string, Array<Record<string, unknown>>>();
  for (const [resource, items] of Object.entries(context.tenant.policies)) {
    for (const item of items) {
      const assignments = item['assignments'];
      if (!Array.isArray(assignments)) continue;
      for (const assignment of assignments as Array<{ target?: Record<string, unknown> }>) {
        const filterId = assignment.target?.['deviceAndAppManagementAssignmentFilterId'];
        if (typeof filterId !== 'string' || filterId === '') continue;
        const list = payloads.get(filterId) ?? [];
        list.push({
          payloadId: item.id,
          payloadType: payloadTypes[resource] ?? 'unknown',
          groupId: String(assignment.target?.['groupId'] ?? 'adadadad-808e-44e2-905a-0b7873a8a531'),
          assignmentFilterType: String(assignment.target?.['deviceAndAppManagementAssignmentFilterType'] ?? 'include'),
        });
        payloads.set(filterId, list);
      }
    }
  }
  context.cache.set('filterPayloads', payloads);
  return payloads;
}

// The default configurations (priority 0) keep their place; the custom ones trade priorities as others are reordered.
function rotatedPriority(context: VolatileContext, entity: SimEntity): number | null {
  const key = 'enrollmentOrder';
  let order = context.cache.get(key) as Map<string, number> | undefined;
  if (!order) {
    const customs = (context.tenant.policies['deviceManagement/deviceEnrollmentConfigurations'] ?? [])
      .filter((item) => typeof item['priority'] === 'number' && (item['priority'] as number) > 0)
      .sort((a, b) => (a['priority'] as number) - (b['priority'] as number));
    const generation = context.state.generation(context.tenant, 'deviceManagement/deviceEnrollmentConfigurations', context.firstPage);
    order = new Map(customs.map((item, index) => [item.id, customs[(index + generation) % customs.length]?.['priority'] as number]));
    context.cache.set(key, order);
  }
  return order.get(entity.id) ?? null;
}
