import { useState } from 'react';
import { Alert, Button, Card, Code, CopyButton, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { isApiError } from '../../api/client';
import { useCreateToken, useMyTokens, useRevokeToken } from '../../api/administration';
import { LoadError } from '../../components/common/LoadError';
import { PageLoader } from '../../components/common/PageLoader';
import { RelativeTime } from '../../components/common/RelativeTime';

/** Your API tokens for scripts (issue 8): create one (its value shown here once), see when each was used, revoke. */
export function TokensCard() {
  const tokens = useMyTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('');
  const [created, setCreated] = useState<{ name: string | null; value: string } | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = () => {
    setCreated(null);
    setOutcome(null);
    create.mutate(
      { name, expires_at: expiry ? `${expiry}T23:59:59Z` : null },
      {
        onSuccess: (result) => {
          setCreated({ name: result.token.name, value: result.value });
          setName('');
          setExpiry('');
        },
      },
    );
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="tokens-card">
      <Title order={3} fz="lg" fw={600} mb={4}>
        API tokens
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        A token acts as you, with your roles, in every workspace you belong to. Send it as <Code>Authorization: Bearer …</Code>.
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label="Name" required w={240} value={name} onChange={(event) => setName(event.currentTarget.value)} error={create.error && isApiError(create.error) && create.error.field === 'name' ? create.error.message : null} />
          <TextInput
            label="Expires (optional, end of day UTC)"
            type="date"
            w={220}
            value={expiry}
            onChange={(event) => setExpiry(event.currentTarget.value)}
            error={create.error && isApiError(create.error) && create.error.field === 'expires_at' ? create.error.message : null}
          />
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </form>
      {created && (
        <Alert color="green" variant="light" mt="md" data-testid="token-created" withCloseButton closeButtonLabel="Dismiss" onClose={() => setCreated(null)}>
          <Stack gap={6}>
            <Text size="sm">Token “{created.name}” created. Copy it now: it is not shown again.</Text>
            <Group gap="xs" wrap="nowrap">
              <Code style={{ overflowWrap: 'anywhere' }} data-testid="token-value">
                {created.value}
              </Code>
              <CopyButton value={created.value}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      )}
      {outcome && (
        <Alert color={outcome.ok ? 'green' : 'red'} variant="light" mt="md" data-testid="token-outcome" withCloseButton closeButtonLabel="Dismiss" onClose={() => setOutcome(null)}>
          {outcome.text}
        </Alert>
      )}
      {tokens.isPending ? (
        <PageLoader />
      ) : tokens.isError ? (
        <LoadError error={tokens.error} title="Could not load your tokens" onRetry={() => void tokens.refetch()} retrying={tokens.isFetching} />
      ) : tokens.data.length === 0 ? (
        <Text size="sm" c="dimmed" mt="md">
          You have no API tokens.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560} mt="md">
          <Table verticalSpacing="xs" data-testid="tokens-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((token) => (
                <Table.Tr key={token.id} data-testid="token-row" data-name={token.name}>
                  <Table.Td>{token.name ?? 'Unnamed'}</Table.Td>
                  <Table.Td>
                    <RelativeTime iso={token.created_at} />
                  </Table.Td>
                  <Table.Td>{token.last_used_at ? <RelativeTime iso={token.last_used_at} /> : <Text size="sm" c="dimmed">Never</Text>}</Table.Td>
                  <Table.Td>{token.expires_at ? token.expired ? <Text size="sm">Expired</Text> : <RelativeTime iso={token.expires_at} /> : <Text size="sm" c="dimmed">Never</Text>}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      data-action="revoke-token"
                      loading={revoke.isPending && revoke.variables === token.id}
                      onClick={() =>
                        revoke.mutate(token.id, {
                          onSuccess: () => setOutcome({ ok: true, text: `Token “${token.name ?? 'Unnamed'}” revoked: it stops working at once.` }),
                          onError: (error) => setOutcome({ ok: false, text: isApiError(error) ? error.message : 'The token was not revoked. Try again.' }),
                        })
                      }
                    >
                      Revoke
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
