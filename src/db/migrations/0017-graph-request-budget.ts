import type { Kysely } from 'kysely';
import { executeScript } from './execute-script';

// The Graph request budget shared by every worker process (issue 19 point 5, issue 22 point 4; src/graph/request-budget.ts):
// one token bucket per (kind, entra tenant, client id) — per app per tenant and per tenant for Intune's documented
// limits, and the one-request-a-second pacing of Conditional Access and audit logs. `tokens` is the bucket's content at
// `updated_at`; src/db/queries/graph-request-budget.ts refills it by elapsed time and takes from it in one atomic
// statement, and `granted` is what that statement took (read back with RETURNING). A pacing slot in use is held:
// `updated_at` lies in the future (no refill before it) and `held_by` names the holder, who releases it when its
// request completed. The rows are tiny and updated in
// place many times a second on a busy tenant: a low fillfactor keeps those updates HOT (no index entries change).
// Losing the table loses nothing but a few seconds of pacing; it holds no customer data.
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE TABLE graph_request_budget (
      kind text NOT NULL,
      entra_tenant_id text NOT NULL,
      client_id text NOT NULL DEFAULT '',
      tokens double precision NOT NULL,
      granted integer NOT NULL DEFAULT 0,
      held_by text,
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (kind, entra_tenant_id, client_id)
    ) WITH (fillfactor = 50);
    `,
  );
}
