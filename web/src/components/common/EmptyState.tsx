import type { ReactNode } from 'react';
import { Stack, Text, ThemeIcon } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';

interface EmptyStateProps {
  icon: Icon;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
}

/** Calm "nothing here yet": a muted icon and a sentence, never an error colour. */
export function EmptyState({ icon: StateIcon, title, description, action }: EmptyStateProps) {
  return (
    <Stack align="center" gap="xs" py={48} px="md" ta="center" data-testid="empty-state">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        <StateIcon size={24} stroke={1.5} />
      </ThemeIcon>
      <Text fw={600} mt="xs">
        {title}
      </Text>
      {description && (
        <Text size="sm" c="dimmed" maw={420}>
          {description}
        </Text>
      )}
      {action}
    </Stack>
  );
}
