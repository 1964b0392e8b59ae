import { Skeleton, Stack, VisuallyHidden } from '@mantine/core';

/**
 * What a page looks like while it loads: grey shapes where its header and content will be, instead of a lone
 * spinner, so the layout does not jump when the data arrives. Screen readers hear "Loading…".
 */
export function PageLoader({ rows = 4 }: { rows?: number }) {
  return (
    <Stack gap="sm" py="md" px="md" aria-busy="true" data-testid="page-loader">
      <VisuallyHidden role="status">Loading…</VisuallyHidden>
      <Skeleton height={28} width="40%" radius="sm" />
      <Skeleton height={14} width="60%" radius="sm" />
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={44} radius="md" mt={index === 0 ? 'md' : 0} />
      ))}
    </Stack>
  );
}
