import type { MantineColor } from '@mantine/core';
import { IconAlertTriangle, IconArchive, IconCircleCheck, IconPencil, IconProgress, type Icon } from '@tabler/icons-react';
import type { LifecycleBadgeColor, LifecycleBadgeIcon, LifecyclePresentation } from '../../api/types';

// The only place where the lifecycle's colour and icon tokens become Mantine colours and Tabler icons.
// Both maps are Records over the token unions, so a new token fails to compile until it is mapped here.

const BADGE_COLORS: Record<LifecycleBadgeColor, MantineColor> = {
  gray: 'gray',
  info: 'blue',
  success: 'green',
  warning: 'orange',
  danger: 'red',
};

const BADGE_ICONS: Record<LifecycleBadgeIcon, Icon> = {
  pencil: IconPencil,
  progress: IconProgress,
  'circle-check': IconCircleCheck,
  archive: IconArchive,
  'alert-triangle': IconAlertTriangle,
};

export function lifecycleColor(presentation: LifecyclePresentation): MantineColor {
  return BADGE_COLORS[presentation.badge_color] ?? 'red';
}

export function lifecycleIcon(presentation: LifecyclePresentation): Icon {
  return BADGE_ICONS[presentation.badge_icon] ?? IconAlertTriangle;
}
