import { Group, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useLifecycleCatalog } from '../../api/lifecycle';
import type { LifecyclePresentation as Presentation, LifecycleSurface, LifecycleVariant } from '../../api/types';
import { LifecycleBadge } from './LifecycleBadge';

interface LifecyclePresentationProps {
  presentation: Presentation;
  surface: LifecycleSurface;
  /** Only the canonical viewer shows it (its variant's show_context_note). */
  contextNote?: string | null;
}

// Until the catalogue has loaded, a surface shows the badge alone rather than nothing.
const BADGE_ONLY: LifecycleVariant = {
  show_badge: true,
  show_short_description: false,
  show_long_description: false,
  show_context_note: false,
};

/**
 * The one home of lifecycle presentation in the web app. Surfaces differ only in density, and the
 * density comes from the server's variant flags: no page decides for itself what to show.
 */
export function LifecyclePresentation({ presentation, surface, contextNote }: LifecyclePresentationProps) {
  const { data: catalog } = useLifecycleCatalog();
  const variant = catalog?.variants[surface] ?? BADGE_ONLY;
  const note = variant.show_context_note ? contextNote : null;

  if (variant.show_badge && !variant.show_short_description && !variant.show_long_description && !note) {
    return <LifecycleBadge presentation={presentation} size={surface === 'table' ? 'sm' : 'md'} />;
  }

  return (
    <Stack gap={6} data-surface={surface}>
      {variant.show_badge && (
        <Group gap="xs">
          <LifecycleBadge presentation={presentation} />
        </Group>
      )}
      {variant.show_short_description && (
        <Text size="sm" c="dimmed">
          {presentation.short_description}
        </Text>
      )}
      {variant.show_long_description && <Text size="sm">{presentation.long_description}</Text>}
      {note && (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconInfoCircle size={16} stroke={1.6} style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm" c="dimmed" data-testid="lifecycle-context-note">
            {note}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
