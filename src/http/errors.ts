/** An error that maps to one HTTP answer `{ error: { code, message, field? } }` (SPEC §4). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (field: string, message: string) => new HttpError(400, 'validation', message, field);
export const unauthorized = () => new HttpError(401, 'auth.required', 'Sign in to continue.');
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);

// Deny-as-not-found: a missing record and one the viewer may not see get this same answer (SPEC §5).
const notFoundMessages = {
  workspace: 'Workspace not found.',
  tenant: 'Tenant not found.',
  run: 'Operation run not found.',
  finding: 'Finding not found.',
  route: 'Not found.',
} as const;
export const notFound = (what: keyof typeof notFoundMessages) => new HttpError(404, 'not_found', notFoundMessages[what]);

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
