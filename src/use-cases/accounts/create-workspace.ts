import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { insertWorkspace } from '../../db/queries/workspaces';

export function slugify(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'workspace';
}

export async function createWorkspace(db: Kysely<Database>, input: { name: string; slug?: string }) {
  const name = input.name.trim();
  if (!name) throw new Error('--name must not be empty');
  const slug = input.slug?.trim() || slugify(name);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new Error(`--slug "${slug}" may use lowercase letters, digits and dashes only`);
  if (/^\d+$/.test(slug)) throw new Error('--slug must not be all digits (it would read as an id)');
  try {
    return await insertWorkspace(db, { name, slug });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new Error(`A workspace with slug "${slug}" already exists`);
    throw error;
  }
}
