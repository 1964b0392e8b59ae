// failure_summary is a list of { code, message, count } that people read on the run viewer (SPEC §6). It
// must never carry secrets, tokens or raw payloads, whoever wrote it: every entry passes through here on
// the way in (worker) and on the way out (API).
export interface FailureEntry {
  code: string;
  message: string;
  count: number;
}

// Long enough for what failed, why, and the three ids Microsoft support asks for (Graph's request-id and
// client-request-id, Intune's operation id: ~130 characters of GUIDs); short enough to stay one readable entry.
export const MAX_FAILURE_MESSAGE_LENGTH = 500;
export const MAX_FAILURE_ENTRIES = 20;
const FALLBACK_CODE = 'run.failure';
const REDACTED = '[redacted]';

const secretAssignment =
  /\b(client[_-]?secret|secret|password|passwd|pwd|access[_-]?token|refresh[_-]?token|id[_-]?token|token|api[_-]?key|apikey|sig|signature|authorization|code_verifier|assertion)\b(\s*["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi;
const bearerValue = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const jwtLike = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}(\.[A-Za-z0-9_-]*)?/g;
const urlQuery = /(https?:\/\/[^\s?#]+)\?[^\s#]*/gi;
// Objects always count as payload; brackets only when they hold quoted or nested content.
const jsonObject = /\{[\s\S]*\}/g;
const jsonArray = /\[[^\]]*["{][\s\S]*\]/g;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Opaque strings of 24+ characters that mix letters and digits look like keys or secrets (an Entra client
// secret is ~40 such characters); GUIDs are identifiers a person needs to see and are kept. '/' ends a
// candidate so that URL paths stay readable.
const opaqueCandidate = /[A-Za-z0-9_~+=.-]{24,}/g;

function looksOpaque(candidate: string): boolean {
  if (guid.test(candidate)) return false;
  if (/^[a-z]+(\.[a-z_]+)+$/i.test(candidate)) return false;
  return /[A-Za-z]/.test(candidate) && /\d/.test(candidate);
}

export interface ScrubOptions {
  /** Exact values known to be secret in this context (e.g. the decrypted client secret); always removed. */
  secrets?: readonly string[];
}

/** A one-line, length-capped message with anything token- or secret-like replaced by [redacted]. */
export function scrubFailureMessage(message: unknown, options: ScrubOptions = {}): string {
  let text = (typeof message === 'string' ? message : '').replace(/\p{Cc}+/gu, ' ').replace(jsonObject, '{…}').replace(jsonArray, '[…]');
  for (const secret of options.secrets ?? []) {
    if (secret.length >= 4) text = text.split(secret).join(REDACTED);
  }
  text = text
    .replace(urlQuery, '$1?[redacted]')
    .replace(bearerValue, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(secretAssignment, (_match, key: string, separator: string) => `${key}${separator}${REDACTED}`)
    .replace(jwtLike, REDACTED)
    .replace(opaqueCandidate, (candidate) => (looksOpaque(candidate) ? REDACTED : candidate))
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length > MAX_FAILURE_MESSAGE_LENGTH) text = `${text.slice(0, MAX_FAILURE_MESSAGE_LENGTH - 1).trimEnd()}…`;
  return text || 'No details were recorded.';
}

/** Codes are short dotted identifiers such as `auth.failed`; anything else becomes `run.failure`. */
export function sanitizeFailureCode(code: unknown): string {
  return typeof code === 'string' && /^[a-z][a-z0-9_]*(\.[a-z0-9_]+){0,4}$/.test(code) && code.length <= 64 ? code : FALLBACK_CODE;
}

function sanitizeCount(count: unknown): number {
  return typeof count === 'number' && Number.isInteger(count) && count >= 1 ? Math.min(count, 1_000_000_000) : 1;
}

export function failureEntry(code: unknown, message: unknown, count: unknown = 1, options: ScrubOptions = {}): FailureEntry {
  return { code: sanitizeFailureCode(code), message: scrubFailureMessage(message, options), count: sanitizeCount(count) };
}

/**
 * Any stored value → a clean list: only objects become entries, entries with the same code and message
 * are merged (counts add up), and the list is capped so a runaway handler cannot flood the viewer.
 */
export function sanitizeFailureSummary(input: unknown, options: ScrubOptions = {}): FailureEntry[] {
  if (!Array.isArray(input)) return [];
  const entries: FailureEntry[] = [];
  for (const raw of input) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) continue;
    const item = raw as Record<string, unknown>;
    addFailure(entries, failureEntry(item.code, item.message, item.count, options));
  }
  return entries.slice(0, MAX_FAILURE_ENTRIES);
}

/** Adds an entry in place, merging it into an existing one with the same code and message. */
export function addFailure(entries: FailureEntry[], entry: FailureEntry): void {
  const same = entries.find((existing) => existing.code === entry.code && existing.message === entry.message);
  if (same) same.count += entry.count;
  else if (entries.length < MAX_FAILURE_ENTRIES) entries.push({ ...entry });
}
