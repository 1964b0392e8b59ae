import crypto from 'node:crypto';
import type { GraphSim, SimEntity } from '../graph-sim';

// Drift for the demo, made the way an administrator makes it: edits in the (simulated) Intune portal between
// the baseline and the next sync. The scan that follows finds it for real — nothing here writes a finding.

const configurationPolicies = 'deviceManagement/configurationPolicies';
const deviceConfigurations = 'deviceManagement/deviceConfigurations';
const compliancePolicies = 'deviceManagement/deviceCompliancePolicies';

const named = (items: SimEntity[] | undefined, prefix: string) =>
  items?.find((item) => String(item['name'] ?? item['displayName'] ?? '').startsWith(prefix));

/** A choice value flipped to its other option (`…_1` ⇄ `…_0`). */
const otherChoice = (value: string) => (value.endsWith('_1') ? `${value.slice(0, -2)}_0` : value.endsWith('_0') ? `${value.slice(0, -2)}_1` : `${value}_changed`);

export function makeDemoDrift(sim: GraphSim, entraTenantId: string): void {
  const tenant = sim.tenant(entraTenantId);

  // A security baseline setting switched off in the portal: a changed policy, high severity (its type's risk).
  const baseline = named(tenant.policies[configurationPolicies], 'Windows - Security Baseline');
  if (baseline) {
    const definitionId = 'device_vendor_msft_policy_config_remotedesktopservices_donotallowpasswordsaving';
    sim.updatePolicy(entraTenantId, configurationPolicies, String(baseline['id']), (entity) => {
      type ChoiceInstance = { settingDefinitionId?: string; choiceSettingValue?: { value?: unknown } };
      for (const setting of (entity['settings'] as Array<{ settingInstance?: ChoiceInstance }> | undefined) ?? []) {
        const choice = setting.settingInstance?.settingDefinitionId === definitionId ? setting.settingInstance.choiceSettingValue : undefined;
        if (choice) choice.value = otherChoice(String(choice.value));
      }
      return entity;
    });
  }

  // Device restrictions loosened for a pilot: two changed properties, medium severity (the demo accepts this risk).
  const restrictions = named(tenant.policies[deviceConfigurations], 'Windows - Device Restrictions');
  if (restrictions) sim.updatePolicy(entraTenantId, deviceConfigurations, String(restrictions['id']), { passwordMinimumLength: 6, cameraBlocked: true });

  // A compliance policy deleted (missing: one step above its type's high risk, so critical) and another one
  // created outside change control (unexpected, high).
  const compliance = tenant.policies[compliancePolicies] ?? [];
  const [removed, template] = [compliance[0], compliance[1] ?? compliance[0]];
  if (template) {
    sim.addPolicy(entraTenantId, compliancePolicies, {
      ...structuredClone(template),
      id: crypto.randomUUID(),
      displayName: 'Windows - Compliance - D - Legacy exception (added in portal)',
      createdDateTime: new Date().toISOString(),
      lastModifiedDateTime: new Date().toISOString(),
    });
  }
  if (removed) sim.removePolicy(entraTenantId, compliancePolicies, String(removed['id']));
}
