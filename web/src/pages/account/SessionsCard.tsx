import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useEndSession, useMySessions } from '../../api/administration';
import { LoadError } from '../../components/common/LoadError';
import { PageLoader } from '../../components/common/PageLoader';
import { RelativeTime } from '../../components/common/RelativeTime';

/** Where you are signed in, and a way to end any other session (issue 8). */
export function SessionsCard() {
  const sessions = useMySessions();
  const end = useEndSession();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="sessions-card">
      <Title order={3} fz="lg" fw={600} mb="sm">
        Where you are signed in
      </Title>
      {sessions.isPending ? (
        <PageLoader />
      ) : sessions.isError ? (
        <LoadError error={sessions.error} title="Could not load your sessions" onRetry={() => void sessions.refetch()} retrying={sessions.isFetching} />
      ) : (
        <Stack gap="xs">
          {sessions.data.map((session) => (
            <Group key={session.id} justify="space-between" wrap="nowrap" data-testid="session-row" data-current={session.current}>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate>
                  {session.user_agent || 'Unknown browser'}
                </Text>
                <Text size="xs" c="dimmed">
                  {session.ip ?? 'unknown address'} · signed in {session.signed_in_at ? <RelativeTime iso={session.signed_in_at} /> : 'earlier'}
                  {session.current ? ' · this session' : ''}
                </Text>
              </Stack>
              {!session.current && (
                <Button size="xs" variant="subtle" color="red" loading={end.isPending && end.variables === session.id} onClick={() => end.mutate(session.id)} data-action="end-session">
                  Sign out
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
