import { z } from 'zod';
import type { ItemCursor } from '../../db/queries/inventory-listing';
import type { SyncRunCursor } from '../../db/queries/inventory-sync-run-listing';
import { inputText } from '../schemas/common';
import { itemCursorMaxLength } from '../schemas/inventory';
import { cursorId, cursorTimestamp, keysetCursorCodec } from './keyset-cursor';

// Items are paged by (name_key, id) or (content_changed_at DESC, id DESC); the cursor says which, so a cursor
// of one order handed to the other is refused rather than misread. Sync runs by (started_at DESC, id DESC).
const itemCodec = keysetCursorCodec(z.union([z.tuple([z.literal('name'), inputText(), cursorId]), z.tuple([z.literal('changed'), cursorTimestamp, cursorId])]), { maxLength: itemCursorMaxLength });
const syncRunCodec = keysetCursorCodec(z.tuple([cursorTimestamp, cursorId]));

export function encodeItemCursor(cursor: ItemCursor): string {
  return cursor.sort === 'name' ? itemCodec.encode(['name', cursor.name_key, cursor.id]) : itemCodec.encode(['changed', cursor.changed_at, cursor.id]);
}

export function decodeItemCursor(value: string, sort: ItemCursor['sort']): ItemCursor | null {
  const position = itemCodec.decode(value);
  if (!position || position[0] !== sort) return null;
  return position[0] === 'name' ? { sort: 'name', name_key: position[1], id: position[2] } : { sort: 'changed', changed_at: position[1], id: position[2] };
}

export const encodeSyncRunCursor = (cursor: SyncRunCursor): string => syncRunCodec.encode([cursor.started_at, cursor.id]);

export function decodeSyncRunCursor(value: string): SyncRunCursor | null {
  const position = syncRunCodec.decode(value);
  return position && { started_at: position[0], id: position[1] };
}
