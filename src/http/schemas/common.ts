import { z } from 'zod';

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

export const isoTime = z.string().describe('ISO 8601 UTC time');

/** A path id: digits only. Anything else is answered 404 by the access hook before validation. */
export const idParam = z.coerce.number().int().positive();

export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  429: errorSchema,
};
