import { z } from 'zod';
import type { FindingCursor } from '../../db/queries/findings';
import { cursorId, cursorTimestamp, keysetCursorCodec } from './keyset-cursor';

// The findings list is ordered by (created_at DESC, id DESC); its cursor is the last row's pair.
const codec = keysetCursorCodec(z.tuple([cursorTimestamp, cursorId]));

export const encodeFindingCursor = (cursor: FindingCursor): string => codec.encode([cursor.created_at, cursor.id]);

export function decodeFindingCursor(value: string): FindingCursor | null {
  const position = codec.decode(value);
  return position && { created_at: position[0], id: position[1] };
}
