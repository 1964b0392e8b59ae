import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePolicyTypes } from '../../api/inventory';
import { allValues } from '../../api/enums';
import type { ApiSchemas, DriftScanContextKey, Run, Workspace } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { paths } from '../../paths';

/** The context keys a drift scan reports, as its context schema names them (all shown by this card). */
export const DRIFT_SCAN_CONTEXT_KEYS = allValues<DriftScanContextKey>()(['baseline_id', 'baseline_captured_at', 'compared_types', 'gaps', 'findings']);

type Gap = ApiSchemas['DriftScanGap'];
type FindingCounts = NonNullable<ApiSchemas['DriftScanRunContext']['findings']>;

const GAP_REASONS: Record<Gap['reason'], string> = {
  last_sync_failed: 'its last sync failed',
  never_synced: 'it has never been synced',
  not_in_baseline: 'the baseline does not hold it (capture a new baseline to include it)',
};

const FINDING_COUNTS: ReadonlyArray<readonly [keyof FindingCounts, string]> = [
  ['new', 'New findings'],
  ['reopened', 'Reopened'],
  ['still_open', 'Still open'],
  ['resolved', 'Resolved'],
  ['kept_closed', 'Closed by a person, seen again'],
];

/** What a drift scan compared, what it found, and — in words — each type it could not compare and why. */
export function DriftScanResultsCard({ run, workspace }: { run: Run; workspace: Workspace | null }) {
  const { data: types = [] } = usePolicyTypes();
  const label = (type: string) => types.find((t) => t.type === type)?.label ?? type;
  const compared = run.context?.compared_types ?? [];
  const counts = run.context?.findings ?? null;
  const capturedAt = run.context?.baseline_captured_at ?? null;
  const gaps = run.context?.gaps ?? [];

  return (
    <Card withBorder radius="md" padding="lg" data-testid="drift-scan-results">
      <Group justify="space-between" align="baseline" mb="md">
        <Title order={4} fw={600}>
          Drift compared
        </Title>
        {workspace && run.tenant_id !== null && (
          <Anchor component={Link} to={paths.findings(workspace, String(run.tenant_id), { status: 'open' })} size="sm">
            Open findings of this tenant
          </Anchor>
        )}
      </Group>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {capturedAt ? `Against the baseline captured ${formatDateTime(capturedAt)}. ` : ''}
          {compared.length > 0 ? `${compared.length} policy ${compared.length === 1 ? 'type' : 'types'} compared.` : run.status === 'completed' ? 'No policy type was compared.' : 'Comparing…'}
        </Text>
        {counts && (
          <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="md">
            {FINDING_COUNTS.map(([key, text]) => (
              <Stack key={key} gap={0} data-finding-count={key}>
                <Text size="xs" c="dimmed">
                  {text}
                </Text>
                <Text fw={650} size="xl">
                  {counts[key]}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
        )}
        {gaps.length > 0 && (
          <div data-testid="drift-scan-gaps">
            <Text size="sm" fw={600} mb={4}>
              Not compared
            </Text>
            <List size="sm" spacing={4}>
              {gaps.map((gap) => (
                <List.Item key={gap.policy_type} data-gap={gap.policy_type}>
                  {`Not compared: ${label(gap.policy_type)}, because ${GAP_REASONS[gap.reason]}${gap.error_code ? ` (${gap.error_code})` : ''}.`}
                </List.Item>
              ))}
            </List>
          </div>
        )}
      </Stack>
    </Card>
  );
}
