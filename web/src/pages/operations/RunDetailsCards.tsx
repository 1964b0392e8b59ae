import { Card, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { allValues } from '../../api/enums';
import { SUMMARY_COUNT_KEYS, type EngineContextKey, type Run, type SummaryCountKey } from '../../api/types';

const COUNT_LABELS: Record<SummaryCountKey, string> = {
  total: 'Total',
  processed: 'Processed',
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
  created: 'Created',
  updated: 'Updated',
  unchanged: 'Unchanged',
  removed: 'Removed',
};

export function SummaryCountsCard({ run }: { run: Run }) {
  const present = SUMMARY_COUNT_KEYS.filter((key) => typeof run.summary_counts[key] === 'number');
  return (
    <Card withBorder radius="md" padding="lg" data-testid="summary-counts">
      <Title order={4} fw={600} mb="md">
        Summary
      </Title>
      {present.length === 0 ? (
        <Text size="sm" c="dimmed">
          No counts recorded {run.status === 'completed' ? 'for this run' : 'yet'}.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          {present.map((key) => (
            <Stack key={key} gap={0} data-count={key}>
              <Text size="xs" c="dimmed">
                {COUNT_LABELS[key]}
              </Text>
              <Text fw={650} size="xl">
                {run.summary_counts[key]}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}

export function FailuresCard({ run }: { run: Run }) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid="failures">
      <Title order={4} fw={600} mb="md">
        Failures
      </Title>
      {run.failure_summary.length === 0 ? (
        <Group gap={6}>
          <IconCircleCheck size={16} color="var(--mantine-color-gray-5)" />
          <Text size="sm" c="dimmed">
            {run.status === 'completed' ? 'No failures recorded.' : 'None so far.'}
          </Text>
        </Group>
      ) : (
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Code</Table.Th>
              <Table.Th>Message</Table.Th>
              <Table.Th ta="right">Count</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {run.failure_summary.map((failure) => (
              <Table.Tr key={failure.code + failure.message}>
                <Table.Td>
                  <Code>{failure.code}</Code>
                </Table.Td>
                <Table.Td>
                  {/* Whole, never cut: long words (permission names, request ids) wrap to a phone's width. */}
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="failure-message">
                    {failure.message}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{failure.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

// Context keys the run viewer already shows in words elsewhere (the facts card's "Cancelled by" and
// "Retries"): repeating them here as raw ids and JSON would only confuse.
// An inventory sync's own keys have their card (InventorySyncResultsCard).
const PRESENTED_ELSEWHERE = new Set<string>(allValues<EngineContextKey>()(['cancelled_by_user_id', 'graph_retries']));

export function ContextCard({ run, presentedElsewhere = [] }: { run: Run; presentedElsewhere?: readonly string[] }) {
  const entries = Object.entries(run.context ?? {}).filter(([key]) => !PRESENTED_ELSEWHERE.has(key) && !presentedElsewhere.includes(key));
  return (
    <Card withBorder radius="md" padding="lg" data-testid="run-context">
      <Title order={4} fw={600} mb="md">
        Context
      </Title>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {presentedElsewhere.length > 0 ? 'Nothing beyond what is shown above.' : 'This run was started without extra context.'}
        </Text>
      ) : (
        <Stack gap="xs">
          {entries.map(([key, value]) => (
            <Group key={key} justify="space-between" align="flex-start" wrap="nowrap" gap="md">
              <Text size="sm" c="dimmed" ff="monospace">
                {key}
              </Text>
              {typeof value === 'object' && value !== null ? (
                // Wrapped rather than scrolled: a scroll region without focusable content is unreachable by keyboard.
                <Code block style={{ maxWidth: '70%', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  {JSON.stringify(value, null, 2)}
                </Code>
              ) : (
                <Text size="sm" ta="right" style={{ wordBreak: 'break-word' }}>
                  {String(value)}
                </Text>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
