import { Alert } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';

/** A request failed for a reason other than "not found": say so plainly, with the server's message. */
export function LoadError({ error, title = 'Could not load this page' }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <Alert color="gray" variant="light" icon={<IconPlugConnectedX size={18} />} title={title}>
      {message}
    </Alert>
  );
}
