import { useState } from 'react';
import { Alert, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { isApiError } from '../../api/client';
import { useChangePassword } from '../../api/administration';
import { useMe } from '../../api/me';

/** Change your password: the current one is asked for, and every other session of yours ends (issue 8). */
export function PasswordCard() {
  const me = useMe();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const fieldError = (field: string) => (change.error && isApiError(change.error) && change.error.field === field ? change.error.message : null);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="password-card">
      <Title order={3} fz="lg" fw={600} mb="sm">
        Password
      </Title>
      {me.data?.password_set === false ? (
        // Someone who joined with Microsoft Entra ID has no password here: say so instead of asking for one.
        <Text size="sm" data-testid="no-password">
          You sign in with Microsoft, so this account has no password to change.
        </Text>
      ) : (
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setDone(null);
          change.mutate(
            { current_password: current, new_password: next },
            {
              onSuccess: (result) => {
                setCurrent('');
                setNext('');
                setDone(`Password changed. ${result.other_sessions_ended === 1 ? '1 other session was' : `${result.other_sessions_ended} other sessions were`} signed out.`);
              },
            },
          );
        }}
      >
        <Stack gap="sm" maw={360}>
          <PasswordInput label="Current password" required autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.currentTarget.value)} error={fieldError('current_password')} />
          <PasswordInput label="New password" description="At least 8 characters." required autoComplete="new-password" value={next} onChange={(event) => setNext(event.currentTarget.value)} error={fieldError('new_password')} />
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
      )}
      {done && (
        <Alert color="green" variant="light" mt="md" data-testid="password-changed" withCloseButton closeButtonLabel="Dismiss" onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
    </Card>
  );
}
