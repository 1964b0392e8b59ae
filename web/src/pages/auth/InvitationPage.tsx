import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useAcceptInvitation, useInvitation } from '../../api/administration';
import { MicrosoftSignInButton } from '../../components/auth/MicrosoftSignInButton';
import { PageLoader } from '../../components/common/PageLoader';
import { useDocumentTitle } from '../../components/common/useDocumentTitle';
import { paths } from '../../paths';

/**
 * `/invitations/:token` (issue 8): what the link invites to, and the one step to accept — choose a name and a
 * password for a new account, or, when an account with the address exists, sign in with it first.
 */
export function InvitationPage() {
  useDocumentTitle('Invitation');
  const { token = '' } = useParams();
  const invitation = useInvitation(token);
  const accept = useAcceptInvitation(token);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const here = `/invitations/${encodeURIComponent(token)}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate(invitation.data?.account_exists ? {} : { name, password }, {
      onSuccess: () => {
        queryClient.clear();
        void navigate(paths.home(), { replace: true });
      },
    });
  };

  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)" p="md">
      <Paper withBorder radius="md" p="xl" w="100%" maw={440} data-testid="invitation-page">
        {invitation.isPending ? (
          <PageLoader />
        ) : invitation.isError ? (
          <Stack gap="sm">
            <Title order={1} fz="h3">
              This link cannot be used
            </Title>
            <Text size="sm" data-testid="invitation-problem">
              {isApiError(invitation.error) ? invitation.error.message : 'The invitation could not be loaded. Try again shortly.'}
            </Text>
            <Anchor component={Link} to={paths.signIn()} size="sm">
              Go to sign-in
            </Anchor>
          </Stack>
        ) : (
          <>
          <form onSubmit={submit}>
            <Stack gap="md">
              <Title order={1} fz="h3">
                Join {invitation.data.workspace_name ?? 'the workspace'}
              </Title>
              <Text size="sm">
                You are invited as <b>{invitation.data.role}</b> with {invitation.data.email}.
              </Text>
              {invitation.data.account_exists ? (
                <Text size="sm">
                  An account with this address exists. If you are signed in with it, accept below; otherwise{' '}
                  <Anchor component={Link} to={paths.signIn(here)}>
                    sign in
                  </Anchor>{' '}
                  first and you will come back here.
                </Text>
              ) : (
                <>
                  <TextInput label="Your name" required value={name} onChange={(event) => setName(event.currentTarget.value)} autoComplete="name" />
                  <PasswordInput
                    label="Choose a password"
                    description="At least 8 characters."
                    required
                    value={password}
                    onChange={(event) => setPassword(event.currentTarget.value)}
                    autoComplete="new-password"
                    error={accept.error && isApiError(accept.error) && accept.error.field === 'password' ? accept.error.message : null}
                  />
                </>
              )}
              {accept.error && !(isApiError(accept.error) && accept.error.field === 'password') && (
                <Alert color="red" variant="light" data-testid="invitation-refused">
                  {isApiError(accept.error) ? accept.error.message : 'The invitation could not be accepted. Try again.'}
                </Alert>
              )}
              <Button type="submit" loading={accept.isPending} data-action="accept-invitation">
                {invitation.data.account_exists ? 'Accept invitation' : 'Create account and join'}
              </Button>
            </Stack>
          </form>
          {/* Entra ID: their Microsoft account becomes the way into this invitation's account (no password needed). */}
          <MicrosoftSignInButton invitationToken={token} label="Accept with Microsoft" />
          </>
        )}
      </Paper>
    </Center>
  );
}
