import { Button, Center } from '@mantine/core';
import { IconCompass } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyState } from './EmptyState';
import { useDocumentTitle } from './useDocumentTitle';

interface NotFoundProps {
  title?: string;
  description?: string;
}

/** Missing and not-yours look the same on purpose (deny-as-not-found, SPEC §5). */
export function NotFound({
  title = 'Nothing to see here',
  description = 'This page does not exist, or you do not have access to it.',
}: NotFoundProps) {
  useDocumentTitle(title);
  return (
    <Center py="xl" data-testid="not-found">
      <EmptyState
        icon={IconCompass}
        title={title}
        description={description}
        action={
          <Button component={Link} to="/" variant="light" mt="sm">
            Back to TenantAtlas
          </Button>
        }
      />
    </Center>
  );
}
