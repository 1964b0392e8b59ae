import { Badge, Card, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useCoverage } from '../../api/inventory';
import type { CoverageRow } from '../../api/inventory-types';
import { fullLabelBadgeStyles } from '../../components/common/badge-styles';
import { LoadError } from '../../components/common/LoadError';
import { PageLoader } from '../../components/common/PageLoader';
import { RelativeTime } from '../../components/common/RelativeTime';
import { useScopedTenant } from '../tenants/TenantScope';
import { restoreLabels, riskLabels } from './policy-type-words';


/** Coverage per policy type of the registry, and what the last sync read that no type covers yet. */
export function CoveragePage() {
  const tenant = useScopedTenant();
  const coverage = useCoverage(String(tenant.id));
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (coverage.isPending) return <PageLoader />;
  if (coverage.isError) return <LoadError error={coverage.error} title="Could not load coverage" onRetry={() => void coverage.refetch()} retrying={coverage.isFetching} />;
  const { policy_types: rows, skipped_families: skipped } = coverage.data;

  return (
    <Stack gap="md">
      <Paper withBorder radius="md">
        {phone ? (
          <Stack gap="xs" p="sm">
            {rows.map((row) => (
              <Card key={row.type} withBorder radius="md" padding="sm" data-testid="coverage-row" data-type={row.type}>
                <Text fw={600} size="sm">
                  {row.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {row.category} · {restoreLabels[row.restore]} · Risk {riskLabels[row.risk]}
                </Text>
                <Text size="sm" mt={4}>
                  {row.item_count} items · <LastResult row={row} />
                </Text>
              </Card>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="coverage-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Policy type</Table.Th>
                  <Table.Th>Category</Table.Th>
                  <Table.Th>Platform</Table.Th>
                  <Table.Th>Restore</Table.Th>
                  <Table.Th>Risk</Table.Th>
                  <Table.Th>Dependencies</Table.Th>
                  <Table.Th ta="right">Items</Table.Th>
                  <Table.Th>Last result</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.type} data-testid="coverage-row" data-type={row.type}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {row.label}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{row.category}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{row.platform === 'all' ? 'Any' : row.platform === 'mobile' ? 'iOS and Android' : 'Windows'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{restoreLabels[row.restore]}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{riskLabels[row.risk]}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{row.dependencies ? 'Yes' : 'No'}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" data-testid="coverage-item-count">
                        {row.item_count}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <LastResult row={row} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Card withBorder radius="md" padding="lg" data-testid="skipped-families">
        <Title order={3} fz={16} fw={600} mb="xs">
          Read but not covered yet
        </Title>
        {skipped.length === 0 ? (
          <Text size="sm" c="dimmed">
            The last sync read nothing that TenantAtlas does not cover.
          </Text>
        ) : (
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              The last sync found these in Microsoft Graph; no policy type of TenantAtlas covers them, so they are not in the inventory.
            </Text>
            {skipped.map((entry) => (
              <Text key={entry.family} size="sm" data-testid="skipped-family">
                <Text span ff="monospace" fz="sm">
                  {entry.family}
                </Text>
                : {entry.count} {entry.count === 1 ? 'policy' : 'policies'}
              </Text>
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}

function LastResult({ row }: { row: CoverageRow }) {
  if (row.last_sync_status === null) return <Text span size="sm" c="dimmed">Never synced</Text>;
  if (row.last_sync_status === 'failed') {
    return (
      <Badge variant="light" color="red" radius="sm" styles={fullLabelBadgeStyles} data-testid="coverage-last-result" data-result="failed">
        Not read ({row.last_error_code ?? 'error'})
      </Badge>
    );
  }
  return (
    <Text span size="sm" data-testid="coverage-last-result" data-result="succeeded">
      Read {row.last_synced_at ? <RelativeTime iso={row.last_synced_at} /> : ''}
    </Text>
  );
}
