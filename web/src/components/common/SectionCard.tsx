import type { ReactNode } from 'react';
import { Button, Card, Group, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';

interface SectionCardProps {
  title: string;
  /** Where the whole of what this card shows a part of lives ("All findings"). */
  more?: { to: string; label: string };
  testId?: string;
  children: ReactNode;
}

/** A titled card of a page, with an optional link to the full list it previews. */
export function SectionCard({ title, more, testId, children }: SectionCardProps) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId}>
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="lg" fw={600}>
          {title}
        </Title>
        {more && (
          <Button component={Link} to={more.to} variant="subtle" size="xs" rightSection={<IconArrowRight size={14} />}>
            {more.label}
          </Button>
        )}
      </Group>
      {children}
    </Card>
  );
}
