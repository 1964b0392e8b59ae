import { describe, expect, it } from 'vitest';
import { onboardingProgress, type OnboardingFacts } from '../../src/domain/onboarding';
import { startRefusal } from '../../src/domain/operations/start-refusal';

const savedAt = new Date('2026-03-01T10:00:00Z');
type Verification = NonNullable<OnboardingFacts['latestVerification']>;

function verification(overrides: Partial<Verification> = {}): Verification {
  return {
    run_id: 7,
    status: 'completed',
    outcome: 'succeeded',
    created_at: new Date('2026-03-01T10:05:00Z'),
    completed_at: new Date('2026-03-01T10:05:02Z'),
    failure: null,
    after_last_save: true,
    ...overrides,
  };
}

const states = (facts: OnboardingFacts) => onboardingProgress(facts).steps.map((step) => step.state);

describe('onboarding steps and the completion gate (SPEC §1)', () => {
  it('lists the three steps in order, with labels', () => {
    const progress = onboardingProgress({ connectionSavedAt: null, latestVerification: null });
    expect(progress.steps.map((step) => [step.key, step.label])).toEqual([
      ['connection_saved', 'Save the provider connection'],
      ['verification_succeeded', 'Verify the connection'],
      ['complete', 'Complete onboarding'],
    ]);
  });

  it('without a connection: save it is next, and completion names that step', () => {
    const progress = onboardingProgress({ connectionSavedAt: null, latestVerification: null });
    expect(states({ connectionSavedAt: null, latestVerification: null })).toEqual(['current', 'waiting', 'waiting']);
    expect(progress).toMatchObject({ can_complete: false, missing_step: 'connection_saved' });
    expect(progress.refusal).toMatch(/save the provider connection first \(step 1\)/);
  });

  it('a verification without a connection (e.g. one from before) changes nothing', () => {
    const progress = onboardingProgress({ connectionSavedAt: null, latestVerification: verification({ after_last_save: false }) });
    expect(progress.missing_step).toBe('connection_saved');
    expect(progress.steps[1]).toMatchObject({ state: 'waiting', run_id: null });
  });

  it('saved, never verified: verify is next', () => {
    const progress = onboardingProgress({ connectionSavedAt: savedAt, latestVerification: null });
    expect(progress.steps.map((step) => step.state)).toEqual(['done', 'current', 'waiting']);
    expect(progress).toMatchObject({ can_complete: false, missing_step: 'verification_succeeded' });
    expect(progress.refusal).toMatch(/verify the provider connection first \(step 2\)/);
  });

  it('a running verification after the save: the step is running, completion waits for it', () => {
    const progress = onboardingProgress({ connectionSavedAt: savedAt, latestVerification: verification({ status: 'running', outcome: 'pending', completed_at: null }) });
    expect(progress.steps[1]).toMatchObject({ state: 'running', run_id: 7 });
    expect(progress.can_complete).toBe(false);
    expect(progress.refusal).toMatch(/still running/);
  });

  it('a failed verification: the step is failed with its reason and run, completion refused', () => {
    const failed = verification({ outcome: 'failed', failure: { code: 'auth.failed', message: 'The token endpoint refused the client credentials' } });
    const progress = onboardingProgress({ connectionSavedAt: savedAt, latestVerification: failed });
    expect(progress.steps[1]).toMatchObject({ state: 'failed', run_id: 7 });
    expect(progress.steps[1]!.detail).toBe(
      'The last verification did not succeed: The token endpoint refused the client credentials. Fix the connection and verify again.',
    );
    expect(progress).toMatchObject({ can_complete: false, missing_step: 'verification_succeeded' });
    expect(progress.refusal).toMatch(/did not succeed; fix the connection and verify it again \(step 2\)/);
  });

  it('a cancelled verification does not count', () => {
    const progress = onboardingProgress({ connectionSavedAt: savedAt, latestVerification: verification({ outcome: 'cancelled' }) });
    expect(progress.steps[1]!.state).toBe('failed');
    expect(progress.can_complete).toBe(false);
  });

  it('a partial verification (signed in, some Graph permissions missing) counts and says so', () => {
    const progress = onboardingProgress({ connectionSavedAt: savedAt, latestVerification: verification({ outcome: 'partial' }) });
    expect(progress.steps[1]).toMatchObject({ state: 'done', run_id: 7 });
    expect(progress.steps[1]!.detail).toMatch(/some Graph permissions are missing/);
    expect(progress.can_complete).toBe(true);
  });

  it('a success created before the last save no longer counts: verify again', () => {
    const progress = onboardingProgress({ connectionSavedAt: savedAt, latestVerification: verification({ after_last_save: false }) });
    expect(progress.steps.map((step) => step.state)).toEqual(['done', 'current', 'waiting']);
    expect(progress.steps[1]).toMatchObject({ run_id: null, detail: expect.stringMatching(/changed after the last verification/) });
    expect(progress.refusal).toMatch(/changed after its last verification/);
  });

  it('only the LATEST verification counts: a success followed by a failure closes the gate', () => {
    // The facts carry the latest run only; a failure after a success is simply the latest.
    const progress = onboardingProgress({ connectionSavedAt: savedAt, latestVerification: verification({ run_id: 9, outcome: 'failed' }) });
    expect(progress.can_complete).toBe(false);
  });

  it('saved and the latest verification after it succeeded: completion is allowed', () => {
    const progress = onboardingProgress({ connectionSavedAt: savedAt, latestVerification: verification() });
    expect(progress.steps.map((step) => step.state)).toEqual(['done', 'done', 'current']);
    expect(progress).toMatchObject({ can_complete: true, missing_step: null, refusal: null });
    expect(progress.steps[1]!.run_id).toBe(7);
  });
});

describe('which operations may start (SPEC §5)', () => {
  it('provider.verify runs for onboarding and active tenants, nothing else runs while onboarding', () => {
    expect(startRefusal('onboarding', 'provider.verify')).toBeNull();
    expect(startRefusal('active', 'provider.verify')).toBeNull();
    expect(startRefusal('onboarding', 'inventory.sync')).toMatch(/Complete onboarding first/);
  });

  it('draft and archived tenants verify nothing, and say what would make it possible', () => {
    expect(startRefusal('draft', 'provider.verify')).toMatch(/Start onboarding first/);
    expect(startRefusal('archived', 'provider.verify')).toMatch(/Restore it/);
    expect(startRefusal('ACTIVE', 'provider.verify')).toMatch(/not a lifecycle state/);
  });
});
