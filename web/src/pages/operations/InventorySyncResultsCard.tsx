import { Anchor, Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePolicyTypes } from '../../api/inventory';
import { allValues } from '../../api/enums';
import type { ApiSchemas, InventorySyncContextKey, Run, Workspace } from '../../api/types';
import { RunBadge } from '../../components/runs/RunBadge';
import { paths } from '../../paths';
import { syncStatusPresentation } from '../inventory/sync-status';

/** The context keys an inventory sync reports, as its context schema names them (all shown by this card). */
export const INVENTORY_SYNC_CONTEXT_KEYS = allValues<InventorySyncContextKey>()(['selection', 'inventory_sync_run_id', 'progress', 'type_results', 'skipped_families', 'directory_names']);

type NameKind = keyof NonNullable<ApiSchemas['InventorySyncRunContext']['directory_names']>;
const NAME_PERMISSIONS: Record<NameKind, string> = { groups: 'Group.Read.All', filters: 'DeviceManagementConfiguration.Read.All' };
const NAME_KINDS: Record<NameKind, string> = { groups: 'Group', filters: 'Assignment filter' };
const nameKinds = allValues<NameKind>()(['groups', 'filters']);

/**
 * What the sync could learn of the names its policies' assignments use (resolve-directory-names.ts), in one
 * sentence per kind: names are for people, so a refusal is a note here, never a failure of the run.
 */
function directoryNameLines(run: Run): string[] {
  const value = run.context?.directory_names;
  if (!value) return [];
  return nameKinds.flatMap((kind) => {
    const names = value[kind];
    if (names.referenced === 0) return [];
    if (names.unavailable === 'forbidden') return [`${NAME_KINDS[kind]} names unavailable: grant ${NAME_PERMISSIONS[kind]}. Assignments show ids until then.`];
    if (names.unavailable) return [`${NAME_KINDS[kind]} names unavailable: Graph did not answer; the next sync tries again.`];
    return [`${NAME_KINDS[kind]} names: ${names.referenced} used by assignments, ${names.looked_up} read by this sync (the others were already known).`];
  });
}

function skippedFamiliesOf(run: Run): Array<[string, number]> {
  return Object.entries(run.context?.skipped_families ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

/**
 * What an inventory sync read, per policy type (result, items, why a type failed), and the template families
 * it read but no type covers — in words, where the generic context card would show JSON.
 */
export function InventorySyncResultsCard({ run, workspace }: { run: Run; workspace: Workspace | null }) {
  const { data: types = [] } = usePolicyTypes();
  const labels = new Map(types.map((type) => [type.type, type.label]));
  const results = run.context?.type_results ?? [];
  const skipped = skippedFamiliesOf(run);
  const failed = results.filter((result) => result.status === 'failed').length;
  // Policies this sync read: of the types that succeeded, and those no type covers ("nothing read" must not claim they were covered).
  const itemsRead = results.reduce((sum, result) => sum + (result.status === 'succeeded' ? (result.item_count ?? 0) : 0), 0) + skipped.reduce((sum, [, count]) => sum + count, 0);
  const selected = run.context?.selection?.policy_types ?? [];
  const selectionText =
    types.length > 0 && selected.length === types.length
      ? `All ${selected.length} policy types were selected.`
      : `Selected: ${selected.map((type) => labels.get(type) ?? type).join(', ')}.`;

  return (
    <Card withBorder radius="md" padding="lg" data-testid="inventory-sync-results">
      <Group justify="space-between" align="baseline" mb="md">
        <Title order={4} fw={600}>
          Policy types read
        </Title>
        {workspace && run.tenant_id !== null && (
          <Anchor component={Link} to={paths.inventoryCoverage(workspace, String(run.tenant_id))} size="sm">
            Coverage of this tenant
          </Anchor>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm" data-testid="sync-selection">
        {selectionText}
      </Text>
      {results.length === 0 ? (
        <Text size="sm" c="dimmed">
          {run.status === 'completed' ? 'No policy type was read.' : 'No policy type has finished yet.'}
        </Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm" data-testid="type-results-summary">
            {results.length - failed} of {results.length} types read{failed > 0 ? `; ${failed} failed and kept their items as they were` : ''}.
          </Text>
          {/* No scroll container: the four short columns wrap to a phone's width. */}
          <Table verticalSpacing="xs" horizontalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Policy type</Table.Th>
                  <Table.Th>Result</Table.Th>
                  <Table.Th ta="right">Items</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.map((result) => (
                  <Table.Tr key={result.policy_type} data-testid="type-result" data-type={result.policy_type} data-status={result.status}>
                    <Table.Td>
                      <Text size="sm">{labels.get(result.policy_type) ?? result.policy_type}</Text>
                    </Table.Td>
                    <Table.Td>
                      <RunBadge kind="outcome" presentation={syncStatusPresentation[result.status]} value={result.status} />
                    </Table.Td>
                    <Table.Td ta="right">{result.status === 'succeeded' ? result.item_count : '—'}</Table.Td>
                    <Table.Td>{result.error_code ? <Code>{result.error_code}</Code> : <Text size="sm" c="dimmed">—</Text>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
          </Table>
        </Stack>
      )}
      <Text size="sm" mt="md" data-testid="run-skipped-families">
        {skipped.length === 0 && itemsRead === 0
          ? run.status === 'completed'
            ? 'No policy was read, so none could fall outside the covered types.'
            : 'Nothing read yet.'
          : skipped.length === 0
          ? 'Every policy read belongs to a covered type.'
          : `Read but not covered (not stored): ${skipped.map(([family, count]) => `${family} (${count})`).join(', ')}.`}
      </Text>
      {directoryNameLines(run).map((line) => (
        <Text key={line} size="sm" mt="xs" data-testid="run-directory-names">
          {line}
        </Text>
      ))}
    </Card>
  );
}
