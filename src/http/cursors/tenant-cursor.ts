import { z } from 'zod';
import type { TenantCursor } from '../../db/queries/tenant-listing';
import { inputText } from '../schemas/common';
import { cursorId, keysetCursorCodec } from './keyset-cursor';

// The tenant list is ordered by (name, id); its cursor is the last row's pair. Names are client text, so the
// decoded name goes through the same string rules as any input.
const codec = keysetCursorCodec(z.tuple([inputText().max(200), cursorId]));

export const encodeTenantCursor = (cursor: TenantCursor): string => codec.encode([cursor.name, cursor.id]);

export function decodeTenantCursor(value: string): TenantCursor | null {
  const position = codec.decode(value);
  return position && { name: position[0], id: position[1] };
}
