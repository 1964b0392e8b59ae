import { isLifecycleState, type LifecycleState } from './lifecycle-state';
import { present } from './present';

export const lifecycleActions = ['start_onboarding', 'complete_onboarding', 'cancel_onboarding', 'archive', 'restore'] as const;

export type LifecycleAction = (typeof lifecycleActions)[number];

export interface LifecycleTransition {
  action: LifecycleAction;
  label: string;
  from: LifecycleState;
  to: LifecycleState;
  requires_confirmation: boolean;
}

// The only transitions (SPEC §1); every other request is refused.
export const lifecycleTransitions = [
  { action: 'start_onboarding', label: 'Start onboarding', from: 'draft', to: 'onboarding', requires_confirmation: false },
  { action: 'complete_onboarding', label: 'Complete onboarding', from: 'onboarding', to: 'active', requires_confirmation: false },
  { action: 'cancel_onboarding', label: 'Cancel onboarding', from: 'onboarding', to: 'draft', requires_confirmation: false },
  { action: 'archive', label: 'Archive', from: 'active', to: 'archived', requires_confirmation: true },
  { action: 'restore', label: 'Restore', from: 'archived', to: 'active', requires_confirmation: false },
] as const satisfies readonly LifecycleTransition[];

export function transitionsFrom(status: unknown): LifecycleTransition[] {
  return lifecycleTransitions.filter((t) => t.from === status);
}

export type TransitionDecision =
  | { allowed: true; transition: LifecycleTransition }
  | { allowed: false; message: string };

/** Decides a requested action against the stored status, with a message a person can act on. */
export function decideTransition(status: unknown, action: LifecycleAction): TransitionDecision {
  const transition = lifecycleTransitions.find((t) => t.action === action);
  if (!transition) return { allowed: false, message: `Unknown lifecycle action "${String(action)}".` };
  if (transition.from === status) return { allowed: true, transition };
  const from = present(transition.from).label;
  if (!isLifecycleState(status)) {
    return {
      allowed: false,
      message: `Cannot ${transition.label.toLowerCase()}: the tenant's stored lifecycle value is not a lifecycle state, so no transition applies until the data is corrected.`,
    };
  }
  return {
    allowed: false,
    message: `Cannot ${transition.label.toLowerCase()} a tenant that is ${present(status).label}; this is only possible from ${from}.`,
  };
}
