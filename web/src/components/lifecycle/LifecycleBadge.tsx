import { Badge, type BadgeProps } from '@mantine/core';
import type { LifecyclePresentation } from '../../api/types';
import { fullLabelBadgeStyles } from '../common/badge-styles';
import { lifecycleColor, lifecycleIcon } from './lifecycle-tokens';

interface LifecycleBadgeProps {
  presentation: LifecyclePresentation;
  size?: BadgeProps['size'];
}

/** The lifecycle badge: label, colour and icon exactly as the server's presentation says. */
export function LifecycleBadge({ presentation, size = 'md' }: LifecycleBadgeProps) {
  const BadgeIcon = lifecycleIcon(presentation);
  return (
    <Badge
      size={size}
      variant="light"
      radius="sm"
      color={lifecycleColor(presentation)}
      leftSection={<BadgeIcon size={12} stroke={2} aria-hidden />}
      data-lifecycle={presentation.is_invalid_fallback ? 'invalid' : (presentation.value ?? '')}
      styles={{ ...fullLabelBadgeStyles, label: { ...fullLabelBadgeStyles.label, fontWeight: 600 } }}
    >
      {presentation.label}
    </Badge>
  );
}
