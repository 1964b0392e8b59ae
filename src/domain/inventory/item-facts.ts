// The facts of an inventory item that are read from its payload rather than from its type: the name a person
// knows it by and the platform it targets (an Items filter). Pure, so sync and tests derive them the same way.
import { findPolicyType, type PolicyTypeName } from './policy-types';

export const itemPlatforms = ['windows', 'macos', 'ios', 'android', 'linux', 'all'] as const;
export type ItemPlatform = (typeof itemPlatforms)[number];

export const itemPlatformLabels: Record<ItemPlatform, string> = {
  windows: 'Windows',
  macos: 'macOS',
  ios: 'iOS/iPadOS',
  android: 'Android',
  linux: 'Linux',
  all: 'Any platform',
};

/** displayName, else name (configuration policies), else the Graph id: a row is never nameless. */
export function itemDisplayName(payload: Readonly<Record<string, unknown>>, externalId: string): string {
  for (const key of ['displayName', 'name']) {
    const value = payload[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return externalId;
}

// Read from the `platforms` property (configuration policies) or the @odata.type's prefix
// (#microsoft.graph.windows10GeneralConfiguration, #microsoft.graph.iosManagedAppProtection, …).
const platformPatterns: Array<[RegExp, ItemPlatform]> = [
  [/^(windows|win32|windowsPhone|sharedPC|editionUpgrade|mdmWindows)/i, 'windows'],
  [/^macOS/i, 'macos'],
  [/^(ios|iPad)/i, 'ios'],
  [/^android/i, 'android'],
  [/^linux/i, 'linux'],
];

// Types whose entities name no platform because the type itself is one platform's.
const platformOfType: Partial<Record<PolicyTypeName, ItemPlatform>> = { deviceShellScript: 'macos' };

export function itemPlatform(type: PolicyTypeName, payload: Readonly<Record<string, unknown>>): ItemPlatform {
  const fixed = platformOfType[type];
  if (fixed) return fixed;
  const candidates: string[] = [];
  if (typeof payload['platforms'] === 'string') candidates.push(payload['platforms']);
  if (typeof payload['platform'] === 'string') candidates.push(payload['platform']);
  if (typeof payload['@odata.type'] === 'string') candidates.push(payload['@odata.type'].replace(/^#microsoft\.graph\./, ''));
  for (const candidate of candidates) {
    const match = platformPatterns.find(([pattern]) => pattern.test(candidate));
    if (match) return match[1];
  }
  return findPolicyType(type)?.platform === 'windows' ? 'windows' : 'all';
}
