// deviceManagement/intents (the older endpoint security and security baseline policies, with their settings as
// deviceManagementSettingInstance values) and deviceManagement/compliancePolicies (v2, settings catalog compliance:
// Linux). Settings are stored on the entity and served as the child collections Graph serves them as.
import type { SimEntity } from '../sim-types';
import type { DemoContext } from './entity-basics';
import type { DemoEntitySpec } from './demo-entity-spec';

type IntentSetting = { definitionId: string; kind: 'boolean' | 'integer' | 'string'; values: readonly unknown[] };

const instanceTypes = {
  boolean: '#microsoft.graph.deviceManagementBooleanSettingInstance',
  integer: '#microsoft.graph.deviceManagementIntegerSettingInstance',
  string: '#microsoft.graph.deviceManagementStringSettingInstance',
} as const;

const intent = (templateId: string, settings: IntentSetting[]) =>
  (context: DemoContext, name: string): SimEntity => {
    const { rng } = context;
    return {
      '@odata.type': '#microsoft.graph.deviceManagementIntent',
      id: rng.guid(),
      displayName: name,
      description: `${name} (generated demo policy)`,
      isAssigned: true,
      isMigratingToConfigurationPolicy: false,
      lastModifiedDateTime: rng.pastDate(90),
      templateId,
      roleScopeTagIds: ['0'],
      settings: settings.map((setting) => {
        const value = rng.pick(setting.values);
        return { '@odata.type': instanceTypes[setting.kind], id: rng.guid(), definitionId: setting.definitionId, valueJson: JSON.stringify(value), value };
      }),
    };
  };

const endpointProtection = 'deviceConfiguration--windows10EndpointProtectionConfiguration_';
const general = 'deviceConfiguration--windows10GeneralConfiguration_';

export const intentSpecs: DemoEntitySpec[] = [
  {
    // Template "BitLocker" of the endpoint security disk encryption intents.
    name: 'Windows - Endpoint Security - D - BitLocker (legacy) - v1.0', always: true,
    build: intent('d1174162-1dd2-4976-affc-6667049ab0ae', [
      { definitionId: `${endpointProtection}bitLockerEncryptDevice`, kind: 'boolean', values: [true] },
      { definitionId: `${endpointProtection}bitLockerDisableWarningForOtherDiskEncryption`, kind: 'boolean', values: [true, false] },
      { definitionId: `${endpointProtection}bitLockerEnableStorageCardEncryptionOnMobile`, kind: 'boolean', values: [false] },
    ]),
  },
  {
    // "MDM Security Baseline for Windows 10 and later" (intent-based security baseline).
    name: 'Windows - Security Baseline - D - MDM Baseline (legacy) - v1.0',
    build: intent('034ccd46-190c-4afc-adf1-ad7cc11262eb', [
      { definitionId: `${general}passwordRequired`, kind: 'boolean', values: [true] },
      { definitionId: `${general}passwordMinimumLength`, kind: 'integer', values: [12, 14] },
      { definitionId: `${endpointProtection}smartScreenBlockOverrideForFiles`, kind: 'boolean', values: [true] },
      { definitionId: `${endpointProtection}firewallBlockStatefulFTP`, kind: 'boolean', values: [true] },
    ]),
  },
  {
    name: 'Windows - Endpoint Security - D - Defender Antivirus (legacy) - v1.0',
    build: intent('e44c2ca3-2f9a-400a-a113-6cc88efd773d', [
      { definitionId: 'deviceConfiguration--windows10GeneralConfiguration_defenderRequireRealTimeMonitoring', kind: 'boolean', values: [true] },
      { definitionId: 'deviceConfiguration--windows10GeneralConfiguration_defenderScanType', kind: 'string', values: ['quick', 'full'] },
    ]),
  },
];

const settingInstance = (definitionId: string, value: Record<string, unknown>) => ({
  '@odata.type': value['@odata.type'] === 'group'
    ? '#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance'
    : 'choice' in value ? '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance' : '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
  settingDefinitionId: definitionId,
  settingInstanceTemplateReference: null,
  ...('choice' in value
    ? { choiceSettingValue: { '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingValue', value: value['choice'], settingValueTemplateReference: null, children: [] } }
    : 'integer' in value
      ? { simpleSettingValue: { '@odata.type': '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue', value: value['integer'], settingValueTemplateReference: null } }
      : 'string' in value
        ? { simpleSettingValue: { '@odata.type': '#microsoft.graph.deviceManagementConfigurationStringSettingValue', value: value['string'], settingValueTemplateReference: null } }
        : { groupSettingCollectionValue: value['items'] }),
});

const linuxCompliance = (context: DemoContext, name: string): SimEntity => {
  const { rng } = context;
  const created = rng.pastDate(200);
  const distro = 'linux_distribution_alloweddistros';
  const settings = [
    settingInstance(distro, {
      '@odata.type': 'group',
      items: [{
        settingValueTemplateReference: null,
        children: [
          settingInstance(`${distro}_item_$type`, { choice: `${distro}_item_$type_ubuntu` }),
          settingInstance(`${distro}_item_minimumversion`, { string: rng.pick(['20.04', '22.04']) }),
          settingInstance(`${distro}_item_maximumversion`, { string: '24.04' }),
        ],
      }],
    }),
    settingInstance('linux_deviceencryption_required', { choice: 'linux_deviceencryption_required_true' }),
    settingInstance('linux_passwordpolicy_minimumlength', { integer: rng.pick([10, 12, 14]) }),
    settingInstance('linux_passwordpolicy_minimumdigits', { integer: rng.pick([1, 2]) }),
  ].map((instance, index) => ({ id: String(index), settingInstance: instance }));
  return {
    '@odata.type': '#microsoft.graph.deviceManagementCompliancePolicy',
    id: rng.guid(),
    name,
    description: `${name} (generated demo policy)`,
    platforms: 'linux',
    technologies: 'linuxMdm',
    createdDateTime: created,
    lastModifiedDateTime: created,
    creationSource: null,
    settingCount: settings.length,
    roleScopeTagIds: ['0'],
    isAssigned: true,
    settings,
  };
};

export const compliancePolicyV2Specs: DemoEntitySpec[] = [
  { name: 'Linux - Compliance - D - Device Health - v1.0', always: true, build: linuxCompliance },
];
