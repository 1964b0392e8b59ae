// graph-sim's catalog is its own (from Graph's metadata and docs, src/graph-sim/graph-catalog.ts); the product's
// registry is imported here only to cross-check that every collection the product reads is one graph-sim serves, under
// the version the product uses, and that the generated tenants give every new collection realistic content.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { policyTypes } from '../../src/domain/inventory/policy-types';
import { managedAppPolicyEntitySets } from '../../src/domain/inventory/read-plan';
import { entitySet, generateDemoTenants, type SimEntity } from '../../src/graph-sim';
import { collectDefinitionIds } from '../../src/graph-sim/setting-definitions';

const graphSimDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/graph-sim');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('graph-sim catalog', () => {
  it('does not take its behaviour from the product (no import of src/domain)', () => {
    for (const file of sourceFiles(graphSimDir)) {
      expect(readFileSync(file, 'utf8'), path.relative(graphSimDir, file)).not.toMatch(/from ['"][./]*\/domain\//);
    }
  });

  it('serves every collection of the product registry under the version the product reads it with', () => {
    for (const entry of policyTypes) {
      const set = entitySet(entry.graph_resource);
      expect(set, entry.graph_resource).toBeDefined();
      expect(set?.versions, entry.graph_resource).toContain(entry.api_version);
    }
    for (const derived of Object.values(managedAppPolicyEntitySets)) {
      expect(entitySet(`deviceAppManagement/${derived}`), derived).toBeDefined();
    }
  });
});

describe('generated tenants give the new collections realistic content', () => {
  const [tenant] = generateDemoTenants({ seed: 3, count: 1 });
  const policies = (resource: string) => tenant!.policies[resource] ?? [];
  const base64Text = (value: unknown) => Buffer.from(String(value), 'base64').toString('utf8');

  it('has script bodies, remediations and macOS shell scripts', () => {
    for (const script of policies('deviceManagement/deviceHealthScripts')) {
      expect(base64Text(script['detectionScriptContent'])).toMatch(/exit|Get-/);
      expect(base64Text(script['remediationScriptContent']).length).toBeGreaterThan(10);
    }
    for (const script of policies('deviceManagement/deviceShellScripts')) expect(base64Text(script['scriptContent'])).toMatch(/^#!\/bin\/zsh/);
    expect(policies('deviceManagement/deviceManagementScripts').length).toBeGreaterThan(0);
  });

  it('has intents with settings, a Linux v2 compliance policy with settings, and quality update policies', () => {
    for (const intent of policies('deviceManagement/intents')) expect((intent['settings'] as unknown[]).length).toBeGreaterThan(0);
    const linux = policies('deviceManagement/compliancePolicies').find((policy) => policy['platforms'] === 'linux');
    expect((linux?.['settings'] as unknown[]).length).toBeGreaterThan(2);
    expect(policies('deviceManagement/windowsQualityUpdatePolicies').length).toBeGreaterThan(0);
  });

  it('has a manual driver profile with approved and declined drivers, and templates with presentation values', () => {
    const manual = policies('deviceManagement/windowsDriverUpdateProfiles').find((profile) => profile['approvalType'] === 'manual');
    const statuses = (manual?.['driverInventories'] as Array<{ approvalStatus: string }>).map((driver) => driver.approvalStatus);
    expect(statuses).toEqual(expect.arrayContaining(['approved', 'declined']));
    for (const template of policies('deviceManagement/groupPolicyConfigurations')) {
      const values = template['definitionValues'] as Array<{ presentationValues: unknown[] }>;
      expect(values.some((value) => value.presentationValues.length > 0)).toBe(true);
    }
  });

  it('has a targetedManagedAppConfiguration among the app policies, and app protections with apps and assignments', () => {
    const appPolicies = policies('deviceAppManagement/managedAppPolicies');
    expect(appPolicies.some((policy) => policy['@odata.type'] === '#microsoft.graph.targetedManagedAppConfiguration')).toBe(true);
    for (const policy of appPolicies) {
      expect((policy['apps'] as unknown[]).length).toBeGreaterThan(0);
      expect((policy['assignments'] as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it('has a named group for every group an assignment targets, and a definition for every setting used', () => {
    const groups = new Map((tenant!.groups ?? []).map((group) => [group.id, group]));
    const all: SimEntity[] = Object.values(tenant!.policies).flat();
    for (const policy of all) {
      for (const assignment of (policy['assignments'] as Array<{ target: { groupId?: string } }> | undefined) ?? []) {
        if (assignment.target.groupId) expect(groups.get(assignment.target.groupId)?.['displayName'], policy.id).toEqual(expect.any(String));
      }
    }
    const definitions = new Set((tenant!.setting_definitions ?? []).map((definition) => definition.id));
    const used = collectDefinitionIds([...policies('deviceManagement/configurationPolicies'), ...policies('deviceManagement/compliancePolicies')].map((policy) => policy['settings']));
    for (const id of used.keys()) expect(definitions.has(id), id).toBe(true);
  });
});
