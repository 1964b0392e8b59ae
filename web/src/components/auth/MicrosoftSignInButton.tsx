import { Button, Divider, Stack } from '@mantine/core';
import { IconBrandWindows } from '@tabler/icons-react';
import { entraIdSignInUrl, useSignInMethods } from '../../api/auth';

/**
 * "or — Sign in with Microsoft" — shown only where the server offers Entra ID (issue 8). A link, not a fetch: the
 * browser itself goes to Microsoft and comes back. With an invitation token, coming back accepts it.
 */
export function MicrosoftSignInButton({ invitationToken, label = 'Sign in with Microsoft' }: { invitationToken?: string; label?: string }) {
  const methods = useSignInMethods();
  if (!methods.data?.entra_id) return null;
  return (
    <Stack gap="md" mt="md">
      <Divider label="or" labelPosition="center" />
      <Button component="a" href={entraIdSignInUrl(invitationToken)} variant="default" fullWidth leftSection={<IconBrandWindows size={18} aria-hidden />} data-action="sign-in-with-microsoft">
        {label}
      </Button>
    </Stack>
  );
}
