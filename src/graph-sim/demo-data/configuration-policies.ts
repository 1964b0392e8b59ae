// deviceManagement/configurationPolicies: one collection, three policy types told apart by
// templateReference.templateFamily (SPEC §7). Settings are settingInstance trees as Graph returns them.
import type { SimEntity } from '../sim-types';
import type { DemoContext } from './entity-basics';

type SettingSpec =
  | { id: string; choice: string[] }
  | { id: string; integer: [number, number] };

interface ConfigurationPolicySpec {
  name: string;
  /** Present in every generated tenant, so each of the three policy types always has an example. */
  always?: boolean;
  platforms: 'windows10' | 'macOS' | 'iOS';
  templateFamily: string;
  template?: { id: string; displayName: string };
  settings: SettingSpec[];
}

const choice = (id: string, ...values: string[]): SettingSpec => ({ id, choice: values.map((value) => `${id}_${value}`) });
const integer = (id: string, min: number, max: number): SettingSpec => ({ id, integer: [min, max] });

const catalog: ConfigurationPolicySpec[] = [
  {
    name: 'Windows - BitLocker - D - v1.0', always: true, platforms: 'windows10', templateFamily: 'none',
    settings: [
      choice('device_vendor_msft_bitlocker_requiredeviceencryption', '1'),
      choice('device_vendor_msft_bitlocker_allowwarningforotherdiskencryption', '0'),
      choice('device_vendor_msft_bitlocker_encryptionmethodbydrivetype', '1', '0'),
    ],
  },
  {
    name: 'Windows - Microsoft Edge - D - Security - v1.0', platforms: 'windows10', templateFamily: 'none',
    settings: [
      choice('device_vendor_msft_policy_config_microsoft_edge~policy~microsoft_edge_smartscreenenabled', '1'),
      choice('device_vendor_msft_policy_config_microsoft_edge~policy~microsoft_edge_passwordmanagerenabled', '0', '1'),
      choice('device_vendor_msft_policy_config_microsoft_edge~policy~microsoft_edge_sslerroroverrideallowed', '0'),
    ],
  },
  {
    name: 'Windows - OneDrive - U - Known Folder Move - v1.0', platforms: 'windows10', templateFamily: 'none',
    settings: [
      choice('user_vendor_msft_policy_config_onedrivengscv2~policy~onedrivengsc_kfmoptinnowizard', '1'),
      choice('user_vendor_msft_policy_config_onedrivengscv2~policy~onedrivengsc_kfmblockoptout', '1', '0'),
    ],
  },
  {
    name: 'Windows - Device Security - D - Local Security Policies - v1.0', platforms: 'windows10', templateFamily: 'none',
    settings: [
      integer('device_vendor_msft_policy_config_devicelock_maxinactivitytimedevicelock', 5, 15),
      choice('device_vendor_msft_policy_config_localpoliciessecurityoptions_accounts_limitlocalaccountuseofblankpasswordstoconsolelogononly', '1'),
      integer('device_vendor_msft_policy_config_devicelock_minimumpasswordlength', 8, 14),
    ],
  },
  {
    name: 'Windows - Windows Hello for Business - D - v1.0', platforms: 'windows10', templateFamily: 'none',
    settings: [
      choice('device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork', 'true'),
      integer('device_vendor_msft_passportforwork_{tenantid}_policies_pincomplexity_minimumpinlength', 6, 8),
    ],
  },
  {
    name: 'MacOS - Firewall - D - Gatekeeper - v1.0', platforms: 'macOS', templateFamily: 'none',
    settings: [
      choice('com.apple.systempolicy.control_enableassessment', 'true'),
      choice('com.apple.security.firewall_enablestealthmode', 'true', 'false'),
    ],
  },
  {
    name: 'Windows - Defender Antivirus - D - Antivirus - v1.0', always: true, platforms: 'windows10',
    templateFamily: 'endpointSecurityAntivirus',
    template: { id: '804339ad-1553-4478-a742-138fb5807418_1', displayName: 'Microsoft Defender Antivirus' },
    settings: [
      choice('device_vendor_msft_policy_config_defender_allowrealtimemonitoring', '1'),
      choice('device_vendor_msft_policy_config_defender_allowcloudprotection', '1'),
      integer('device_vendor_msft_policy_config_defender_avgcpuloadfactor', 20, 50),
    ],
  },
  {
    name: 'Windows - Defender Firewall - D - Firewall - v1.0', platforms: 'windows10',
    templateFamily: 'endpointSecurityFirewall',
    template: { id: '6078910e-d808-4a9f-a51d-1b8a7bacb7c0_1', displayName: 'Windows Firewall' },
    settings: [
      choice('vendor_msft_firewall_mdmstore_domainprofile_enablefirewall', 'true'),
      choice('vendor_msft_firewall_mdmstore_publicprofile_enablefirewall', 'true'),
      choice('vendor_msft_firewall_mdmstore_publicprofile_defaultinboundaction', '1', '0'),
    ],
  },
  {
    name: 'Windows - Attack Surface Reduction - D - ASR Rules - v1.0', platforms: 'windows10',
    templateFamily: 'endpointSecurityAttackSurfaceReduction',
    template: { id: 'e8c053d6-9f95-42b1-a7f1-ebfd71c67a4b_1', displayName: 'Attack Surface Reduction Rules' },
    settings: [
      choice('device_vendor_msft_policy_config_defender_attacksurfacereductionrules_blockexecutablecontentfromemailclientandwebmail', 'block', 'audit'),
      choice('device_vendor_msft_policy_config_defender_attacksurfacereductionrules_blockcredentialstealingfromwindowslocalsecurityauthoritysubsystem', 'block'),
    ],
  },
  {
    name: 'Windows - Endpoint Detection and Response - D - Onboarding - v1.0', platforms: 'windows10',
    templateFamily: 'endpointSecurityEndpointDetectionAndResponse',
    template: { id: '0385b795-0f2f-44ac-8602-9f65bf6adede_1', displayName: 'Endpoint detection and response' },
    settings: [choice('device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing', '1', '0')],
  },
  {
    name: 'Windows - Security Baseline - D - Windows 11 23H2 - v1.0', always: true, platforms: 'windows10', templateFamily: 'baseline',
    template: { id: '66df8dce-0166-4b82-92f7-1f74e3ca17a3_4', displayName: 'Security Baseline for Windows 10 and later' },
    settings: [
      choice('device_vendor_msft_policy_config_credentialsui_enumerateadministrators', '0'),
      choice('device_vendor_msft_policy_config_remotedesktopservices_donotallowpasswordsaving', '1'),
      integer('device_vendor_msft_policy_config_devicelock_maxdevicepasswordfailedattempts', 5, 10),
    ],
  },
  {
    name: 'Windows - Defender for Endpoint Baseline - D - v1.0', platforms: 'windows10', templateFamily: 'baseline',
    template: { id: '49b8320f-e179-472e-8e2c-2fde00289ca2_1', displayName: 'Microsoft Defender for Endpoint Security Baseline' },
    settings: [choice('device_vendor_msft_policy_config_defender_puaprotection', '1', '2')],
  },
  // A template family no registry type covers yet: a sync reads it and counts it as skipped (coverage shows it).
  {
    name: 'Windows - Enrollment - D - Windows Hello for Business - v1.0', always: true, platforms: 'windows10', templateFamily: 'enrollmentConfiguration',
    template: { id: '3e4b6e5b-e1bd-4bb6-8e34-3b1ec6ad8e36_1', displayName: 'Windows Hello for Business' },
    settings: [choice('device_vendor_msft_passportforwork_policies_usepassportforwork', 'true', 'false')],
  },
];

function settingInstance(context: DemoContext, spec: SettingSpec): Record<string, unknown> {
  if ('choice' in spec) {
    return {
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
      settingDefinitionId: spec.id,
      settingInstanceTemplateReference: null,
      choiceSettingValue: {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingValue',
        value: context.rng.pick(spec.choice),
        settingValueTemplateReference: null,
        children: [],
      },
    };
  }
  return {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
    settingDefinitionId: spec.id,
    settingInstanceTemplateReference: null,
    simpleSettingValue: {
      '@odata.type': '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue',
      value: context.rng.int(spec.integer[0], spec.integer[1]),
      settingValueTemplateReference: null,
    },
  };
}

function configurationPolicy(context: DemoContext, spec: ConfigurationPolicySpec): SimEntity {
  const { rng } = context;
  const created = rng.pastDate(400);
  const settings = spec.settings.map((setting, index) => ({
    id: String(index),
    settingInstance: settingInstance(context, setting),
  }));
  return {
    '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy',
    id: rng.guid(),
    name: spec.name,
    description: '',
    platforms: spec.platforms,
    technologies: spec.platforms === 'windows10' ? 'mdm' : 'mdm,appleRemoteManagement',
    createdDateTime: created,
    lastModifiedDateTime: created,
    creationSource: null,
    roleScopeTagIds: ['0'],
    settingCount: settings.length,
    priorityMetaData: null,
    templateReference: {
      templateId: spec.template?.id ?? '',
      templateFamily: spec.templateFamily,
      templateDisplayName: spec.template?.displayName ?? null,
      templateDisplayVersion: spec.template ? 'Version 1' : null,
    },
    settings,
  };
}

export function configurationPolicies(
  context: DemoContext,
  include: (spec: { name: string; always?: boolean }) => boolean,
): SimEntity[] {
  return catalog.filter(include).map((spec) => configurationPolicy(context, spec));
}
