import type { FinalOutcome } from './run-status';

/** The outcomes a handler's run can end with; `cancelled` is only ever set by a person cancelling. */
export type HandlerOutcome = Exclude<FinalOutcome, 'cancelled'>;

/**
 * The outcome a handler's run ends with: what the handler said, else partial when it recorded failures
 * along the way (some items failed, the run went on), else succeeded. A thrown error is `failed`, decided
 * by the worker before this is asked.
 */
export function decideOutcome(requested: HandlerOutcome | undefined, recordedFailures: number): HandlerOutcome {
  if (requested) return requested;
  return recordedFailures > 0 ? 'partial' : 'succeeded';
}
