// Onboarding is where a tenant gets connected (SPEC §1): its steps, derived from facts — the provider
// connection's last save and the tenant's latest provider.verify run — and the one rule that lets onboarding
// complete: a connection whose LATEST verification succeeded AFTER the connection was last saved.

export type OnboardingStepKey = 'connection_saved' | 'verification_succeeded' | 'complete';
export type OnboardingStepState = 'done' | 'current' | 'running' | 'failed' | 'waiting';

export interface OnboardingFacts {
  /** When the provider connection was last saved; null when there is none. */
  connectionSavedAt: Date | null;
  /** The tenant's latest provider.verify run (by creation), if any. */
  latestVerification: {
    run_id: number;
    status: string;
    outcome: string;
    created_at: Date;
    completed_at: Date | null;
    failure: { code: string; message: string } | null;
  } | null;
}

export interface OnboardingStep {
  key: OnboardingStepKey;
  label: string;
  state: OnboardingStepState;
  /** What this step needs or says, in words a newcomer can act on. */
  detail: string;
  /** The run this step refers to (the verification), when there is one. */
  run_id: number | null;
}

export interface OnboardingProgress {
  steps: OnboardingStep[];
  can_complete: boolean;
  /** The first step not done yet, or null when onboarding may complete. */
  missing_step: OnboardingStepKey | null;
  /** The 409 message when completion is asked for too early; null when it may complete. */
  refusal: string | null;
}

export function onboardingProgress(facts: OnboardingFacts): OnboardingProgress {
  const saved = facts.connectionSavedAt;
  const latest = facts.latestVerification;
  const verificationCounts = saved !== null && latest !== null && latest.created_at.getTime() >= saved.getTime();
  const verified = verificationCounts && latest?.status === 'completed' && latest.outcome === 'succeeded';

  const connectionStep: OnboardingStep = saved
    ? { key: 'connection_saved', label: 'Save the provider connection', state: 'done', detail: 'The app registration (client ID and secret) is saved.', run_id: null }
    : {
        key: 'connection_saved',
        label: 'Save the provider connection',
        state: 'current',
        detail: 'Enter the app registration TenantAtlas uses to read this tenant: its client ID and a client secret.',
        run_id: null,
      };

  const verificationStep = ((): OnboardingStep => {
    const base = { key: 'verification_succeeded' as const, label: 'Verify the connection' };
    if (!saved) return { ...base, state: 'waiting', detail: 'Possible once the connection is saved.', run_id: null };
    if (!latest || !verificationCounts) {
      return { ...base, state: 'current', detail: latest ? 'The connection changed after the last verification; verify it again.' : 'Verify that TenantAtlas can sign in to this tenant with the saved connection.', run_id: null };
    }
    if (latest.status !== 'completed') return { ...base, state: 'running', detail: 'Verification is running…', run_id: latest.run_id };
    if (verified) return { ...base, state: 'done', detail: 'The connection signed in and read the tenant.', run_id: latest.run_id };
    const reason = latest.outcome === 'cancelled' ? 'it was cancelled' : (latest.failure?.message ?? `it ended ${latest.outcome}`);
    return { ...base, state: 'failed', detail: `The last verification did not succeed: ${reason} Fix the connection and verify again.`, run_id: latest.run_id };
  })();

  const completeStep: OnboardingStep = verified
    ? { key: 'complete', label: 'Complete onboarding', state: 'current', detail: 'Everything is in place: complete onboarding to make the tenant Active.', run_id: null }
    : { key: 'complete', label: 'Complete onboarding', state: 'waiting', detail: 'Possible once the connection is verified.', run_id: null };

  const missing: OnboardingStepKey | null = !saved ? 'connection_saved' : !verified ? 'verification_succeeded' : null;
  return {
    steps: [connectionStep, verificationStep, completeStep],
    can_complete: missing === null,
    missing_step: missing,
    refusal:
      missing === 'connection_saved'
        ? 'Cannot complete onboarding yet: save the provider connection first, then verify it.'
        : missing === 'verification_succeeded'
          ? 'Cannot complete onboarding yet: the provider connection must be verified successfully after it was last saved.'
          : null,
  };
}
