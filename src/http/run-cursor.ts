import type { RunCursor } from '../db/queries/operation-run-listing';

// The keyset cursor of the runs list, opaque to clients: base64url of the last row's created_at (with
// microseconds) and id. Anything that does not decode to exactly that is refused, never guessed.
const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeRunCursor(cursor: RunCursor): string {
  return Buffer.from(JSON.stringify([cursor.created_at, cursor.id])).toString('base64url');
}

export function decodeRunCursor(value: string): RunCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [createdAt, id] = parsed as [unknown, unknown];
    if (typeof createdAt !== 'string' || !timestamp.test(createdAt) || Number.isNaN(Date.parse(createdAt))) return null;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return null;
    return { created_at: createdAt, id };
  } catch {
    return null;
  }
}
