import { z } from 'zod';

// The one codec of every keyset cursor the API hands out (runs, tenants, and later lists). A cursor is
// opaque to clients: base64url of a JSON tuple holding the last row's sort keys. Decoding accepts only what
// encoding could have produced — the tuple must match its schema AND re-encode to the exact same string —
// so a hand-made cursor (an impossible date, an extra field, padding, a huge id) is refused with 400 before
// any query sees it, never guessed at and never passed to the database.

export interface KeysetCursorCodec<T> {
  encode(position: T): string;
  /** The position, or null for anything this codec did not hand out. */
  decode(value: string): T | null;
}

/**
 * `maxLength` bounds what decoding even looks at; a list whose sort keys are client text (a tenant name) must
 * allow every cursor its own encoding can produce, or a page would end on a row it cannot page past.
 */
export function keysetCursorCodec<T extends readonly unknown[]>(schema: z.ZodType<T>, { maxLength = 1000 }: { maxLength?: number } = {}): KeysetCursorCodec<T> {
  const encode = (position: T) => Buffer.from(JSON.stringify(position)).toString('base64url');
  return {
    encode,
    decode(value) {
      if (value.length === 0 || value.length > maxLength) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      const result = schema.safeParse(parsed);
      if (!result.success) return null;
      return encode(result.data) === value ? result.data : null;
    },
  };
}

const microsecondTimestamp = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z$/;

/**
 * A UTC timestamp with microseconds as PostgreSQL prints it (`to_char(… 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`),
 * and only a real one: February 30, April 31, hour 24 and year 0 are refused (JavaScript would roll them
 * over; PostgreSQL would fail on them).
 */
export const cursorTimestamp = z.string().refine((text) => {
  const match = microsecondTimestamp.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < 1 || year > 9999) return false;
  const millis = Date.parse(`${text.slice(0, 23)}Z`);
  return !Number.isNaN(millis) && new Date(millis).toISOString().slice(0, 23) === text.slice(0, 23);
}, 'not a real timestamp');

/** A row id as bigint identities hand them out, within what JSON numbers carry exactly. */
export const cursorId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
