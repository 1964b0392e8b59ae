import { z } from 'zod';
import type { RunCursor } from '../../db/queries/operation-run-listing';
import { cursorId, cursorTimestamp, keysetCursorCodec } from './keyset-cursor';

// Lists ordered by (created_at DESC, id DESC) — runs and findings — share this cursor: the last row's pair.
const codec = keysetCursorCodec(z.tuple([cursorTimestamp, cursorId]));

export const encodeCreatedAtCursor = (cursor: RunCursor): string => codec.encode([cursor.created_at, cursor.id]);

export function decodeCreatedAtCursor(value: string): RunCursor | null {
  const position = codec.decode(value);
  return position && { created_at: position[0], id: position[1] };
}
