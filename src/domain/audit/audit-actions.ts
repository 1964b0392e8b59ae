// The audit trail's vocabulary (SPEC §4 audit entry; issue 8). Every change a person, a token or the system makes
// writes one entry with one of these dotted actions, in the same transaction as the change.
export const auditActions = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.signed_out',
  'auth.password_changed',
  'auth.sessions_ended',
  'tenant.created',
  'tenant.lifecycle_changed',
  'provider_connection.saved',
  'operation.started',
  'operation.reused',
  'operation.cancelled',
  'finding.acknowledged',
  'finding.closed',
  'finding.reopened',
  'member.added',
  'member.invited',
  'member.invitation_accepted',
  'member.invitation_revoked',
  'member.role_changed',
  'member.removed',
  'token.created',
  'token.revoked',
  'schedule.changed',
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * Who did it: a signed-in person (user), a script (user and its token), or nobody in particular — the schedule,
 * the command line, the demo — named in words. The name is kept as it was at the time.
 */
export interface AuditActor {
  user_id: number | null;
  token_id: number | null;
  name: string | null;
}

export const systemActor = (name: string): AuditActor => ({ user_id: null, token_id: null, name });

/** Who acted and from where: what every audited change carries from its request (or its process). */
export interface AuditContext {
  actor: AuditActor;
  ip: string | null;
}

export interface AuditEvent {
  workspace_id: number | null;
  tenant_id?: number | null;
  action: AuditAction;
  target_type?: string | null;
  target_id?: string | number | null;
  /** What changed, in plain values: `{ before, after }` or the facts of what was created. Never a secret. */
  summary?: Record<string, unknown>;
}

/** What the command line changes, the trail attributes to it: no signed-in person, no address. */
export const commandLineAudit: AuditContext = { actor: systemActor('Command line'), ip: null };
