import type { LifecyclePresentation } from '../../api/types';

// Questions pages ask about a lifecycle, answered from the presentation (never from the raw `status`),
// so an invalid stored value can never be mistaken for a canonical state.

export type LifecycleBannerKind = 'draft' | 'onboarding' | 'archived' | 'invalid';

function canonicalValue(presentation: LifecyclePresentation): string | null {
  return presentation.is_invalid_fallback || typeof presentation.value !== 'string' ? null : presentation.value;
}

/** Archived tenants are readable but read-only (SPEC §2). */
export function isReadOnlyLifecycle(presentation: LifecyclePresentation): boolean {
  return canonicalValue(presentation) === 'archived';
}

/** Which banner a tenant page shows; null for an active tenant, which needs none. */
export function lifecycleBannerKind(presentation: LifecyclePresentation): LifecycleBannerKind | null {
  if (presentation.is_invalid_fallback) return 'invalid';
  switch (presentation.value) {
    case 'draft':
    case 'onboarding':
    case 'archived':
      return presentation.value;
    case 'active':
      return null;
    default:
      return 'invalid';
  }
}
