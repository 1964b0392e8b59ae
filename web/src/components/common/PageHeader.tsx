import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from './useDocumentTitle';

interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** Right-aligned page actions. */
  actions?: ReactNode;
  /** Under the title, e.g. the lifecycle presentation. */
  children?: ReactNode;
  /** The browser tab's title, most specific first (e.g. ['Operations', tenant name]); defaults to a text title. */
  documentTitle?: Array<string | null | undefined>;
}

export function PageHeader({ title, description, actions, children, documentTitle }: PageHeaderProps) {
  useDocumentTitle(...(documentTitle ?? [typeof title === 'string' ? title : null]));
  return (
    <Group justify="space-between" align="flex-start" wrap="wrap" gap="md" mb="lg">
      <Stack gap={6} style={{ minWidth: 0 }}>
        {/* The page's one h1 (axe: page-has-heading-one), at the size the console's page titles always had. */}
        <Title order={1} size="h2" fw={650}>
          {title}
        </Title>
        {typeof description === 'string' ? (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        ) : (
          description
        )}
        {children}
      </Stack>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
