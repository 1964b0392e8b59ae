// The run-type registry: every type of background work the ledger knows, with its human label (SPEC §1).
// A type stored in the database that is not listed here (older data, another version, raw SQL) is still
// shown — with a label that says so — and never breaks a page.
export const operationRunTypes = [
  { type: 'provider.verify', label: 'Verify provider connection' },
  { type: 'inventory.sync', label: 'Inventory sync' },
  { type: 'baseline.capture', label: 'Baseline capture' },
  { type: 'drift.scan', label: 'Drift scan' },
] as const satisfies readonly { type: string; label: string }[];

export type OperationRunType = (typeof operationRunTypes)[number]['type'];

export function isOperationRunType(value: unknown): value is OperationRunType {
  return operationRunTypes.some((entry) => entry.type === value);
}

export function runTypeLabel(type: string): string {
  const entry = operationRunTypes.find((candidate) => candidate.type === type);
  return entry ? entry.label : `Unknown type (${type})`;
}
