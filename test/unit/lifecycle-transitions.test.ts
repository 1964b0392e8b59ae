import { describe, expect, it } from 'vitest';
import { decideTransition, lifecycleActions, lifecycleStates, transitionsFrom } from '../../src/domain/lifecycle';

const allowed: Record<string, string> = {
  'draft:start_onboarding': 'onboarding',
  'onboarding:complete_onboarding': 'active',
  'onboarding:cancel_onboarding': 'draft',
  'active:archive': 'archived',
  'archived:restore': 'active',
};

describe('lifecycle transitions (SPEC §1)', () => {
  for (const from of lifecycleStates) {
    for (const action of lifecycleActions) {
      const to = allowed[`${from}:${action}`];
      it(`${from} + ${action} → ${to ?? 'refused'}`, () => {
        const decision = decideTransition(from, action);
        if (to) {
          expect(decision).toMatchObject({ allowed: true, transition: { from, to } });
        } else {
          expect(decision.allowed).toBe(false);
          if (!decision.allowed) expect(decision.message).toMatch(/only possible from/);
        }
      });
    }
  }

  it('a corrupt stored status allows nothing and says why', () => {
    for (const action of lifecycleActions) {
      const decision = decideTransition('ACTIVE', action);
      expect(decision.allowed).toBe(false);
      if (!decision.allowed) expect(decision.message).toMatch(/not a lifecycle state/);
    }
  });

  it('lists the actions available from each state', () => {
    expect(transitionsFrom('onboarding').map((t) => t.action)).toEqual(['complete_onboarding', 'cancel_onboarding']);
    expect(transitionsFrom('active').map((t) => t.action)).toEqual(['archive']);
    expect(transitionsFrom('bogus')).toEqual([]);
  });

  it('only archive asks for confirmation', () => {
    expect(transitionsFrom('active')[0]?.requires_confirmation).toBe(true);
    expect(transitionsFrom('archived')[0]?.requires_confirmation).toBe(false);
  });
});
