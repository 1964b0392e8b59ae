import { Alert, Button, Group, Text } from '@mantine/core';
import { IconPlugConnectedX, IconRefresh } from '@tabler/icons-react';
import { useDocumentTitle } from './useDocumentTitle';

interface LoadErrorProps {
  error: unknown;
  title?: string;
  /** Asks again; every failed load offers it, so a passing hiccup is one click away from fixed. */
  onRetry?: () => void;
  retrying?: boolean;
  /** Set when the error replaces the whole page, so the browser tab says so too. */
  pageTitle?: boolean;
}

/** A request failed for a reason other than "not found": say so plainly, with the server's words and a way out. */
export function LoadError({ error, title = 'Could not load this page', onRetry, retrying = false, pageTitle = false }: LoadErrorProps) {
  useDocumentTitle(pageTitle ? title : null);
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <Alert color="red" variant="light" icon={<IconPlugConnectedX size={18} aria-hidden />} title={title} role="alert" data-testid="load-error">
      <Text size="sm">{message}</Text>
      <Text size="sm" mt={4}>
        Your data is safe; this page could not be read just now.
      </Text>
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="default" leftSection={<IconRefresh size={14} aria-hidden />} loading={retrying} onClick={onRetry}>
            Retry
          </Button>
        </Group>
      )}
    </Alert>
  );
}
