import { z } from 'zod';
import type { PortfolioCursor } from '../../use-cases/dashboard/read-portfolio';
import { inputText } from '../schemas/common';
import { tenantCursorMaxLength } from '../schemas/tenant';
import { cursorId, keysetCursorCodec } from './keyset-cursor';

// Portfolio pages (issue 20): sorted by name, the last row's name and id ('after'); sorted or filtered by a
// computed fact, the position after the page ('offset'). The cursor says which, so one handed to the other kind of
// page is refused (400) rather than misread. Names are client text: bounded as the tenant list's cursor is.
const codec = keysetCursorCodec(
  z.union([z.tuple([z.literal('after'), inputText(), cursorId]), z.tuple([z.literal('offset'), z.number().int().min(1).max(100_000)])]),
  { maxLength: tenantCursorMaxLength },
);

export function encodePortfolioCursor(cursor: PortfolioCursor): string {
  return 'after' in cursor ? codec.encode(['after', cursor.after.name, cursor.after.id]) : codec.encode(['offset', cursor.offset]);
}

/** The cursor, or null for anything the portfolio did not hand out for this kind of page. */
export function decodePortfolioCursor(value: string, kind: 'after' | 'offset'): PortfolioCursor | null {
  const position = codec.decode(value);
  if (!position || position[0] !== kind) return null;
  return position[0] === 'after' ? { after: { name: position[1], id: position[2] } } : { offset: position[1] };
}
