import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export function insertWorkspace(db: Kysely<Database>, workspace: { name: string; slug: string }) {
  return db.insertInto('workspaces').values(workspace).returning(['id', 'name', 'slug']).executeTakeFirstOrThrow();
}

/** Finds a workspace by numeric id or by slug, as the CLI accepts either. */
export function findWorkspaceByIdOrSlug(db: Kysely<Database>, idOrSlug: string) {
  const query = db.selectFrom('workspaces').select(['id', 'name', 'slug']);
  return (/^\d+$/.test(idOrSlug) ? query.where('id', '=', Number(idOrSlug)) : query.where('slug', '=', idOrSlug)).executeTakeFirst();
}

export function countWorkspaces(db: Kysely<Database>) {
  return db.selectFrom('workspaces').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
}
