import { Alert, Anchor, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconUserQuestion } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useEntraIdProblem } from '../../api/auth';
import { MicrosoftSignInButton } from '../../components/auth/MicrosoftSignInButton';
import { PageLoader } from '../../components/common/PageLoader';
import { useDocumentTitle } from '../../components/common/useDocumentTitle';
import { paths } from '../../paths';

/**
 * `/sign-in/microsoft` (issue 8): where a sign-in with Microsoft that did not complete lands. The words come from the
 * server (a signed cookie it set), so the page says exactly why — "not invited" above all — and nobody can craft a
 * link that puts other words here.
 */
export function EntraIdProblemPage() {
  const problem = useEntraIdProblem();
  const notInvited = problem.data?.code === 'entra_id.not_invited';
  const title = notInvited ? 'You are not invited yet' : 'Sign-in with Microsoft did not complete';
  useDocumentTitle(problem.isPending ? 'Sign in with Microsoft' : title);

  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)" p="md">
      <Paper withBorder radius="md" p="xl" w="100%" maw={460} data-testid="entra-id-problem">
        {problem.isPending ? (
          <PageLoader />
        ) : (
          <Stack gap="md">
            <Title order={1} fz="h3">
              {problem.isError ? 'Sign in with Microsoft' : title}
            </Title>
            {problem.isError ? (
              <Text size="sm">There is no recent sign-in with Microsoft to report on in this browser.</Text>
            ) : (
              <Alert color={notInvited ? 'blue' : 'red'} variant="light" icon={notInvited ? <IconUserQuestion size={18} /> : <IconAlertCircle size={18} />} data-code={problem.data.code}>
                <Stack gap={6}>
                  <Text size="sm" data-testid="entra-id-problem-message">
                    {problem.data.message}
                  </Text>
                  {problem.data.email && (
                    <Text size="sm">
                      You signed in to Microsoft as <b>{problem.data.email}</b>.
                    </Text>
                  )}
                </Stack>
              </Alert>
            )}
            <Anchor component={Link} to={paths.signIn()} size="sm">
              Sign in with a password instead
            </Anchor>
            <MicrosoftSignInButton label="Try again with Microsoft" />
          </Stack>
        )}
      </Paper>
    </Center>
  );
}
