import type { Role } from './roles';

// What may happen to a workspace's membership (SPEC §4, §5; issue 8). A workspace always keeps an owner: the last
// one can be neither demoted nor removed (409 with this reason).

export function lastOwnerRefusal(change: { currentRole: string; newRole: Role | null; ownerCount: number }): string | null {
  const losesOwner = change.currentRole === 'owner' && change.newRole !== 'owner';
  if (!losesOwner || change.ownerCount > 1) return null;
  return change.newRole === null
    ? 'This is the last owner of the workspace and cannot be removed; make another member owner first.'
    : 'This is the last owner of the workspace and cannot be demoted; make another member owner first.';
}

/** How long an invitation link works. */
export const INVITATION_TTL_DAYS = 7;

export function invitationExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000);
}

/** Why an invitation link cannot be used now, or null when it can. */
export function invitationRefusal(invitation: { accepted_at: Date | null; revoked_at: Date | null; expires_at: Date }, now: Date): { code: string; message: string } | null {
  if (invitation.accepted_at) return { code: 'invitation.used', message: 'This invitation has already been used. Sign in instead.' };
  if (invitation.revoked_at) return { code: 'invitation.revoked', message: 'This invitation was withdrawn. Ask for a new one.' };
  if (invitation.expires_at.getTime() <= now.getTime()) return { code: 'invitation.expired', message: 'This invitation has expired. Ask for a new one.' };
  return null;
}
