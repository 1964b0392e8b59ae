import { Code, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { AuditEntry } from '../../api/administration';
import { RelativeTime } from '../common/RelativeTime';

/**
 * The audit trail's rows: when, who (a person, a script's token, or the system), what, and on what — in the
 * server's words (domain/audit), the same the CSV export writes; the dotted action stays beneath for reference.
 */
export function AuditEntriesTable({ entries }: { entries: AuditEntry[] }) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  if (phone) {
    // At phone width each entry is a card: nothing to scroll sideways, every fact readable.
    return (
      <Stack gap="xs" p="xs" data-testid="audit-cards">
        {entries.map((entry) => (
          <Paper key={entry.id} withBorder radius="md" p="sm" data-testid="audit-row" data-action={entry.action}>
            <Text size="sm" fw={600}>
              {entry.action_label}
            </Text>
            <Text size="sm" mt={4}>
              {entry.actor.name ?? 'Unknown'}
              {entry.actor.token_id !== null ? ' (API token)' : ''} · <RelativeTime iso={entry.created_at} />
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {[entry.target_label, entry.summary_text || null].filter(Boolean).join(' · ')}
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
                <Text size="sm">{entry.action_label}</Text>
                <Code fz="xs">{entry.action}</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{entry.target_label ?? '—'}</Text>
              </Table.Td>
              <Table.Td maw={360}>
                <Tooltip label={entry.ip ? `From ${entry.ip}` : 'No address (the system acted)'} withArrow>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {entry.summary_text || '—'}
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
