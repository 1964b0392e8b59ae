// The setting definitions of every settings-catalog and v2 compliance setting the generated tenants use, with the
// display names and option labels Intune shows for them (as in the Intune admin center's settings picker). Served by
// deviceManagement/configurationSettings/{id} and inline by `settings?$expand=settingDefinitions`.
import type { SimEntity } from '../sim-types';
import { buildDefinition, type DefinitionSpec } from '../setting-definitions';

const enabled = { '0': 'Disabled', '1': 'Enabled' };
const trueFalse = { false: 'False', true: 'True' };
const asr = { off: 'Off', block: 'Block', audit: 'Audit', warn: 'Warn' };

const specs: DefinitionSpec[] = [
  { id: 'device_vendor_msft_bitlocker_requiredeviceencryption', displayName: 'Require Device Encryption', description: 'Allows the admin to require encryption to be turned on by using BitLocker\\Device Encryption.', options: enabled },
  { id: 'device_vendor_msft_bitlocker_allowwarningforotherdiskencryption', displayName: 'Allow Warning For Other Disk Encryption', description: 'Allows the admin to disable the warning prompt for other disk encryption on the user machines.', options: { '0': 'Disabled', '1': 'Enabled' } },
  { id: 'device_vendor_msft_bitlocker_encryptionmethodbydrivetype', displayName: 'Choose drive encryption method and cipher strength (Windows 10 [Version 1511] and later)', options: enabled },
  { id: 'device_vendor_msft_policy_config_microsoft_edge~policy~microsoft_edge_smartscreenenabled', displayName: 'Configure Microsoft Defender SmartScreen', options: enabled },
  { id: 'device_vendor_msft_policy_config_microsoft_edge~policy~microsoft_edge_passwordmanagerenabled', displayName: 'Enable saving passwords to the password manager', options: enabled },
  { id: 'device_vendor_msft_policy_config_microsoft_edge~policy~microsoft_edge_sslerroroverrideallowed', displayName: 'Allow users to proceed from the HTTPS warning page', options: enabled },
  { id: 'user_vendor_msft_policy_config_onedrivengscv2~policy~onedrivengsc_kfmoptinnowizard', displayName: 'Silently move Windows known folders to OneDrive', options: enabled },
  { id: 'user_vendor_msft_policy_config_onedrivengscv2~policy~onedrivengsc_kfmblockoptout', displayName: 'Prevent users from redirecting their Windows known folders to their PC', options: enabled },
  { id: 'device_vendor_msft_policy_config_devicelock_maxinactivitytimedevicelock', displayName: 'Max Inactivity Time Device Lock', description: 'The maximum amount of time (in minutes) allowed after the device is idle that will cause the device to become PIN or password locked.', integer: { min: 0, max: 999 } },
  { id: 'device_vendor_msft_policy_config_localpoliciessecurityoptions_accounts_limitlocalaccountuseofblankpasswordstoconsolelogononly', displayName: 'Accounts Limit Local Account Use Of Blank Passwords To Console Logon Only', options: enabled },
  { id: 'device_vendor_msft_policy_config_devicelock_minimumpasswordlength', displayName: 'Min Device Password Length', integer: { min: 4, max: 16 } },
  { id: 'device_vendor_msft_passportforwork_{tenantid}_policies_usepassportforwork', displayName: 'Use Windows Hello For Business', options: trueFalse },
  { id: 'device_vendor_msft_passportforwork_{tenantid}_policies_pincomplexity_minimumpinlength', displayName: 'Minimum PIN Length', integer: { min: 4, max: 127 } },
  { id: 'device_vendor_msft_passportforwork_policies_usepassportforwork', displayName: 'Use Windows Hello For Business (Device)', options: trueFalse },
  { id: 'com.apple.systempolicy.control_enableassessment', displayName: 'Enable Assessment', platform: 'macOS', options: trueFalse },
  { id: 'com.apple.security.firewall_enablestealthmode', displayName: 'Enable Stealth Mode', platform: 'macOS', options: trueFalse },
  {
    id: 'device_vendor_msft_policy_config_defender_allowrealtimemonitoring', displayName: 'Allow Realtime Monitoring',
    options: { '0': 'Not allowed. Turns off the real-time monitoring service.', '1': 'Allowed. Turns on and runs the real-time monitoring service.' },
  },
  { id: 'device_vendor_msft_policy_config_defender_allowcloudprotection', displayName: 'Allow Cloud Protection', options: { '0': 'Not allowed. Turns off Cloud Protection.', '1': 'Allowed. Turns on Cloud Protection.' } },
  { id: 'device_vendor_msft_policy_config_defender_avgcpuloadfactor', displayName: 'Avg CPU Load Factor', integer: { min: 0, max: 100 } },
  { id: 'vendor_msft_firewall_mdmstore_domainprofile_enablefirewall', displayName: 'Enable Domain Network Firewall', options: trueFalse },
  { id: 'vendor_msft_firewall_mdmstore_publicprofile_enablefirewall', displayName: 'Enable Public Network Firewall', options: trueFalse },
  { id: 'vendor_msft_firewall_mdmstore_publicprofile_defaultinboundaction', displayName: 'Default Inbound Action for Public Profile', options: { '0': 'Allow', '1': 'Block' } },
  { id: 'device_vendor_msft_policy_config_defender_attacksurfacereductionrules_blockexecutablecontentfromemailclientandwebmail', displayName: 'Block executable content from email client and webmail', options: asr },
  { id: 'device_vendor_msft_policy_config_defender_attacksurfacereductionrules_blockcredentialstealingfromwindowslocalsecurityauthoritysubsystem', displayName: 'Block credential stealing from the Windows local security authority subsystem', options: asr },
  { id: 'device_vendor_msft_windowsadvancedthreatprotection_configuration_samplesharing', displayName: 'Sample Sharing', options: { '0': 'None', '1': 'All' } },
  { id: 'device_vendor_msft_policy_config_credentialsui_enumerateadministrators', displayName: 'Enumerate administrator accounts on elevation', options: enabled },
  { id: 'device_vendor_msft_policy_config_remotedesktopservices_donotallowpasswordsaving', displayName: 'Do not allow passwords to be saved', options: enabled },
  { id: 'device_vendor_msft_policy_config_devicelock_maxdevicepasswordfailedattempts', displayName: 'Max Device Password Failed Attempts', integer: { min: 0, max: 999 } },
  {
    id: 'device_vendor_msft_policy_config_defender_puaprotection', displayName: 'PUA Protection',
    options: { '0': 'PUA Protection off. Windows Defender will not protect against potentially unwanted applications.', '1': 'PUA Protection on. Detected items are blocked.', '2': 'Audit mode. Windows Defender will detect potentially unwanted applications, but take no action.' },
  },
  // v2 (settings catalog) compliance for Linux.
  { id: 'linux_distribution_alloweddistros', displayName: 'Allowed Distributions', platform: 'linux', children: ['linux_distribution_alloweddistros_item_$type', 'linux_distribution_alloweddistros_item_minimumversion', 'linux_distribution_alloweddistros_item_maximumversion'] },
  { id: 'linux_distribution_alloweddistros_item_$type', displayName: 'Type', platform: 'linux', options: { ubuntu: 'Ubuntu', redhat: 'Red Hat Enterprise Linux' }, rootDefinitionId: 'linux_distribution_alloweddistros' },
  { id: 'linux_distribution_alloweddistros_item_minimumversion', displayName: 'Minimum OS version', platform: 'linux', string: true, rootDefinitionId: 'linux_distribution_alloweddistros' },
  { id: 'linux_distribution_alloweddistros_item_maximumversion', displayName: 'Maximum OS version', platform: 'linux', string: true, rootDefinitionId: 'linux_distribution_alloweddistros' },
  { id: 'linux_deviceencryption_required', displayName: 'Require Device Encryption', platform: 'linux', options: trueFalse },
  { id: 'linux_passwordpolicy_minimumlength', displayName: 'Minimum Length', platform: 'linux', integer: { min: 8, max: 64 } },
  { id: 'linux_passwordpolicy_minimumdigits', displayName: 'Minimum Digits', platform: 'linux', integer: { min: 0, max: 16 } },
];

let built: SimEntity[] | null = null;

/** Every definition the generated tenants' settings refer to (fresh copies per call: tenants must not share objects). */
export function demoSettingDefinitions(): SimEntity[] {
  built ??= specs.map(buildDefinition);
  return structuredClone(built);
}
