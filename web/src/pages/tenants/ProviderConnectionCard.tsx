import { useCallback, useEffect, useRef, useState } from 'react';
import { Anchor, Badge, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected, IconShieldCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useProviderConnection, useVerifyProviderConnection } from '../../api/provider-connection';
import type { ProviderConnection, Tenant } from '../../api/types';
import { EmptyState } from '../../components/common/EmptyState';
import { LoadError } from '../../components/common/LoadError';
import { GuardedButton } from '../../components/common/GuardedButton';
import { isReadOnlyLifecycle } from '../../components/lifecycle/lifecycle-state';
import { fullLabelBadgeStyles } from '../../components/common/badge-styles';
import { useRunView } from '../../api/operations';
import { formatRelative } from '../../format/time';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { Fact, Muted } from './TenantFactsCard';
import { ProviderConnectionForm } from './ProviderConnectionForm';
import { permissionResultsOf, VerificationPermissions } from './VerificationPermissions';

/** The Entra app registration used for Graph: set client id and secret, and verify it as an operation. */
export function ProviderConnectionCard({ tenant }: { tenant: Tenant }) {
  const tenantId = String(tenant.id);
  const { can } = useWorkspace();
  const connectionQuery = useProviderConnection(tenantId);
  const verify = useVerifyProviderConnection(tenantId);
  const [editing, setEditing] = useState(false);
  const connection = connectionQuery.data ?? null;

  const editReason = connectionQuery.isError
    ? 'The provider connection could not be loaded.'
    : !can('manage_provider_connections')
    ? 'Your role cannot manage provider connections.'
    : isReadOnlyLifecycle(tenant.lifecycle)
      ? 'Archived tenants are read-only. Restore the tenant to change its connection.'
      : null;
  const verifyReason = connectionQuery.isError
    ? 'The provider connection could not be loaded.'
    : (tenant.operation_starts['provider.verify'].disabled_reason ?? (connection ? null : 'Set up the provider connection first.'));

  // The notification follows the run it announced to its real outcome (live, through the tenant's events).
  const [followedRunId, setFollowedRunId] = useState<string | null>(null);
  const stopFollowing = useCallback(() => setFollowedRunId(null), []);
  useFollowVerification(followedRunId, connection?.last_verification ?? null, stopFollowing);

  const startVerify = async () => {
    try {
      const { run, reused } = await verify.mutateAsync();
      notifications.show({
        id: verificationNotificationId(String(run.id)),
        loading: true,
        color: 'blue',
        title: reused ? 'A verification is already running' : 'Verifying the connection…',
        message: <RunLink runId={String(run.id)} />,
        autoClose: false,
        withCloseButton: true,
      });
      setFollowedRunId(String(run.id));
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Verification could not start',
        message: error instanceof Error ? error.message : 'The server refused the request.',
      });
    }
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="provider-connection-card">
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Stack gap={2}>
          <Title order={4} fw={600}>
            Provider connection
          </Title>
          <Text size="sm" c="dimmed">
            The Entra app registration used to read Intune through Microsoft Graph.
          </Text>
        </Stack>
        <IconPlugConnected size={22} stroke={1.5} color="var(--mantine-color-gray-5)" />
      </Group>

      {connectionQuery.isPending ? (
        <Stack gap="xs">
          <Skeleton h={14} />
          <Skeleton h={14} w="70%" />
        </Stack>
      ) : connectionQuery.isError ? (
        <LoadError error={connectionQuery.error} title="Could not load the connection" />
      ) : editing ? (
        <ProviderConnectionForm
          tenantId={tenantId}
          connection={connection}
          defaultEntraTenantId={tenant.entra_tenant_id}
          onDone={() => setEditing(false)}
        />
      ) : connection ? (
        <ConnectionFacts connection={connection} />
      ) : (
        <EmptyState
          icon={IconPlugConnected}
          title="Not connected yet"
          description="Add the application (client) ID and a client secret of the tenant's app registration."
        />
      )}

      {!editing && (
        <Group justify="flex-end" gap="sm" mt="lg">
          <GuardedButton variant="default" disabledReason={editReason} onClick={() => setEditing(true)}>
            {connection ? 'Change credentials' : 'Set up connection'}
          </GuardedButton>
          <GuardedButton
            leftSection={<IconShieldCheck size={16} />}
            disabledReason={verifyReason}
            loading={verify.isPending}
            onClick={() => void startVerify()}
            data-action="verify-connection"
          >
            Verify connection
          </GuardedButton>
        </Group>
      )}
    </Card>
  );
}

function ConnectionFacts({ connection }: { connection: ProviderConnection }) {
  const verification = connection.last_verification;
  // The permissions the last verification found live in its run's context (provider.verify).
  const completed = verification?.status === 'completed';
  const { data: runView } = useRunView(String(verification?.run_id ?? ''), { enabled: completed });
  const verifiedRun = completed && runView && runView.run.id === verification.run_id ? runView.run : null;
  const listsPermissions = permissionResultsOf(verifiedRun).length > 0;
  return (
    <Stack gap="sm">
      <Fact label="Client ID">
        <Text size="sm" ff="monospace">
          {connection.client_id}
        </Text>
      </Fact>
      <Fact label="Entra tenant ID">
        {connection.entra_tenant_id ? (
          <Text size="sm" ff="monospace">
            {connection.entra_tenant_id}
          </Text>
        ) : (
          <Muted>Same as the tenant</Muted>
        )}
      </Fact>
      <Fact label="Client secret">
        {/* Only whether a secret exists is ever known here; the secret itself never leaves the server. */}
        <Badge size="sm" variant="light" color={connection.has_secret ? 'green' : 'gray'} radius="sm" tt="none">
          {connection.has_secret ? 'Stored' : 'Missing'}
        </Badge>
      </Fact>
      <Fact label="Updated">{formatRelative(connection.updated_at)}</Fact>
      <Fact label="Last verification">
        <LastVerification verification={connection.last_verification} />
      </Fact>
      {/* A partial verification's reasons are the missing permissions, listed below in full. */}
      {verification?.failure && !(verification.outcome === 'partial' && listsPermissions) && (
        <Text size="sm" c="#a51d1d" data-testid="last-verification-reason">
          {verification.failure.message}
        </Text>
      )}
      {verifiedRun && listsPermissions && <VerificationPermissions run={verifiedRun} short />}
    </Stack>
  );
}

/** Outcome, when, and a link to the run; says when it predates the last save and so no longer counts. */
function LastVerification({ verification }: { verification: ProviderConnection['last_verification'] }) {
  if (!verification) return <Muted>Never verified</Muted>;
  const outcome =
    verification.status !== 'completed'
      ? { label: 'Running', color: 'blue' }
      : verification.outcome === 'succeeded'
        ? { label: 'Succeeded', color: 'green' }
        : verification.outcome === 'partial'
          ? { label: 'Succeeded, permissions missing', color: 'orange' }
          : verification.outcome === 'cancelled'
          ? { label: 'Cancelled', color: 'gray' }
          : { label: 'Failed', color: 'red' };
  return (
    <Group gap={6} justify="flex-end" wrap="wrap" data-testid="last-verification" data-outcome={verification.status === 'completed' ? verification.outcome : 'running'}>
      <Badge size="sm" variant="light" color={outcome.color} radius="sm" styles={fullLabelBadgeStyles}>
        {outcome.label}
      </Badge>
      <Text size="sm" span>
        {formatRelative(verification.completed_at ?? verification.created_at)}
      </Text>
      {!verification.after_last_save && (
        <Text size="xs" c="dimmed" span>
          (before the last change)
        </Text>
      )}
      <RunLink runId={String(verification.run_id)} testId="last-verification-run-link" />
    </Group>
  );
}

function RunLink({ runId, testId = 'view-run-link' }: { runId: string; testId?: string }) {
  return (
    <Anchor component={Link} to={paths.run(runId)} size="sm" underline="always" data-testid={testId}>
      View run
    </Anchor>
  );
}

const verificationNotificationId = (runId: string) => `verify-${runId}`;

/** The first reason, and how many more the run viewer and the card list. */
function reasonOf(failures: ReadonlyArray<{ message: string }>): string | null {
  const first = failures[0]?.message;
  if (!first) return null;
  return failures.length > 1 ? `${first} (and ${failures.length - 1} more on the provider card)` : first;
}

/**
 * Turns the "Verifying…" notification into the run's outcome once the run completes, with its reason. The
 * outcome comes from whichever the tenant's event stream refreshes first: the run itself, or the card's last
 * verification (read again when the run completes), so a completion that raced the first read is not missed.
 */
function useFollowVerification(runId: string | null, lastVerification: ProviderConnection['last_verification'], onSettled: () => void) {
  const { data } = useRunView(runId ?? '', { enabled: runId !== null });
  const run = data?.run;
  const settled =
    run && String(run.id) === runId && run.status === 'completed'
      ? { outcome: run.outcome, reason: reasonOf(run.failure_summary) }
      : lastVerification && String(lastVerification.run_id) === runId && lastVerification.status === 'completed'
        ? { outcome: lastVerification.outcome, reason: lastVerification.failure?.message ?? null }
        : null;
  const outcome = settled?.outcome ?? null;
  const reason = settled?.reason ?? null;
  const settledRunId = useRef<string | null>(null);

  useEffect(() => {
    if (!runId || !outcome) return;
    const succeeded = outcome === 'succeeded';
    // Partial: the connection works (onboarding may complete), some permissions are missing.
    const partial = outcome === 'partial';
    settledRunId.current = runId;
    notifications.update({
      id: verificationNotificationId(runId),
      loading: false,
      color: succeeded ? 'green' : partial ? 'orange' : outcome === 'cancelled' ? 'gray' : 'red',
      title: succeeded
        ? 'Connection verified'
        : partial
          ? 'Connection verified, permissions missing'
          : outcome === 'cancelled'
            ? 'Verification cancelled'
            : 'Verification failed',
      message: (
        <Stack gap={2}>
          {!succeeded && reason && <Text size="sm">{reason}</Text>}
          <RunLink runId={runId} />
        </Stack>
      ),
      // The card keeps the outcome and its reason; the notification need not stay in the way.
      autoClose: succeeded ? 6000 : 15_000,
    });
    onSettled();
  }, [runId, outcome, reason, onSettled]);

  // Leaving the page before the run ends must not leave a spinner that never resolves: say where the outcome
  // will be found instead.
  useEffect(() => {
    if (!runId) return;
    return () => {
      if (settledRunId.current === runId) return;
      notifications.update({
        id: verificationNotificationId(runId),
        loading: false,
        color: 'gray',
        title: 'Verification continues',
        message: (
          <Stack gap={2}>
            <Text size="sm">Its outcome will show on the tenant&apos;s provider card.</Text>
            <RunLink runId={runId} />
          </Stack>
        ),
        autoClose: 8000,
      });
    };
  }, [runId]);
}
