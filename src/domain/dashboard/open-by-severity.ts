import { findingSeverities, type FindingSeverity } from '../drift/severity';

// SPEC §3 `drift.open_by_severity`: all four severities, zeros included. Stored severities outside the
// four (rows may be written directly, SPEC §9) are not counted under any of them, nor in the total.
export type OpenBySeverity = Record<FindingSeverity, number>;

export function openBySeverity(counts: ReadonlyArray<{ severity: string; count: number }>): { open_by_severity: OpenBySeverity; open_total: number } {
  const bySeverity = Object.fromEntries(findingSeverities.map((severity) => [severity, 0])) as OpenBySeverity;
  for (const { severity, count } of counts) {
    if ((findingSeverities as readonly string[]).includes(severity)) bySeverity[severity as FindingSeverity] += count;
  }
  return { open_by_severity: bySeverity, open_total: findingSeverities.reduce((sum, severity) => sum + bySeverity[severity], 0) };
}
