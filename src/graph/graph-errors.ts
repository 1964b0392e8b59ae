// The one error type the Graph client throws. Its message is built only from fixed phrases, the request
// path and short identifiers (HTTP status, Graph/AADSTS error codes, the support GUIDs of support-ids.ts), never
// from the client secret, the access token or a response body, so it can go straight into a run's
// failure_summary (SPEC §6) — where the ids let an administrator quote the failed call to Microsoft.
import { noSupportIds, type SupportIds } from './support-ids';

export type GraphErrorCode =
  | 'graph.throttled'
  | 'graph.unavailable'
  | 'graph.timeout'
  | 'graph.network'
  | 'graph.malformed_response'
  | 'auth.failed'
  | 'graph.forbidden'
  | 'graph.not_found'
  | 'graph.bad_request';

export interface GraphErrorDetails {
  code: GraphErrorCode;
  message: string;
  /** HTTP status of the last response, or null when none arrived (timeout, network). */
  status?: number | null;
  /** How many HTTP attempts were made for the failing request, retries included. */
  attempts?: number;
  /** Request path relative to the API version (or 'token'), without its query string. */
  path?: string;
  /** The service's own short error code, e.g. 'Authorization_RequestDenied' or 'invalid_client'. */
  service_code?: string | null;
  /** Graph's `request-id`, the `client-request-id` (sent, or echoed) and Intune's ids of the last attempt. */
  ids?: Partial<SupportIds>;
  /** Time from the request's first attempt to its failure (ms), retries and their waits included. */
  elapsed_ms?: number | null;
}

export class GraphError extends Error {
  override readonly name = 'GraphError';
  readonly code: GraphErrorCode;
  readonly status: number | null;
  readonly attempts: number;
  readonly path: string | null;
  readonly service_code: string | null;
  readonly request_id: string | null;
  readonly client_request_id: string | null;
  readonly intune_operation_id: string | null;
  readonly intune_activity_id: string | null;
  readonly elapsed_ms: number | null;

  constructor(details: GraphErrorDetails) {
    super(details.message);
    this.code = details.code;
    this.status = details.status ?? null;
    this.attempts = details.attempts ?? 1;
    this.path = details.path ?? null;
    this.service_code = details.service_code ?? null;
    const ids = { ...noSupportIds, ...details.ids };
    this.request_id = ids.request_id;
    this.client_request_id = ids.client_request_id;
    this.intune_operation_id = ids.intune_operation_id;
    this.intune_activity_id = ids.intune_activity_id;
    this.elapsed_ms = details.elapsed_ms ?? null;
  }

  /** The support ids as one object (for log lines). */
  get supportIds(): SupportIds {
    return {
      request_id: this.request_id,
      client_request_id: this.client_request_id,
      intune_operation_id: this.intune_operation_id,
      intune_activity_id: this.intune_activity_id,
    };
  }

  toJSON(): GraphErrorJson {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      attempts: this.attempts,
      path: this.path,
      service_code: this.service_code,
      ...this.supportIds,
      elapsed_ms: this.elapsed_ms,
    };
  }
}

export interface GraphErrorJson extends SupportIds {
  name: string;
  code: GraphErrorCode;
  message: string;
  status: number | null;
  attempts: number;
  path: string | null;
  service_code: string | null;
  elapsed_ms: number | null;
}

export function isGraphError(error: unknown): error is GraphError {
  return error instanceof GraphError;
}

/**
 * Keeps only an identifier-like service error code; anything longer or stranger is dropped rather than
 * risk echoing response content into a message.
 */
export function safeServiceCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : null;
}
