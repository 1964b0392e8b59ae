import type { LifecyclePresentation } from '../../api/types';
import { lifecycleColor, lifecycleIcon } from './lifecycle-tokens';

/** The lifecycle icon alone, in its colour: for tight spots such as the tenant selector's input. */
export function LifecycleIcon({ presentation, size = 16 }: { presentation: LifecyclePresentation; size?: number }) {
  const BadgeIcon = lifecycleIcon(presentation);
  return (
    <BadgeIcon
      size={size}
      stroke={1.8}
      color={`var(--mantine-color-${lifecycleColor(presentation)}-6)`}
      aria-label={presentation.label}
    />
  );
}
