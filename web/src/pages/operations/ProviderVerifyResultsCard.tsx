import { Card, Table, Text, Title } from '@mantine/core';
import { allValues } from '../../api/enums';
import type { ApiSchemas, ProviderVerifyContextKey, Run } from '../../api/types';
import { permissionResultsOf, VerificationPermissions } from '../tenants/VerificationPermissions';

/** The context keys a provider.verify run reports, as its context schema names them (all shown by this card). */
export const PROVIDER_VERIFY_CONTEXT_KEYS = allValues<ProviderVerifyContextKey>()(['permissions', 'probes', 'organization']);

type Probe = ApiSchemas['VerifyProbe'];

const probeWords: Record<Probe['status'], string> = {
  granted: 'Read',
  forbidden: 'Refused (403): permission missing',
  not_licensed: 'No Intune licence',
  error: 'Could not be checked',
};

function probesOf(run: Run): Probe[] {
  return run.context?.probes ?? [];
}

/** What a verification found: the permissions in words, then each Graph resource it tried and its answer. */
export function ProviderVerifyResultsCard({ run }: { run: Run }) {
  const probes = probesOf(run);
  const hasPermissions = permissionResultsOf(run).length > 0;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="provider-verify-results">
      <Title order={4} fw={600} mb="sm">
        Permissions checked
      </Title>
      {!hasPermissions ? (
        <Text size="sm" c="dimmed">
          {run.status === 'completed' ? 'No permission could be checked: the run ended before Graph answered (see the failures).' : 'The check has not finished yet.'}
        </Text>
      ) : (
        <>
          <VerificationPermissions run={run} />
          {probes.length > 0 && (
            <Table verticalSpacing="xs" horizontalSpacing="xs" mt="md" data-testid="verify-probes">
              <Table.Caption>Each Graph resource read once (one item), and its answer</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Graph resource</Table.Th>
                  <Table.Th>Needed for</Table.Th>
                  <Table.Th>Answer</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {probes.map((probe) => (
                  <Table.Tr key={probe.resource}>
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                        {probe.resource}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {probe.needed_for.join(', ')}
                        {probe.optional ? ' (optional)' : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {probeWords[probe.status]}
                        {probe.status === 'error' && probe.code ? ` (${probe.code})` : ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Card>
  );
}
