import { z } from 'zod';
import type { RunCursor } from '../../db/queries/operation-run-listing';
import { badRequest } from '../errors';
import { cursorId, cursorTimestamp, keysetCursorCodec } from './keyset-cursor';

// Lists ordered by (created_at DESC, id DESC) — runs and findings — share this cursor: the last row's pair.
const codec = keysetCursorCodec(z.tuple([cursorTimestamp, cursorId]));

export const encodeCreatedAtCursor = (cursor: RunCursor): string => codec.encode([cursor.created_at, cursor.id]);

export function decodeCreatedAtCursor(value: string): RunCursor | null {
  const position = codec.decode(value);
  return position && { created_at: position[0], id: position[1] };
}

/** The `cursor` query parameter of a created_at list: absent → first page; not one of ours → 400 naming it. */
export function createdAtCursorParam(value: string | undefined): RunCursor | undefined {
  if (value === undefined) return undefined;
  const cursor = decodeCreatedAtCursor(value);
  if (cursor === null) throw badRequest('cursor', 'cursor: not a cursor this list handed out; start again without it');
  return cursor;
}
