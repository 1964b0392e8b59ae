/** An audit entry's summary in one line: "before → after" for changes, else its facts. */
export function summaryText(summary: Record<string, unknown>): string {
  const { before, after, ...facts } = summary as { before?: unknown; after?: unknown };
  const parts: string[] = [];
  if (before !== undefined && after !== undefined) parts.push(`${describe(before)} → ${describe(after)}`);
  else if (after !== undefined) parts.push(describe(after));
  else if (before !== undefined) parts.push(`was ${describe(before)}`);
  if (Object.keys(facts).length > 0) parts.push(describe(facts));
  return parts.join(' · ');
}

/** A longer list shows its first items and how many more: a full sync's 19 policy types would fill the card. */
const LISTED = 4;

/**
 * A value as a person reads it: lists joined by commas, objects as "key: value" (nested ones in parentheses), so a
 * run's selection reads "selection: (policy_types: deviceCompliancePolicy)" and never "[object Object]".
 */
function describe(value: unknown, nested = false): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    const listed = value.slice(0, value.length > LISTED + 1 ? LISTED : value.length).map((item) => describe(item, true));
    return value.length > listed.length ? `${listed.join(', ')} and ${value.length - listed.length} more` : listed.join(', ');
  }
  if (value !== null && typeof value === 'object') {
    const text = Object.entries(value).map(([key, inner]) => `${key}: ${describe(inner, true)}`).join(', ');
    return nested ? `(${text})` : text;
  }
  return String(value);
}
