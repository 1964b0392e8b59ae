import { z } from 'zod';
import type { TenantCursor } from '../../db/queries/tenant-listing';
import { inputText } from '../schemas/common';
import { tenantCursorMaxLength } from '../schemas/tenant';
import { cursorId, keysetCursorCodec } from './keyset-cursor';

// The tenant list is ordered by (name, id); its cursor is the last row's pair. Names are client text, so the
// decoded name goes through the same string rules as any input. Its length is bounded only by the cursor's:
// JSON writes a control character as six bytes, so a 200-character name can make a cursor of 1,600
// characters, and a bound on the name alone would refuse cursors this list hands out.
const codec = keysetCursorCodec(z.tuple([inputText(), cursorId]), { maxLength: tenantCursorMaxLength });

export const encodeTenantCursor = (cursor: TenantCursor): string => codec.encode([cursor.name, cursor.id]);

export function decodeTenantCursor(value: string): TenantCursor | null {
  const position = codec.decode(value);
  return position && { name: position[0], id: position[1] };
}
