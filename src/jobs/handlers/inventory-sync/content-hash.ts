import { createHash } from 'node:crypto';
import { canonicalJson, normalizePolicy } from '../../../domain/inventory';

/** SHA-256 of the normalized payload (SPEC §7): equal for two reads of an unchanged policy, by construction. */
export function contentHash(payload: Readonly<Record<string, unknown>>, policyType: string): string {
  return createHash('sha256').update(canonicalJson(normalizePolicy(payload, policyType))).digest('hex');
}
