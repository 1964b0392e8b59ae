import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/in-transaction';
import { recordAudit } from '../../db/queries/audit-entries';
import { insertTenant } from '../../db/queries/tenants';
import type { Database, TenantRow } from '../../db/schema';
import type { AuditContext } from '../../domain/audit';

export type CreateTenantResult =
  | { ok: true; tenant: TenantRow }
  /** The Entra tenant id is already registered — in this workspace or another; which one is never said. */
  | { ok: false; code: 'tenant.entra_tenant_id_taken'; field: 'entra_tenant_id'; message: string };

/** Creates a tenant as draft (SPEC §4); the database's unique index refuses an Entra tenant id already registered. */
export async function createTenant(
  db: Kysely<Database>,
  input: { workspaceId: number; name: string; domain: string | null; entraTenantId: string | null },
  audit: AuditContext,
): Promise<CreateTenantResult> {
  try {
    const tenant = await inTransaction(db, async (trx) => {
      const created = await insertTenant(trx, { workspace_id: input.workspaceId, name: input.name, domain: input.domain, entra_tenant_id: input.entraTenantId });
      await recordAudit(trx, audit, {
        workspace_id: created.workspace_id,
        tenant_id: created.id,
        action: 'tenant.created',
        target_type: 'tenant',
        target_id: created.id,
        summary: { after: { name: created.name, domain: created.domain, entra_tenant_id: created.entra_tenant_id, status: created.status } },
      });
      return created;
    });
    return { ok: true, tenant };
  } catch (error) {
    if (isUniqueViolation(error, 'tenants_entra_tenant_id_key')) {
      return {
        ok: false,
        code: 'tenant.entra_tenant_id_taken',
        field: 'entra_tenant_id',
        message: 'This Entra tenant ID is already registered in TenantAtlas; a Microsoft 365 tenant can be managed by one workspace only.',
      };
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const candidate = error as { code?: unknown; constraint?: unknown; message?: unknown };
  return candidate.code === '23505' && (candidate.constraint === constraint || String(candidate.message).includes(constraint));
}
