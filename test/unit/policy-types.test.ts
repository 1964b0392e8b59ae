import { describe, expect, it } from 'vitest';
import {
  belongsTo,
  classify,
  graphResources,
  policyTypesForResource,
  templateFamilyOf,
} from '../../src/domain/inventory/classify-policy';
import { findPolicyType, policyTypes } from '../../src/domain/inventory/policy-types';

// SPEC §7, row by row: type, Graph resource, restore, risk, dependencies.
const specTable: Array<[string, string, string, string, boolean]> = [
  ['deviceConfiguration', 'deviceManagement/deviceConfigurations', 'enabled', 'medium', true],
  ['windowsUpdateRing', 'deviceManagement/deviceConfigurations', 'enabled', 'medium', true],
  ['settingsCatalogPolicy', 'deviceManagement/configurationPolicies', 'enabled', 'medium', true],
  ['endpointSecurityPolicy', 'deviceManagement/configurationPolicies', 'preview-only', 'high', true],
  ['securityBaselinePolicy', 'deviceManagement/configurationPolicies', 'preview-only', 'high', true],
  ['groupPolicyConfiguration', 'deviceManagement/groupPolicyConfigurations', 'enabled', 'medium', true],
  ['deviceCompliancePolicy', 'deviceManagement/deviceCompliancePolicies', 'enabled', 'high', true],
  ['deviceComplianceScript', 'deviceManagement/deviceComplianceScripts', 'enabled', 'medium-high', true],
  ['deviceManagementScript', 'deviceManagement/deviceManagementScripts', 'enabled', 'medium-high', true],
  ['windowsFeatureUpdateProfile', 'deviceManagement/windowsFeatureUpdateProfiles', 'enabled', 'medium', true],
  ['windowsQualityUpdateProfile', 'deviceManagement/windowsQualityUpdateProfiles', 'enabled', 'medium', true],
  ['windowsDriverUpdateProfile', 'deviceManagement/windowsDriverUpdateProfiles', 'enabled', 'low', true],
  ['appProtectionPolicy', 'deviceAppManagement/managedAppPolicies', 'enabled', 'medium', true],
  ['mobileAppConfiguration', 'deviceAppManagement/mobileAppConfigurations', 'enabled', 'low', true],
  ['enrollmentConfiguration', 'deviceManagement/deviceEnrollmentConfigurations', 'preview-only', 'medium', true],
  ['windowsAutopilotDeploymentProfile', 'deviceManagement/windowsAutopilotDeploymentProfiles', 'enabled', 'medium', true],
  ['conditionalAccessPolicy', 'identity/conditionalAccess/policies', 'preview-only', 'high', false],
  ['assignmentFilter', 'deviceManagement/assignmentFilters', 'enabled', 'low', false],
  ['roleScopeTag', 'deviceManagement/roleScopeTags', 'enabled', 'low', false],
  // The Graph fidelity issue's additions (SPEC §7: intents, remediations, macOS shell scripts, v2 compliance policies,
  // quality update policies; and managed-app configuration, which shares app protection's list).
  ['endpointSecurityIntent', 'deviceManagement/intents', 'preview-only', 'high', true],
  ['deviceHealthScript', 'deviceManagement/deviceHealthScripts', 'enabled', 'medium-high', true],
  ['deviceShellScript', 'deviceManagement/deviceShellScripts', 'enabled', 'medium-high', true],
  ['compliancePolicyV2', 'deviceManagement/compliancePolicies', 'enabled', 'high', true],
  ['windowsQualityUpdatePolicy', 'deviceManagement/windowsQualityUpdatePolicies', 'enabled', 'medium', true],
  ['managedAppConfiguration', 'deviceAppManagement/managedAppPolicies', 'enabled', 'low', true],
];

describe('policy-type registry', () => {
  it('lists exactly the spec types, in spec order', () => {
    expect(policyTypes.map((entry) => entry.type)).toEqual(specTable.map(([type]) => type));
  });

  it.each(specTable)('%s matches SPEC §7', (type, graph_resource, restore, risk, dependencies) => {
    const entry = findPolicyType(type);
    expect(entry).toBeDefined();
    expect(entry).toMatchObject({ type, graph_resource, restore, risk, dependencies });
  });

  it('gives every type a human label, a category and a platform', () => {
    for (const entry of policyTypes) {
      expect(entry.label).toMatch(/^[A-Z]/);
      expect(entry.label).not.toBe(entry.type);
      expect(entry.category.length).toBeGreaterThan(0);
      expect(entry.platform.length).toBeGreaterThan(0);
    }
  });

  it('reads Intune endpoints from beta and Conditional Access from v1.0', () => {
    for (const entry of policyTypes) {
      const expected = entry.graph_resource.startsWith('identity/') ? 'v1.0' : 'beta';
      expect(entry.api_version, entry.type).toBe(expected);
    }
  });

  it('has unique labels and types', () => {
    expect(new Set(policyTypes.map((entry) => entry.label)).size).toBe(policyTypes.length);
    expect(new Set(policyTypes.map((entry) => entry.type)).size).toBe(policyTypes.length);
  });

  it('returns undefined for unknown types', () => {
    expect(findPolicyType('notAType')).toBeUndefined();
    expect(findPolicyType('')).toBeUndefined();
  });

  it('cannot be changed at runtime', () => {
    expect(Object.isFrozen(policyTypes)).toBe(true);
  });

  it('names every shared and unshared collection once', () => {
    expect(graphResources()).toHaveLength(21);
    expect(policyTypesForResource('deviceManagement/deviceConfigurations').map((entry) => entry.type)).toEqual([
      'deviceConfiguration',
      'windowsUpdateRing',
    ]);
    expect(policyTypesForResource('deviceManagement/configurationPolicies').map((entry) => entry.type)).toEqual([
      'settingsCatalogPolicy',
      'endpointSecurityPolicy',
      'securityBaselinePolicy',
    ]);
  });
});

describe('classification of shared collections', () => {
  const deviceConfigurations = 'deviceManagement/deviceConfigurations';
  const configurationPolicies = 'deviceManagement/configurationPolicies';
  const withFamily = (templateFamily: unknown) => ({ id: 'x', templateReference: { templateId: '', templateFamily } });

  it('splits update rings from other device configurations by @odata.type', () => {
    const ring = { id: 'r', '@odata.type': '#microsoft.graph.windowsUpdateForBusinessConfiguration' };
    const general = { id: 'g', '@odata.type': '#microsoft.graph.windows10GeneralConfiguration' };
    expect(classify(deviceConfigurations, ring)).toBe('windowsUpdateRing');
    expect(classify(deviceConfigurations, general)).toBe('deviceConfiguration');
    expect(classify(deviceConfigurations, { id: 'untyped' })).toBe('deviceConfiguration');
    expect(belongsTo('windowsUpdateRing', ring)).toBe(true);
    expect(belongsTo('deviceConfiguration', ring)).toBe(false);
    expect(belongsTo('windowsUpdateRing', general)).toBe(false);
  });

  it('treats a missing, null, empty or "none" template family as settings catalog', () => {
    expect(classify(configurationPolicies, { id: 'x' })).toBe('settingsCatalogPolicy');
    expect(classify(configurationPolicies, { id: 'x', templateReference: null })).toBe('settingsCatalogPolicy');
    expect(classify(configurationPolicies, withFamily(undefined))).toBe('settingsCatalogPolicy');
    expect(classify(configurationPolicies, withFamily(null))).toBe('settingsCatalogPolicy');
    expect(classify(configurationPolicies, withFamily(''))).toBe('settingsCatalogPolicy');
    expect(classify(configurationPolicies, withFamily('none'))).toBe('settingsCatalogPolicy');
  });

  it.each([
    'endpointSecurityAntivirus',
    'endpointSecurityDiskEncryption',
    'endpointSecurityFirewall',
    'endpointSecurityEndpointDetectionAndResponse',
    'endpointSecurityAttackSurfaceReduction',
    'endpointSecurityAccountProtection',
  ])('classifies template family %s as endpoint security', (family) => {
    expect(classify(configurationPolicies, withFamily(family))).toBe('endpointSecurityPolicy');
    expect(belongsTo('settingsCatalogPolicy', withFamily(family))).toBe(false);
  });

  it('classifies the baseline family as security baseline', () => {
    expect(classify(configurationPolicies, withFamily('baseline'))).toBe('securityBaselinePolicy');
    expect(belongsTo('endpointSecurityPolicy', withFamily('baseline'))).toBe(false);
  });

  it('assigns other template families to no type instead of guessing', () => {
    expect(classify(configurationPolicies, withFamily('enrollmentConfiguration'))).toBeNull();
    expect(classify(configurationPolicies, withFamily('Baseline'))).toBeNull();
    expect(templateFamilyOf(withFamily('deviceConfigurationScripts'))).toBe('deviceConfigurationScripts');
  });

  it('assigns every entity of an unshared collection to its one type', () => {
    expect(classify('deviceManagement/deviceCompliancePolicies', { id: 'c' })).toBe('deviceCompliancePolicy');
    expect(classify('deviceAppManagement/managedAppPolicies', { id: 'a', '@odata.type': '#microsoft.graph.iosManagedAppProtection' }))
      .toBe('appProtectionPolicy');
    expect(classify('identity/conditionalAccess/policies', { id: 'ca' })).toBe('conditionalAccessPolicy');
    expect(belongsTo('roleScopeTag', { id: '0' })).toBe(true);
  });

  it('knows no type for an unknown collection', () => {
    expect(classify('deviceManagement/somethingElse', { id: 'x' })).toBeNull();
  });
});
