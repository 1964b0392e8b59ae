import { Badge, Code, Stack, Table, Text } from '@mantine/core';
import { IconArrowsExchange, IconMinus, IconPlus, type Icon } from '@tabler/icons-react';
import type { FindingChange } from '../../api/drift-types';
import { fullLabelBadgeStyles } from '../../components/common/badge-styles';
import { NamedId } from './NamedId';

// The side-by-side diff of a changed policy: one row per changed setting, assignment or property, the baseline
// value on the left and the current one on the right. Added, removed and changed rows each carry a word and an
// icon (and a "not present" cell), so they stay distinguishable without colour; the row tint only repeats it.

const CHANGE_LOOK: Record<FindingChange['change'], { label: string; icon: Icon; color: string; tint: string }> = {
  added: { label: 'Added', icon: IconPlus, color: 'green', tint: 'var(--mantine-color-green-light)' },
  removed: { label: 'Removed', icon: IconMinus, color: 'red', tint: 'var(--mantine-color-red-light)' },
  changed: { label: 'Changed', icon: IconArrowsExchange, color: 'blue', tint: 'transparent' },
};

const AREA_LABELS: Record<FindingChange['area'], string> = { setting: 'Setting', assignment: 'Assignment', property: 'Property' };

function RawValue({ value }: { value: unknown }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 240, overflow: 'auto' }} tabIndex={0}>
      {text}
    </Code>
  );
}

/** The value in words when the server could name it (an option's label, a group's name), the stored value beneath. */
function Value({ value, text, present }: { value: unknown; text: string | null; present: boolean }) {
  if (!present) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        not present
      </Text>
    );
  }
  if (text === null) return <RawValue value={value} />;
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }} data-testid="value-text">
        {text}
      </Text>
      {typeof value === 'string' ? (
        <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {value}
        </Text>
      ) : (
        <details>
          <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-xs)' }}>Stored value</summary>
          <RawValue value={value} />
        </details>
      )}
    </Stack>
  );
}

export function FindingDiff({ changes }: { changes: FindingChange[] }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="finding-diff" layout="fixed">
        <Table.Caption>Each row names a setting or assignment in Intune's words, with the identity it is compared by beneath; the baseline value is on the left, the current one on the right.</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="34%">What</Table.Th>
            <Table.Th w={130}>Change</Table.Th>
            <Table.Th>Baseline</Table.Th>
            <Table.Th>Current</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((change) => {
            const look = CHANGE_LOOK[change.change];
            const ChangeIcon = look.icon;
            return (
              <Table.Tr key={`${change.area}:${change.path}`} data-testid="diff-row" data-change={change.change} data-path={change.path} style={{ background: look.tint }}>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {AREA_LABELS[change.area]}
                  </Text>
                  {change.context && (
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {change.context} ›
                    </Text>
                  )}
                  <NamedId name={change.label === change.path ? null : change.label} id={change.path} what="path" />
                  {change.notes.map((note) => (
                    <Text key={note} size="xs" c="dimmed" data-testid="name-note">
                      {note}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Badge variant="outline" color={look.color} radius="sm" leftSection={<ChangeIcon size={12} aria-hidden />} styles={fullLabelBadgeStyles}>
                    {look.label}
                  </Badge>
                </Table.Td>
                <Table.Td data-side="baseline">
                  <Value value={change.baseline} text={change.baseline_text} present={change.change !== 'added'} />
                </Table.Td>
                <Table.Td data-side="current">
                  <Value value={change.current} text={change.current_text} present={change.change !== 'removed'} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
