// Opaque bearer tokens the simulator issues. They mean nothing outside this process; each maps to the
// tenant it was issued for and expires like a real one.
import { randomBytes } from 'node:crypto';

export class SimTokens {
  readonly #tokens = new Map<string, { entraTenantId: string; expiresAt: number }>();

  issue(entraTenantId: string, lifetimeSeconds: number): string {
    const token = randomBytes(32).toString('base64url');
    this.#tokens.set(token, { entraTenantId, expiresAt: Date.now() + lifetimeSeconds * 1000 });
    return token;
  }

  /** The tenant of a valid token, 'expired', or null for a token never issued (or revoked). */
  resolve(token: string): string | 'expired' | null {
    const entry = this.#tokens.get(token);
    if (!entry) return null;
    if (Date.now() >= entry.expiresAt) return 'expired';
    return entry.entraTenantId;
  }

  revokeAll(): void {
    this.#tokens.clear();
  }
}
