import { findPolicyType } from '../inventory/policy-types';
import { present } from '../lifecycle/present';
import { runTypeLabel } from '../operations/run-types';

// An audit entry in words, with names (issue 20): what was done ("Closed as accepted risk"), on what ("tenant
// Contoso (3)", "inventory sync run #21 of Contoso") and the facts that matter, in a sentence. The one home of
// this wording: the API answers it, the CSV export writes it, the console shows it.

export interface AuditEntryFacts {
  action: string;
  target_type: string | null;
  target_id: string | null;
  tenant_id: number | null;
  /** The entry's tenant as it is named now; null when the entry has none (or it is gone). */
  tenant_name: string | null;
  summary: Record<string, unknown>;
}

export interface AuditEntryWords {
  action_label: string;
  target_label: string | null;
  summary_text: string;
}

type Summary = Record<string, unknown>;

const closedAs: Record<string, string> = { risk_accepted: 'Closed as accepted risk', false_positive: 'Closed as false positive', resolved: 'Closed as resolved' };
const roleLabel: Record<string, string> = { owner: 'Owner', manager: 'Manager', operator: 'Operator', readonly: 'Readonly' };

const actionLabels: Record<string, string | ((summary: Summary) => string)> = {
  'auth.signed_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in refused',
  'auth.signed_out': 'Signed out',
  'auth.password_changed': 'Password changed',
  'auth.sessions_ended': 'Session ended',
  'tenant.created': 'Tenant created',
  'tenant.lifecycle_changed': 'Lifecycle changed',
  'provider_connection.saved': 'Provider connection saved',
  'operation.started': 'Operation started',
  'operation.reused': 'Operation already running (joined)',
  'operation.cancelled': 'Operation cancelled',
  'finding.acknowledged': 'Finding acknowledged',
  'finding.closed': (summary) => closedAs[String(record(summary.after).closed_reason)] ?? 'Finding closed',
  'finding.reopened': 'Finding reopened',
  'member.added': 'Member added',
  'member.invited': 'Member invited',
  'member.invitation_accepted': 'Invitation accepted',
  'member.invitation_revoked': 'Invitation revoked',
  'member.role_changed': 'Role changed',
  'member.removed': 'Member removed',
  'token.created': 'API token created',
  'token.revoked': 'API token revoked',
  'schedule.changed': 'Schedule changed',
};

export function describeAuditEntry(entry: AuditEntryFacts): AuditEntryWords {
  const label = actionLabels[entry.action];
  return {
    action_label: typeof label === 'function' ? label(entry.summary) : (label ?? sentenceCase(entry.action.replace(/[._]/g, ' '))),
    target_label: targetLabel(entry),
    summary_text: summaryText(entry),
  };
}

function targetLabel(entry: AuditEntryFacts): string | null {
  const { target_type: type, target_id: id, summary } = entry;
  if (type === null) return null;
  const ofTenant = entry.tenant_name !== null ? ` of ${entry.tenant_name}` : entry.tenant_id !== null ? ` of tenant #${entry.tenant_id}` : '';
  switch (type) {
    case 'tenant':
      return entry.tenant_name !== null ? `tenant ${entry.tenant_name} (${id ?? entry.tenant_id})` : `tenant #${id ?? entry.tenant_id}`;
    case 'operation_run':
      return `${typeof summary.type === 'string' ? runTypeLabel(summary.type).toLowerCase() : 'operation'} run #${id}${ofTenant}`;
    case 'finding':
      return `finding #${id}${ofTenant}`;
    case 'provider_connection':
      return `provider connection${ofTenant}`;
    case 'user':
      return typeof summary.email === 'string' && entry.action.startsWith('member.') ? `member ${summary.email}` : id !== null ? `user #${id}` : 'a user';
    case 'invitation':
      return typeof summary.email === 'string' ? `invitation for ${summary.email}` : `invitation #${id}`;
    case 'api_token':
      return typeof summary.name === 'string' ? `API token “${summary.name}”` : `API token #${id}`;
    case 'workspace':
      return 'the workspace';
    default:
      return `${type.replace(/_/g, ' ')}${id !== null ? ` #${id}` : ''}`;
  }
}

function summaryText(entry: AuditEntryFacts): string {
  const summary = entry.summary;
  const before = record(summary.before);
  const after = record(summary.after);
  const email = typeof summary.email === 'string' ? summary.email : null;
  switch (entry.action) {
    case 'auth.signed_in':
      return summary.method === 'entra_id' ? 'With Microsoft Entra ID' : summary.method === 'password' ? 'With a password' : '';
    case 'auth.sign_in_failed':
      return [email, typeof summary.reason === 'string' ? summary.reason.replace(/[._]/g, ' ') : null].filter(Boolean).join(': ');
    case 'auth.password_changed':
      return typeof summary.other_sessions_ended === 'number' ? `${count(summary.other_sessions_ended, 'other session')} ended` : '';
    case 'auth.signed_out':
    case 'auth.sessions_ended':
      return '';
    case 'tenant.created':
      return joinFacts([text(after.name), after.domain ? `domain ${text(after.domain)}` : null, after.entra_tenant_id ? `Entra tenant id ${text(after.entra_tenant_id)}` : null, after.status ? `created as ${present(after.status).label}` : null]);
    case 'tenant.lifecycle_changed':
      return `${present(before.status).label} → ${present(after.status).label}`;
    case 'provider_connection.saved':
      return joinFacts([after.client_id ? `Client id ${text(after.client_id)}` : null, after.entra_tenant_id ? `Entra tenant id ${text(after.entra_tenant_id)}` : null]) + '; the secret is stored and not shown';
    case 'operation.started':
    case 'operation.reused':
    case 'operation.cancelled':
      return operationText(summary);
    case 'finding.acknowledged':
    case 'finding.closed':
    case 'finding.reopened':
      return [text(summary.subject), after.note ? `note: “${text(after.note)}”` : null].filter(Boolean).join('; ');
    case 'member.added':
      return [email, after.role ? `as ${role(after.role)}` : null].filter(Boolean).join(' ');
    case 'member.invited':
      return joinFacts([[email, summary.role ? `as ${role(summary.role)}` : null].filter(Boolean).join(' '), summary.expires_at ? `the invitation expires ${day(summary.expires_at)}` : null]);
    case 'member.invitation_accepted':
      return [email, summary.role ? `as ${role(summary.role)}` : null, summary.new_account === true ? '(a new account)' : null].filter(Boolean).join(' ');
    case 'member.invitation_revoked':
      return [email, summary.role ? `(${role(summary.role)})` : null].filter(Boolean).join(' ');
    case 'member.role_changed':
      return `${role(before.role)} → ${role(after.role)}`;
    case 'member.removed':
      return [email, before.role ? `(was ${role(before.role)})` : null].filter(Boolean).join(' ');
    case 'token.created':
      return summary.expires_at === null ? 'Never expires' : summary.expires_at ? `Expires ${day(summary.expires_at)}` : '';
    case 'token.revoked':
      return '';
    case 'schedule.changed':
      return `Scheduled sync and scan: ${interval(before.interval_hours)} → ${interval(after.interval_hours)}`;
    default:
      return genericText(summary);
  }
}

function operationText(summary: Summary): string {
  const label = typeof summary.type === 'string' ? runTypeLabel(summary.type) : 'Operation';
  const types = record(summary.selection).policy_types;
  if (!Array.isArray(types)) return label;
  if (types.length === 0) return `${label} of no policy type`;
  return `${label} of ${list(types.map((type) => findPolicyType(String(type))?.label ?? String(type)))}`;
}

const LISTED = 4;
/** A longer list shows its first items and how many more: a full sync's 25 policy types would fill the row. */
function list(items: readonly string[]): string {
  const shown = items.length > LISTED + 1 ? items.slice(0, LISTED) : items;
  return items.length > shown.length ? `${shown.join(', ')} and ${items.length - shown.length} more` : shown.join(', ');
}

/** What an action without its own sentence carries: "before → after", else its facts as "key: value". */
function genericText(summary: Summary): string {
  const { before, after, ...facts } = summary;
  const parts: string[] = [];
  if (before !== undefined && after !== undefined) parts.push(`${describe(before)} → ${describe(after)}`);
  else if (after !== undefined) parts.push(describe(after));
  else if (before !== undefined) parts.push(`was ${describe(before)}`);
  if (Object.keys(facts).length > 0) parts.push(describe(facts));
  return parts.join('; ');
}

function describe(value: unknown, nested = false): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : list(value.map((item) => describe(item, true)));
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value).map(([key, item]) => `${key.replace(/_/g, ' ')}: ${describe(item, true)}`).join(', ');
    return nested ? `(${inner})` : inner;
  }
  return value === null || value === undefined ? 'none' : String(value);
}

function record(value: unknown): Summary {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Summary) : {};
}
const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const joinFacts = (parts: ReadonlyArray<string | null>) => parts.filter((part): part is string => Boolean(part)).join(', ');
const role = (value: unknown) => roleLabel[String(value)] ?? text(value);
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const day = (value: unknown) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value.slice(0, 10) : text(value));
const interval = (hours: unknown) => (typeof hours === 'number' ? `every ${count(hours, 'hour')}` : 'off');
const sentenceCase = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
