import { failureEntry, sanitizeFailureCode, type FailureEntry } from '../domain/operations';

/**
 * The failure_summary entry for an error that ended a run. Errors that carry a stable dotted code (the
 * Graph client's GraphError, OperationFailure) keep it; anything else is `run.handler_error`. Every message
 * is scrubbed, and the run's protected secrets are cut out, whatever the error says.
 */
export function failureFromError(error: unknown, secrets: readonly string[]): FailureEntry {
  const code = typeof error === 'object' && error !== null && 'code' in error ? sanitizeFailureCode(error.code) : 'run.failure';
  const message = error instanceof Error ? error.message : 'The run failed with a non-error value.';
  return failureEntry(code === 'run.failure' ? 'run.handler_error' : code, message, 1, { secrets });
}
