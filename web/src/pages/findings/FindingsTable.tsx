import { Anchor, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import type { Finding } from '../../api/drift-types';
import { RelativeTime } from '../../components/common/RelativeTime';
import { FindingStatusBadge } from '../../components/findings/FindingStatusBadge';
import { SeverityBadge } from '../../components/findings/SeverityBadge';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';

/** What a finding is about: the policy's name (or its id when Graph gave none), its kind and its type. */
export function findingSubject(finding: Finding): string {
  return finding.subject_display_name ?? finding.subject_external_id ?? `Finding #${finding.id}`;
}

function changeSummary(finding: Finding): string {
  if (finding.kind !== 'changed_policy') return finding.kind_label;
  const total = finding.evidence.changes_total;
  return `${finding.kind_label}: ${total} ${total === 1 ? 'change' : 'changes'}`;
}

/**
 * Findings newest first; each row opens the finding with its evidence. At phone width the rows become cards
 * that keep severity, subject, kind and status readable without sideways scrolling.
 */
export function FindingsTable({ findings }: { findings: Finding[] }) {
  const { workspace } = useWorkspace();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const hrefOf = (finding: Finding) => paths.finding(workspace, String(finding.tenant_id), String(finding.id));

  if (phone) {
    return (
      <Stack gap="sm" p="sm" data-testid="findings-cards">
        {findings.map((finding) => (
          <Paper key={finding.id} withBorder radius="md" p="sm" data-testid="finding-row" data-finding-id={finding.id}>
            <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <Anchor component={Link} to={hrefOf(finding)} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {findingSubject(finding)}
              </Anchor>
              <SeverityBadge severity={finding.severity} />
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {changeSummary(finding)} · {finding.policy_type_label ?? 'No policy type'}
            </Text>
            <Group gap={6} mt={6} wrap="wrap">
              <FindingStatusBadge finding={finding} />
              <Text size="xs" c="dimmed">
                last seen <RelativeTime iso={finding.last_seen_at} />
              </Text>
            </Group>
          </Paper>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="findings-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Policy</Table.Th>
            <Table.Th>Drift</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>First seen</Table.Th>
            <Table.Th>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {findings.map((finding) => (
            <Table.Tr
              key={finding.id}
              data-testid="finding-row"
              data-finding-id={finding.id}
              style={{ cursor: 'pointer' }}
              onClick={() => void navigate(hrefOf(finding))}
            >
              <Table.Td>
                <SeverityBadge severity={finding.severity} />
              </Table.Td>
              <Table.Td maw={320}>
                <Stack gap={0}>
                  <Anchor component={Link} to={hrefOf(finding)} fw={600} size="sm" onClick={(event) => event.stopPropagation()} style={{ overflowWrap: 'anywhere' }}>
                    {findingSubject(finding)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {finding.policy_type_label ?? 'No policy type'}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{changeSummary(finding)}</Text>
              </Table.Td>
              <Table.Td>
                <FindingStatusBadge finding={finding} />
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={finding.first_seen_at} />
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={finding.last_seen_at} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
