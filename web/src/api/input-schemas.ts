import type { z } from 'zod';
// The request-body schemas the server validates with (src/http/schemas, pure Zod): forms check their input
// with exactly these before sending, so the browser and the API can never disagree on what is valid, and
// their messages — whole sentences — read the same in both places. The tenant list's query schema checks a
// lifecycle filter taken from the page's URL.
export { createTenantBody, tenantListQuery } from '../../../src/http/schemas/tenant';
export { saveProviderConnectionBody } from '../../../src/http/schemas/provider-connection';

/** Every field's first problem at once (not one error per submit), keyed by the field's name. */
export function fieldErrorsOf<T>(schema: z.ZodType<T>, input: unknown): Partial<Record<string, string>> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const errors: Partial<Record<string, string>> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}
