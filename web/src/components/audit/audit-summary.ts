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

/**
 * A value as a person reads it: lists joined by commas, objects as "key: value" (nested ones in parentheses), so a
 * run's selection reads "selection: (policy_types: deviceCompliancePolicy)" and never "[object Object]".
 */
function describe(value: unknown, nested = false): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((item) => describe(item, true)).join(', ');
  if (value !== null && typeof value === 'object') {
    const text = Object.entries(value).map(([key, inner]) => `${key}: ${describe(inner, true)}`).join(', ');
    return nested ? `(${text})` : text;
  }
  return String(value);
}
