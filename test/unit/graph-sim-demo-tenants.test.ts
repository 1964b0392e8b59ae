import { describe, expect, it } from 'vitest';
import { classify, graphResources } from '../../src/domain/inventory/classify-policy';
import { policyTypes } from '../../src/domain/inventory/policy-types';
import { generateDemoTenants } from '../../src/graph-sim';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('generateDemoTenants', () => {
  it('is deterministic per seed', () => {
    expect(generateDemoTenants({ seed: 7, count: 3 })).toEqual(generateDemoTenants({ seed: 7, count: 3 }));
    expect(generateDemoTenants({ seed: 7, count: 1 })[0]?.entra_tenant_id).not.toBe(
      generateDemoTenants({ seed: 8, count: 1 })[0]?.entra_tenant_id,
    );
  });

  it('gives each tenant distinct GUID ids and throwaway credentials', () => {
    const tenants = generateDemoTenants({ seed: 1, count: 12 });
    expect(new Set(tenants.map((tenant) => tenant.entra_tenant_id)).size).toBe(12);
    expect(new Set(tenants.map((tenant) => tenant.display_name)).size).toBe(12);
    for (const tenant of tenants) {
      expect(tenant.entra_tenant_id).toMatch(guid);
      expect(tenant.client_id).toMatch(guid);
      expect(tenant.client_secret.length).toBeGreaterThanOrEqual(20);
      expect(tenant.verified_domain).toMatch(/^[a-z0-9]+\.onmicrosoft\.com$/);
    }
  });

  it('fills every registry collection and every policy type in every tenant, plus one family no type covers', () => {
    for (const tenant of generateDemoTenants({ seed: 3, count: 5 })) {
      const types = new Set<string>();
      for (const resource of graphResources()) {
        const items = tenant.policies[resource] ?? [];
        expect(items.length, `${tenant.display_name} ${resource}`).toBeGreaterThan(0);
        for (const item of items) types.add(classify(resource, item) ?? 'unclassified');
      }
      expect([...types].sort()).toEqual([...policyTypes.map((entry) => entry.type), 'unclassified'].sort());
      const unclaimed = (tenant.policies['deviceManagement/configurationPolicies'] ?? []).filter((policy) => classify('deviceManagement/configurationPolicies', policy) === null);
      expect(unclaimed.map((policy) => (policy['templateReference'] as { templateFamily: string }).templateFamily)).toEqual(['enrollmentConfiguration']);
    }
  });

  it('uses realistic names, unique ids and inline settings on configuration policies', () => {
    const [tenant] = generateDemoTenants({ seed: 1, count: 1 });
    const configurationPolicies = tenant?.policies['deviceManagement/configurationPolicies'] ?? [];
    expect(configurationPolicies.map((policy) => policy['name'])).toContain('Windows - BitLocker - D - v1.0');
    for (const policy of configurationPolicies) {
      expect(policy.id).toMatch(guid);
      expect(Array.isArray(policy['settings'])).toBe(true);
      expect(policy['settingCount']).toBe((policy['settings'] as unknown[]).length);
    }
    const ids = Object.values(tenant?.policies ?? {}).flat().map((entity) => entity.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('makes tenants of one seed differ, so drift and coverage have something to show', () => {
    const [first, second] = generateDemoTenants({ seed: 1, count: 2 });
    const names = (tenant: typeof first) =>
      Object.values(tenant?.policies ?? {}).flat().map((entity) => String(entity['displayName'] ?? entity['name'])).sort();
    expect(names(first)).not.toEqual(names(second));
  });
});
