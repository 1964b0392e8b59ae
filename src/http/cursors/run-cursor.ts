import { z } from 'zod';
import type { RunCursor } from '../../db/queries/operation-run-listing';
import { cursorId, cursorTimestamp, keysetCursorCodec } from './keyset-cursor';

// The runs list is ordered by (created_at DESC, id DESC); its cursor is the last row's pair.
const codec = keysetCursorCodec(z.tuple([cursorTimestamp, cursorId]));

export const encodeRunCursor = (cursor: RunCursor): string => codec.encode([cursor.created_at, cursor.id]);

export function decodeRunCursor(value: string): RunCursor | null {
  const position = codec.decode(value);
  return position && { created_at: position[0], id: position[1] };
}
