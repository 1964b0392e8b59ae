// Onboarding is where a tenant gets connected (SPEC §1): its steps, derived from facts — the provider
// connection's last save and the tenant's latest provider.verify run — and the one rule that lets onboarding
// complete: a connection whose LATEST verification succeeded and was created AFTER the connection was last saved.
// The tenant page's steps, the complete action's disabled reason and the 409 all come from here, so they agree.

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
    /**
     * Whether the run was created after the connection's last save. The database compares the two times at
     * its own (microsecond) precision; a Date keeps milliseconds only, too coarse to order two close events.
     */
    after_last_save: boolean;
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
  /** The 409 message (and the disabled reason) when completion is asked for too early; null when it may complete. */
  refusal: string | null;
}

const LABELS: Record<OnboardingStepKey, string> = {
  connection_saved: 'Save the provider connection',
  verification_succeeded: 'Verify the connection',
  complete: 'Complete onboarding',
};

/** Why verification is not (yet) done, told once for the step and once for the refusal. */
type VerificationGap = 'never' | 'changed' | 'running' | 'failed' | 'cancelled';

export function onboardingProgress(facts: OnboardingFacts): OnboardingProgress {
  const saved = facts.connectionSavedAt !== null;
  const latest = facts.latestVerification;
  const gap = saved ? verificationGap(latest) : null;
  const verified = saved && gap === null;

  const steps: OnboardingStep[] = [
    saved
      ? step('connection_saved', 'done', 'The app registration (client ID and secret) is saved.')
      : step('connection_saved', 'current', 'Enter the app registration TenantAtlas uses to read this tenant: its client ID and a client secret.'),
    verificationStep(saved, gap, latest),
    verified
      ? step('complete', 'current', 'Everything is in place: complete onboarding to make the tenant Active.')
      : step('complete', 'waiting', 'Possible once the connection is verified.'),
  ];

  const missing: OnboardingStepKey | null = !saved ? 'connection_saved' : !verified ? 'verification_succeeded' : null;
  return { steps, can_complete: missing === null, missing_step: missing, refusal: refusal(saved, gap) };
}

function verificationGap(latest: OnboardingFacts['latestVerification']): VerificationGap | null {
  if (!latest) return 'never';
  if (!latest.after_last_save) return 'changed';
  if (latest.status !== 'completed') return 'running';
  // A partial verification signed in and read Intune but found some Graph permissions missing (issue 19): the
  // connection works, the missing permissions are named on the provider card, so it counts (docs/DECISIONS.md).
  if (latest.outcome === 'succeeded' || latest.outcome === 'partial') return null;
  return latest.outcome === 'cancelled' ? 'cancelled' : 'failed';
}

function verificationStep(saved: boolean, gap: VerificationGap | null, latest: OnboardingFacts['latestVerification']): OnboardingStep {
  const key = 'verification_succeeded';
  // Only a run that counts (created after the last save) is the step's run.
  const runId = latest && gap !== 'never' && gap !== 'changed' ? latest.run_id : null;
  if (!saved) return step(key, 'waiting', 'Possible once the connection is saved.');
  switch (gap) {
    case null:
      return latest?.outcome === 'partial'
        ? step(key, 'done', 'The connection signed in and read the tenant; some Graph permissions are missing (listed on the provider connection).', runId)
        : step(key, 'done', 'The connection signed in and read the tenant.', runId);
    case 'never':
      return step(key, 'current', 'Verify that TenantAtlas can sign in to this tenant with the saved connection.');
    case 'changed':
      return step(key, 'current', 'The connection changed after the last verification; verify it again.');
    case 'running':
      return step(key, 'running', 'Verification is running…', runId);
    case 'cancelled':
      return step(key, 'failed', 'The last verification was cancelled before it finished; verify again.', runId);
    case 'failed':
      return step(key, 'failed', `The last verification did not succeed: ${failureReason(latest)} Fix the connection and verify again.`, runId);
  }
}

function refusal(saved: boolean, gap: VerificationGap | null): string | null {
  const prefix = 'Onboarding cannot complete yet:';
  if (!saved) return `${prefix} save the provider connection first (step 1), then verify it (step 2).`;
  switch (gap) {
    case null:
      return null;
    case 'never':
      return `${prefix} verify the provider connection first (step 2).`;
    case 'changed':
      return `${prefix} the provider connection changed after its last verification; verify it again (step 2).`;
    case 'running':
      return `${prefix} the verification of the provider connection is still running (step 2); complete once it has succeeded.`;
    case 'cancelled':
      return `${prefix} the last verification of the provider connection was cancelled; verify it again (step 2).`;
    case 'failed':
      // The reason itself is on the step and the provider card; the refusal names what is missing.
      return `${prefix} the last verification of the provider connection did not succeed; fix the connection and verify it again (step 2).`;
  }
}

function failureReason(latest: OnboardingFacts['latestVerification']): string {
  const message = latest?.failure?.message.trim() || `it ended ${latest?.outcome ?? 'without a result'}`;
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

function step(key: OnboardingStepKey, state: OnboardingStepState, detail: string, run_id: number | null = null): OnboardingStep {
  return { key, label: LABELS[key], state, detail, run_id };
}
