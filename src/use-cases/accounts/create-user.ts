import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { upsertMembership } from '../../db/queries/memberships';
import { findUserByEmail, insertUser } from '../../db/queries/users';
import { findWorkspaceByIdOrSlug } from '../../db/queries/workspaces';
import { isRole, roles } from '../../domain/access/roles';
import { hashPassword } from '../../security/passwords';

export const MIN_PASSWORD_LENGTH = 8;

export interface CreateUserInput {
  email: string;
  name: string;
  workspace: string;
  role: string;
  password: string;
}

/** Creates the user, or, for an existing email, only adds (or updates) the membership (SPEC §10). */
export async function createUserWithMembership(db: Kysely<Database>, input: CreateUserInput) {
  const email = input.email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`--email "${email}" is not an email address`);
  if (!isRole(input.role)) throw new Error(`--role must be one of ${roles.join(', ')}`);
  const workspace = await findWorkspaceByIdOrSlug(db, input.workspace);
  if (!workspace) throw new Error(`No workspace with id or slug "${input.workspace}"`);

  const existing = await findUserByEmail(db, email);
  let user = existing ? { id: existing.id, email: existing.email } : null;
  if (!user) {
    if (input.password.length < MIN_PASSWORD_LENGTH) throw new Error(`The password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    const created = await insertUser(db, { email, name: input.name.trim() || email, password_hash: await hashPassword(input.password) });
    user = { id: created.id, email: created.email };
  }
  await upsertMembership(db, { workspace_id: workspace.id, user_id: user.id, role: input.role });
  return user;
}
