import crypto from 'node:crypto';

// Tokens carry 256 random bits, so a fast SHA-256 is enough to store them: there is nothing to brute-force.
export function generateApiToken(): string {
  return `ta_${crypto.randomBytes(32).toString('base64url')}`;
}

export function hashApiToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** An invitation link's one-time token: the same construction (256 random bits, stored as SHA-256 only). */
export function generateInvitationToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}
