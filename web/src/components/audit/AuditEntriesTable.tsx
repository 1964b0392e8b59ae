import { Code, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { AuditEntry } from '../../api/administration';
import { RelativeTime } from '../common/RelativeTime';
import { summaryText } from './audit-summary';

/** The audit trail's rows: when, who (a person, a script's token, or the system), what, and on what. */
export function AuditEntriesTable({ entries }: { entries: AuditEntry[] }) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (phone) {
    // At phone width each entry is a card: nothing to scroll sideways, every fact readable.
    return (
      <Stack gap="xs" p="xs" data-testid="audit-cards">
        {entries.map((entry) => (
          <Paper key={entry.id} withBorder radius="md" p="sm" data-testid="audit-row" data-action={entry.action}>
            <Code>{entry.action}</Code>
            <Text size="sm" mt={4}>
              {entry.actor.name ?? 'Unknown'}
              {entry.actor.token_id !== null ? ' (API token)' : ''} · <RelativeTime iso={entry.created_at} />
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {[entry.target_type ? `${entry.target_type.replace('_', ' ')} ${entry.target_id ?? ''}` : null, summaryText(entry.summary) || null].filter(Boolean).join(' · ')}
            </Text>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Target</Table.Th>
            <Table.Th>Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
              <Table.Td>
                <RelativeTime iso={entry.created_at} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{entry.actor.name ?? 'Unknown'}</Text>
                {entry.actor.token_id !== null && (
                  <Text size="xs" c="dimmed">
                    with an API token
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Code>{entry.action}</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{entry.target_type ? `${entry.target_type.replace('_', ' ')} ${entry.target_id ?? ''}` : '—'}</Text>
              </Table.Td>
              <Table.Td maw={360}>
                <Tooltip label={entry.ip ? `From ${entry.ip}` : 'No address (the system acted)'} withArrow>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {summaryText(entry.summary) || '—'}
                  </Text>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
