import type { Kysely } from 'kysely';
import { findLatestVerification, findProviderConnection } from '../../db/queries/provider-connections';
import type { Database } from '../../db/schema';
import { sanitizeFailureSummary } from '../../domain/operations';
import type { OnboardingFacts } from '../../domain/onboarding';

/** What onboarding (and the provider card) decide from: the connection's last save and the latest verification. */
export async function loadOnboardingFacts(db: Kysely<Database>, tenantId: number): Promise<OnboardingFacts> {
  // One after the other: inside a transaction both statements share its one connection.
  const connection = await findProviderConnection(db, tenantId);
  const latest = await findLatestVerification(db, tenantId);
  const failure = latest ? sanitizeFailureSummary(latest.failure_summary)[0] : undefined;
  return {
    connectionSavedAt: connection?.updated_at ?? null,
    latestVerification: latest
      ? {
          run_id: latest.id,
          status: latest.status,
          outcome: latest.outcome,
          created_at: latest.created_at,
          completed_at: latest.completed_at,
          failure: failure ? { code: failure.code, message: failure.message } : null,
          after_last_save: latest.after_last_save === true,
        }
      : null,
  };
}
