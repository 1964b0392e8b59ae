import { createHash } from 'node:crypto';

/** A finding's stored fingerprint: SHA-256 of its source text (domain/drift fingerprintSource). */
export const fingerprintHash = (source: string): string => createHash('sha256').update(source).digest('hex');
