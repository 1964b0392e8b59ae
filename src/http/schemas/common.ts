import { z } from 'zod';

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
}).meta({ id: 'ErrorBody' });

/**
 * Every string the API accepts from a client goes through this one schema. PostgreSQL cannot store a NUL
 * character in text or jsonb, and a lone UTF-16 surrogate either fails in jsonb or is silently replaced on
 * the way to text: both are refused here, naming the field, instead of failing (500) or changing data.
 */
export const inputText = (whenMissing?: string) =>
  z
    .string(whenMissing ? { error: (issue) => (issue.input === undefined ? whenMissing : undefined) } : undefined)
    .refine((value) => !unstorableCharacter.test(value), 'must not contain NUL characters or unpaired surrogates');

/** A GUID (an Entra tenant or application id), surrounding blanks forgiven; `message` says what it must be. */
export const guidText = (message: string, whenMissing?: string) =>
  inputText(whenMissing)
    .trim()
    .min(1, whenMissing ?? message)
    .regex(z.regexes.guid, message);

// NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this pattern exists to find
const unstorableCharacter = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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
