import { isLifecycleState, type LifecycleState } from './lifecycle-state';

export type BadgeColor = 'gray' | 'info' | 'success' | 'warning' | 'danger';
export type BadgeIcon = 'pencil' | 'progress' | 'circle-check' | 'archive' | 'alert-triangle';

/** The one presentation contract of a lifecycle value (SPEC §2, seed 002). */
export interface LifecyclePresentation {
  /** The canonical value, or the raw stored value for the invalid fallback. */
  value: unknown;
  label: string;
  badge_color: BadgeColor;
  badge_icon: BadgeIcon;
  short_description: string;
  long_description: string;
  is_invalid_fallback: boolean;
}

type CanonicalPresentation = Omit<LifecyclePresentation, 'value' | 'is_invalid_fallback'>;

// `satisfies Record<LifecycleState, …>` makes the mapping exhaustive at compile time: adding a state
// without its presentation does not compile.
const canonical = {
  draft: {
    label: 'Draft',
    badge_color: 'gray',
    badge_icon: 'pencil',
    short_description: 'Registered, not yet onboarded.',
    long_description:
      'This tenant is registered but not yet onboarded. No operations run for it until onboarding starts and completes.',
  },
  onboarding: {
    label: 'Onboarding',
    badge_color: 'info',
    badge_icon: 'progress',
    short_description: 'Onboarding in progress; some data may be incomplete.',
    long_description:
      'Onboarding is in progress for this tenant. Some data may be incomplete until onboarding finishes and the tenant becomes active.',
  },
  active: {
    label: 'Active',
    badge_color: 'success',
    badge_icon: 'circle-check',
    short_description: 'Fully managed; inventory, drift and operations run normally.',
    long_description:
      'This tenant is fully managed: inventory, baseline, drift detection and operations run normally.',
  },
  archived: {
    label: 'Archived',
    badge_color: 'warning',
    badge_icon: 'archive',
    short_description: 'Read-only; history is kept and no new operations start.',
    long_description:
      'This tenant is archived and read-only. Its history is kept, but no new operations start. It can be restored to active.',
  },
} as const satisfies Record<LifecycleState, CanonicalPresentation>;

const invalidFallback: CanonicalPresentation = {
  label: 'Invalid lifecycle',
  badge_color: 'danger',
  badge_icon: 'alert-triangle',
  short_description: 'The stored lifecycle value is not a lifecycle state.',
  long_description:
    'The stored lifecycle value is not one of Draft, Onboarding, Active or Archived. It is shown as stored and not interpreted; this is a data problem to correct.',
};

/** Presents any stored lifecycle value; non-canonical input gets the invalid fallback with the raw value kept. */
export function present(value: unknown): LifecyclePresentation {
  if (isLifecycleState(value)) {
    return { value, ...canonical[value], is_invalid_fallback: false };
  }
  return { value: value ?? null, ...invalidFallback, is_invalid_fallback: true };
}
