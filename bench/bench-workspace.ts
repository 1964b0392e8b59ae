import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema';
import { createApiToken } from '../src/use-cases/accounts/create-api-token';
import { createUserWithMembership } from '../src/use-cases/accounts/create-user';
import { createWorkspace } from '../src/use-cases/accounts/create-workspace';

/** The benchmarks' workspace: an owner with an API token, a measured tenant "Target" and `tenantCount - 1` others. */
export async function seedBenchWorkspace(db: Kysely<Database>, tenantCount: number) {
  const workspace = await createWorkspace(db, { name: 'Bench', slug: 'bench' });
  await createUserWithMembership(db, { email: 'bench@example.com', name: 'Bench', workspace: 'bench', role: 'owner', password: 'bench-password' });
  const { token } = await createApiToken(db, { email: 'bench@example.com' });
  const tenant = async (name: string) =>
    (await sql<{ id: number }>`INSERT INTO tenants (workspace_id, name, status) VALUES (${workspace.id}, ${name}, 'active') RETURNING id`.execute(db)).rows[0]!.id;
  const target = await tenant('Target');
  const others: number[] = [];
  for (let index = 1; index < tenantCount; index += 1) others.push(await tenant(`Tenant ${String(index).padStart(3, '0')}`));
  return { workspace, token, target, others };
}
