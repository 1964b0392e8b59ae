// Run status and outcome, and how each is shown. This is the operations vocabulary: it shares colour words
// with lifecycle but is its own mapping, and neither is derived from the other (SPEC §2).
export const runStatuses = ['queued', 'running', 'completed'] as const;
export type RunStatus = (typeof runStatuses)[number];

export const runOutcomes = ['pending', 'succeeded', 'partial', 'failed', 'cancelled'] as const;
export type RunOutcome = (typeof runOutcomes)[number];

/** Outcomes a finished run can have; `pending` only means "not finished yet". */
export type FinalOutcome = Exclude<RunOutcome, 'pending'>;

export const activeRunStatuses = ['queued', 'running'] as const satisfies readonly RunStatus[];

export type RunColor = 'gray' | 'info' | 'success' | 'warning' | 'danger';

export interface RunPresentation {
  label: string;
  color: RunColor;
}

const statusPresentations = {
  queued: { label: 'Queued', color: 'gray' },
  running: { label: 'Running', color: 'info' },
  // Neutral on purpose: whether it went well is the outcome's to say.
  completed: { label: 'Completed', color: 'gray' },
} as const satisfies Record<RunStatus, RunPresentation>;

const outcomePresentations = {
  pending: { label: 'Pending', color: 'gray' },
  succeeded: { label: 'Succeeded', color: 'success' },
  partial: { label: 'Partially succeeded', color: 'warning' },
  failed: { label: 'Failed', color: 'danger' },
  cancelled: { label: 'Cancelled', color: 'gray' },
} as const satisfies Record<RunOutcome, RunPresentation>;

export function isRunStatus(value: unknown): value is RunStatus {
  return typeof value === 'string' && (runStatuses as readonly string[]).includes(value);
}

export function isRunOutcome(value: unknown): value is RunOutcome {
  return typeof value === 'string' && (runOutcomes as readonly string[]).includes(value);
}

export function presentRunStatus(status: unknown): RunPresentation {
  return isRunStatus(status) ? statusPresentations[status] : { label: `Unknown status (${String(status)})`, color: 'danger' };
}

export function presentRunOutcome(outcome: unknown): RunPresentation {
  return isRunOutcome(outcome) ? outcomePresentations[outcome] : { label: `Unknown outcome (${String(outcome)})`, color: 'danger' };
}

export function isActiveStatus(status: unknown): boolean {
  return status === 'queued' || status === 'running';
}
