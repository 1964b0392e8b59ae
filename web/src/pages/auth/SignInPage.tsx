import { useDocumentTitle } from '../../components/common/useDocumentTitle';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconAlertCircle, IconClockPause, IconTopologyStar3 } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { signIn } from '../../api/auth';
import { isApiError } from '../../api/client';
import { MicrosoftSignInButton } from '../../components/auth/MicrosoftSignInButton';

/** Only same-app paths are followed after sign-in, so `?next=` cannot send anyone elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

function signInProblem(error: unknown): { title: string; message: string; rateLimited: boolean } {
  if (isApiError(error, 429)) {
    return {
      title: 'Too many attempts',
      message: 'Sign-in is paused for a moment after several attempts. Wait a minute, then try again.',
      rateLimited: true,
    };
  }
  if (isApiError(error, 401) || isApiError(error, 400)) {
    // Deliberately generic: it must not reveal whether the email exists.
    return { title: 'Could not sign in', message: 'The email or password is not correct.', rateLimited: false };
  }
  return { title: 'Could not sign in', message: 'The server could not be reached. Try again shortly.', rateLimited: false };
}

export function SignInPage() {
  useDocumentTitle('Sign in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<ReturnType<typeof signInProblem> | null>(null);
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const queryClient = useQueryClient();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setProblem(null);
    try {
      await signIn(email.trim(), password);
      // A new session: nothing cached from a previous one may survive.
      queryClient.clear();
      await navigate(safeNext(searchParams.get('next')), { replace: true });
    } catch (error) {
      setProblem(signInProblem(error));
      setSubmitting(false);
    }
  };

  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)" p="md">
      <Stack w="100%" maw={400} gap="lg">
        <Stack align="center" gap={6}>
          <ThemeIcon size={48} radius="md" variant="gradient" gradient={{ from: 'indigo.6', to: 'cyan.5', deg: 135 }}>
            <IconTopologyStar3 size={28} stroke={1.6} />
          </ThemeIcon>
          <Title order={2} fw={650}>
            Sign in to TenantAtlas
          </Title>
          <Text size="sm" c="dimmed">
            Intune governance for every tenant you manage
          </Text>
        </Stack>

        <Paper withBorder radius="md" p="xl" shadow="xs">
          <form onSubmit={(event) => void submit(event)} noValidate>
            <Stack gap="md">
              {problem && (
                <Alert
                  color={problem.rateLimited ? 'orange' : 'red'}
                  variant="light"
                  title={problem.title}
                  icon={problem.rateLimited ? <IconClockPause size={18} /> : <IconAlertCircle size={18} />}
                  data-testid="sign-in-error"
                >
                  {problem.message}
                </Alert>
              )}
              <TextInput
                label="Email"
                type="email"
                name="email"
                autoComplete="username"
                required
                autoFocus
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
              />
              <PasswordInput
                label="Password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
              />
              <Button type="submit" fullWidth loading={submitting} disabled={!email || !password} mt="xs">
                Sign in
              </Button>
            </Stack>
          </form>
          <MicrosoftSignInButton />
        </Paper>
      </Stack>
    </Center>
  );
}

