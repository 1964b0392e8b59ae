import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cursorId, cursorTimestamp, keysetCursorCodec } from '../../src/http/cursors/keyset-cursor';
import { decodeCreatedAtCursor as decodeRunCursor, encodeCreatedAtCursor as encodeRunCursor } from '../../src/http/cursors/created-at-cursor';
import { decodeTenantCursor, encodeTenantCursor } from '../../src/http/cursors/tenant-cursor';
import { inputText } from '../../src/http/schemas/common';

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('keyset cursors', () => {
  it('round-trips what it hands out', () => {
    const cursor = { created_at: '2026-02-28T23:59:59.123456Z', id: 42 };
    expect(decodeRunCursor(encodeRunCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['February 30', '2026-02-30T10:00:00.000000Z'],
    ['April 31', '2026-04-31T10:00:00.000000Z'],
    ['year 0', '0000-01-01T00:00:00.000000Z'],
    ['hour 24', '2026-01-01T24:00:00.000000Z'],
    ['milliseconds only', '2026-01-01T00:00:00.000Z'],
  ])('refuses an impossible or foreign timestamp (%s)', (_label, timestamp) => {
    expect(decodeRunCursor(raw([timestamp, 1]))).toBeNull();
  });

  it('accepts February 29 of a leap year only', () => {
    expect(decodeRunCursor(raw(['2028-02-29T00:00:00.000000Z', 1]))).not.toBeNull();
    expect(decodeRunCursor(raw(['2027-02-29T00:00:00.000000Z', 1]))).toBeNull();
  });

  it.each([
    ['garbage', 'garbage!'],
    ['empty', ''],
    ['negative id', raw(['2026-03-01T00:00:00.123456Z', -1])],
    ['huge id', raw(['2026-03-01T00:00:00.123456Z', 2 ** 60])],
    ['extra element', raw(['2026-03-01T00:00:00.123456Z', 1, 2])],
    ['not canonical (padding)', `${raw(['2026-03-01T00:00:00.123456Z', 1])}==`],
    ['not canonical (spaces)', Buffer.from('[ "2026-03-01T00:00:00.123456Z", 1 ]').toString('base64url')],
  ])('refuses %s', (_label, value) => {
    expect(decodeRunCursor(value)).toBeNull();
  });

  it('builds codecs for other sort keys with the same rules', () => {
    const codec = keysetCursorCodec(z.tuple([z.string().max(10), cursorId]));
    expect(codec.decode(codec.encode(['Contoso', 7]))).toEqual(['Contoso', 7]);
    expect(codec.decode(raw(['x'.repeat(11), 7]))).toBeNull();
    expect(cursorTimestamp.safeParse('2026-12-31T23:59:59.999999Z').success).toBe(true);
  });
});

describe('tenant list cursors', () => {
  it.each([
    ['control characters (six bytes each in JSON)', '\u0001'.repeat(200)],
    ['quotes and backslashes', '"\\'.repeat(100)],
    ['three-byte characters', '界'.repeat(200)],
  ])('round-trips the cursor of any name the API accepts: %s', (_label, name) => {
    expect(decodeTenantCursor(encodeTenantCursor({ name, id: 7 }))).toEqual({ name, id: 7 });
  });

  it('refuses a name the database could not hold and anything not canonical', () => {
    expect(decodeTenantCursor(raw(['a\u0000b', 1]))).toBeNull();
    expect(decodeTenantCursor(raw(['Contoso', 0]))).toBeNull();
    expect(decodeTenantCursor(`${raw(['Contoso', 1])}=`)).toBeNull();
    expect(decodeTenantCursor(raw(['x'.repeat(5000), 1]))).toBeNull();
  });
});

describe('inputText, the one schema of client strings', () => {
  it('refuses NUL characters and unpaired surrogates, and keeps real text', () => {
    const schema = inputText();
    expect(schema.safeParse('a\u0000b').success).toBe(false);
    expect(schema.safeParse('lone \ud800 high').success).toBe(false);
    expect(schema.safeParse('lone \udc00 low').success).toBe(false);
    expect(schema.safeParse('emoji 😀 and ümlauts').success).toBe(true);
  });
});
