// Surface variants change density only, never the label or meaning (SPEC §2).
export const lifecycleSurfaces = ['table', 'detail', 'selector', 'canonical_viewer', 'banner'] as const;

export type LifecycleSurface = (typeof lifecycleSurfaces)[number];

export interface LifecycleSurfaceVariant {
  show_badge: boolean;
  show_short_description: boolean;
  show_long_description: boolean;
  show_context_note: boolean;
}

export const lifecycleSurfaceVariants = {
  table: { show_badge: true, show_short_description: false, show_long_description: false, show_context_note: false },
  detail: { show_badge: true, show_short_description: true, show_long_description: false, show_context_note: false },
  selector: { show_badge: true, show_short_description: true, show_long_description: false, show_context_note: false },
  canonical_viewer: { show_badge: true, show_short_description: false, show_long_description: true, show_context_note: true },
  banner: { show_badge: false, show_short_description: false, show_long_description: true, show_context_note: false },
} as const satisfies Record<LifecycleSurface, LifecycleSurfaceVariant>;

export function surfaceVariant(surface: LifecycleSurface): LifecycleSurfaceVariant {
  return lifecycleSurfaceVariants[surface];
}
