// deviceManagement/deviceConfigurations holds classic profiles and, told apart by @odata.type,
// Windows update rings (SPEC §7); plus the administrative templates, compliance and script collections.
import { base64, intuneEntity, type DemoContext } from './entity-basics';
import type { DemoEntitySpec } from './demo-entity-spec';

const profile = (odataType: string, fields: (context: DemoContext) => Record<string, unknown>) =>
  (context: DemoContext, name: string) =>
    intuneEntity(context, odataType, name, { version: context.rng.int(1, 6), ...fields(context) });

// Windows update rings are deviceConfigurations of this type (Graph: windowsUpdateForBusinessConfiguration inherits deviceConfiguration).
const windowsUpdateRingODataType = '#microsoft.graph.windowsUpdateForBusinessConfiguration';
// What the service reports while a ring is neither paused nor rolled back; it sets these itself when an admin pauses,
// extends or rolls back (volatile-fields.ts).
const notPausedRuntime = {
  qualityUpdatesPaused: false,
  featureUpdatesPaused: false,
  qualityUpdatesPauseExpiryDateTime: '0001-01-01T00:00:00Z',
  featureUpdatesPauseExpiryDateTime: '0001-01-01T00:00:00Z',
  qualityUpdatesPauseStartDate: null,
  featureUpdatesPauseStartDate: null,
  qualityUpdatesRollbackStartDateTime: '0001-01-01T00:00:00Z',
  featureUpdatesRollbackStartDateTime: '0001-01-01T00:00:00Z',
  qualityUpdatesWillBeRolledBack: false,
  featureUpdatesWillBeRolledBack: false,
};

const updateRing = (deferralDays: number) =>
  profile(windowsUpdateRingODataType, ({ rng }) => ({
    automaticUpdateMode: rng.pick(['autoInstallAtMaintenanceTime', 'autoInstallAndRebootAtMaintenanceTime']),
    qualityUpdatesDeferralPeriodInDays: deferralDays,
    featureUpdatesDeferralPeriodInDays: deferralDays * 2,
    deadlineForQualityUpdatesInDays: rng.int(2, 7),
    deadlineForFeatureUpdatesInDays: rng.int(5, 14),
    deadlineGracePeriodInDays: 2,
    microsoftUpdateServiceAllowed: true,
    driversExcluded: false,
    businessReadyUpdatesOnly: 'userDefined',
    userPauseAccess: 'disabled',
    ...notPausedRuntime,
  }));

export const deviceConfigurationSpecs: DemoEntitySpec[] = [
  {
    name: 'Windows - Device Restrictions - D - Baseline - v1.0', always: true,
    build: profile('#microsoft.graph.windows10GeneralConfiguration', ({ rng }) => ({
      cameraBlocked: false,
      passwordRequired: true,
      passwordMinimumLength: rng.pick([8, 10, 12]),
      storageRequireMobileDeviceEncryption: true,
      defenderRequireRealTimeMonitoring: true,
      smartScreenEnableAppInstallControl: rng.chance(0.5),
    })),
  },
  {
    name: 'Windows - Wi-Fi - D - Corporate WLAN - v1.0',
    build: profile('#microsoft.graph.windowsWifiEnterpriseEAPConfiguration', ({ rng }) => ({
      ssid: rng.pick(['CORP-WLAN', 'Corp-Secure']),
      networkName: 'Corporate',
      connectAutomatically: true,
      connectWhenNetworkNameIsHidden: false,
      wifiSecurityType: 'wpa2Enterprise',
      eapType: 'eapTls',
    })),
  },
  {
    name: 'Windows - Endpoint Protection - D - Firewall and SmartScreen - v1.0',
    build: profile('#microsoft.graph.windows10EndpointProtectionConfiguration', ({ rng }) => ({
      firewallBlockStatefulFTP: true,
      firewallProfileDomain: { firewallEnabled: 'allowed', inboundConnectionsBlocked: rng.chance(0.5) },
      smartScreenBlockOverrideForFiles: true,
      bitLockerEncryptDevice: true,
    })),
  },
  {
    name: 'iOS - Device Restrictions - D - Corporate - v1.0',
    build: profile('#microsoft.graph.iosGeneralDeviceConfiguration', ({ rng }) => ({
      passcodeRequired: true,
      passcodeMinimumLength: rng.pick([6, 8]),
      passcodeBlockSimple: true,
      iCloudBlockBackup: rng.chance(0.5),
      appStoreBlockInAppPurchases: true,
    })),
  },
  {
    name: 'Android Enterprise - Device Restrictions - D - Work Profile - v1.0',
    build: profile('#microsoft.graph.androidWorkProfileGeneralDeviceConfiguration', ({ rng }) => ({
      passwordRequiredType: 'numericComplex',
      passwordMinimumLength: rng.pick([6, 8]),
      workProfileBlockCrossProfileCopyPaste: true,
      workProfileDataSharingType: 'preventAny',
    })),
  },
  {
    name: 'MacOS - Custom - D - Login Window - v1.0',
    build: profile('#microsoft.graph.macOSCustomConfiguration', () => ({
      payloadName: 'Login Window',
      payloadFileName: 'loginwindow.mobileconfig',
      payload: base64('<?xml version="1.0"?><plist version="1.0"><dict><key>SHOWFULLNAME</key><true/></dict></plist>'),
    })),
  },
  { name: 'Windows - Update Ring - D - Pilot - v1.0', always: true, build: updateRing(0) },
  { name: 'Windows - Update Ring - D - Broad - v1.0', always: true, build: updateRing(7) },
  { name: 'Windows - Update Ring - D - Critical Systems - v1.0', build: updateRing(14) },
];

export const groupPolicyConfigurationSpecs: DemoEntitySpec[] = [
  'Windows - Administrative Templates - D - Microsoft Edge - v1.0',
  'Windows - Administrative Templates - U - Microsoft Office - v1.0',
  'Windows - Administrative Templates - D - OneDrive - v1.0',
].map((name) => ({
  name,
  build: (context, entityName) =>
    intuneEntity(context, '#microsoft.graph.groupPolicyConfiguration', entityName, {
      policyConfigurationIngestionType: 'builtIn',
    }),
}));

const compliance = (odataType: string, fields: (context: DemoContext) => Record<string, unknown>) =>
  (context: DemoContext, name: string) =>
    intuneEntity(context, odataType, name, { version: context.rng.int(1, 4), ...fields(context) });

export const deviceCompliancePolicySpecs: DemoEntitySpec[] = [
  {
    name: 'Windows - Compliance - D - Device Health - v1.0', always: true,
    build: compliance('#microsoft.graph.windows10CompliancePolicy', () => ({
      bitLockerEnabled: true, secureBootEnabled: true, codeIntegrityEnabled: true,
    })),
  },
  {
    name: 'Windows - Compliance - D - Device Security - v1.0',
    build: compliance('#microsoft.graph.windows10CompliancePolicy', ({ rng }) => ({
      passwordRequired: true,
      passwordMinimumLength: rng.pick([8, 12]),
      defenderEnabled: true,
      rtpEnabled: true,
      activeFirewallRequired: true,
      deviceThreatProtectionRequiredSecurityLevel: rng.pick(['low', 'medium']),
    })),
  },
  {
    name: 'Windows - Compliance - D - OS Version - v1.0',
    build: compliance('#microsoft.graph.windows10CompliancePolicy', ({ rng }) => ({
      osMinimumVersion: rng.pick(['10.0.22621.3007', '10.0.22631.3296']),
    })),
  },
  {
    name: 'iOS - Compliance - D - Baseline - v1.0',
    build: compliance('#microsoft.graph.iosCompliancePolicy', ({ rng }) => ({
      passcodeRequired: true, passcodeMinimumLength: 6, securityBlockJailbrokenDevices: true,
      osMinimumVersion: rng.pick(['16.0', '17.0']),
    })),
  },
  {
    name: 'Android - Compliance - D - Work Profile - v1.0',
    build: compliance('#microsoft.graph.androidWorkProfileCompliancePolicy', () => ({
      passwordRequired: true, securityBlockJailbrokenDevices: true, storageRequireEncryption: true,
    })),
  },
  {
    name: 'MacOS - Compliance - U - Password - v1.0',
    build: compliance('#microsoft.graph.macOSCompliancePolicy', ({ rng }) => ({
      passwordRequired: true, passwordMinimumLength: rng.pick([8, 10]), storageRequireEncryption: true,
    })),
  },
];

const script = (odataType: string, fileName: string, content: string) =>
  (context: DemoContext, name: string) =>
    intuneEntity(context, odataType, name, {
      publisher: 'IT Operations',
      runAsAccount: 'system',
      enforceSignatureCheck: false,
      runAs32Bit: false,
      fileName,
      ...(odataType.endsWith('deviceComplianceScript')
        ? { detectionScriptContent: base64(content) }
        : { scriptContent: base64(content) }),
    });

export const deviceComplianceScriptSpecs: DemoEntitySpec[] = [
  {
    name: 'Windows - Compliance Script - D - Local Admin Check - v1.0',
    build: script('#microsoft.graph.deviceComplianceScript', 'LocalAdminCheck.ps1',
      '$admins = Get-LocalGroupMember -Group Administrators\n@{ LocalAdmins = $admins.Count } | ConvertTo-Json -Compress'),
  },
  {
    name: 'Windows - Compliance Script - D - TPM Health - v1.0',
    build: script('#microsoft.graph.deviceComplianceScript', 'TpmHealth.ps1',
      '$tpm = Get-Tpm\n@{ TpmReady = $tpm.TpmReady } | ConvertTo-Json -Compress'),
  },
];

export const deviceManagementScriptSpecs: DemoEntitySpec[] = [
  {
    name: 'Windows - Platform Script - D - Set Time Zone - v1.0', always: true,
    build: script('#microsoft.graph.deviceManagementScript', 'SetTimeZone.ps1', 'Set-TimeZone -Id "W. Europe Standard Time"'),
  },
  {
    name: 'Windows - Platform Script - D - Remove Consumer Apps - v1.0',
    build: script('#microsoft.graph.deviceManagementScript', 'RemoveConsumerApps.ps1',
      'Get-AppxProvisionedPackage -Online | Where-Object DisplayName -like "*Xbox*" | Remove-AppxProvisionedPackage -Online'),
  },
  {
    name: 'Windows - Platform Script - U - Map Network Drives - v1.0',
    build: script('#microsoft.graph.deviceManagementScript', 'MapDrives.ps1',
      'New-PSDrive -Name S -PSProvider FileSystem -Root \\\\fs01\\shared -Persist'),
  },
];
