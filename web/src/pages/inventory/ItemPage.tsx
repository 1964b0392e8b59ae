import { useState } from 'react';
import { Anchor, Badge, Button, Card, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useInventoryItem } from '../../api/inventory';
import type { InventoryItemDetail } from '../../api/inventory-types';
import { CopyableId } from '../../components/common/CopyableId';
import { LoadError } from '../../components/common/LoadError';
import { NotFound } from '../../components/common/NotFound';
import { PageLoader } from '../../components/common/PageLoader';
import { RelativeTime } from '../../components/common/RelativeTime';
import { useDocumentTitle } from '../../components/common/useDocumentTitle';
import { formatDateTime } from '../../format/time';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { NamedId } from '../findings/NamedId';
import { useScopedTenant } from '../tenants/TenantScope';
import { restoreLabel, riskLabel } from './policy-type-words';


/** One inventory item as a person reads it: its type's facts, settings one per row, assignments, raw JSON on demand. */
export function ItemPage() {
  const tenant = useScopedTenant();
  const { workspace } = useWorkspace();
  const { itemId = '' } = useParams();
  const itemQuery = useInventoryItem(String(tenant.id), itemId);
  useDocumentTitle(itemQuery.data?.display_name ?? 'Item', 'Inventory', tenant.name);
  const back = (
    <Anchor component={Link} to={paths.inventoryItems(workspace, String(tenant.id))} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} /> All items
      </Group>
    </Anchor>
  );
  if (itemQuery.isPending) return <PageLoader />;
  if (itemQuery.isError) {
    return isApiError(itemQuery.error, 404) ? (
      <NotFound title="Item not found" description="This inventory item does not exist in this tenant." />
    ) : (
      <LoadError error={itemQuery.error} title="Could not load this item" onRetry={() => void itemQuery.refetch()} retrying={itemQuery.isFetching} />
    );
  }
  const item = itemQuery.data;
  return (
    <Stack gap="md" data-testid="item-view">
      {back}
      <Group gap="sm" wrap="wrap">
        <Title order={2} fz={22} fw={650} data-testid="item-name">
          {item.display_name}
        </Title>
        {!item.seen_in_last_sync && (
          <Badge variant="outline" color="orange.9" radius="sm" styles={{ label: { textTransform: 'none' } }}>
            Not seen in the last sync
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <FactsCard item={item} />
        <AssignmentsCard item={item} />
      </SimpleGrid>
      <SettingsCard item={item} />
      <RawJsonCard item={item} />
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md" py={4}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right" component="div">
        {children}
      </Text>
    </Group>
  );
}

function FactsCard({ item }: { item: InventoryItemDetail }) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid="item-facts">
      <Title order={3} fz={16} fw={600} mb="sm">
        {item.policy_type_label}
      </Title>
      <Fact label="Category">{item.category ?? '—'}</Fact>
      <Fact label="Platform">{item.platform_label}</Fact>
      <Fact label="Restore">{restoreLabel(item.restore) ?? 'Not restorable'}</Fact>
      <Fact label="Risk">{riskLabel(item.risk) ?? '—'}</Fact>
      <Fact label="Dependencies">{item.dependencies ? 'Assignments, scope tags or filters to resolve' : 'None'}</Fact>
      <Fact label="Graph id">
        <CopyableId value={item.external_id} what="Graph id" />
      </Fact>
      <Fact label="First seen">
        <span title={formatDateTime(item.first_seen_at)}>
          <RelativeTime iso={item.first_seen_at} />
        </span>
      </Fact>
      <Fact label="Last seen">
        <RelativeTime iso={item.last_seen_at} />
      </Fact>
      <Fact label="Content last changed">
        <RelativeTime iso={item.content_changed_at} />
      </Fact>
    </Card>
  );
}

function AssignmentsCard({ item }: { item: InventoryItemDetail }) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid="item-assignments">
      <Title order={3} fz={16} fw={600} mb="sm">
        Assignments
      </Title>
      {item.assignments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {item.dependencies ? 'Not assigned to anyone.' : 'This type has no assignments.'}
        </Text>
      ) : (
        <Stack gap="xs">
          {item.assignments.map((assignment, index) => (
            <div key={index} data-testid="assignment-row">
              {/* "Group: Pilot devices" (the target kind and the group's name in one line), the group id beneath. */}
              {assignment.group_id ? (
                <NamedId name={assignment.group_name} id={assignment.group_id} what="group id" note={assignment.group_note} prefix={`${assignment.target}: `} />
              ) : (
                <Text size="sm" fw={500}>
                  {assignment.target}
                </Text>
              )}
              {assignment.filter_id && (
                <NamedId
                  name={assignment.filter_name}
                  id={assignment.filter_id}
                  what="filter id"
                  note={assignment.filter_note}
                  prefix={`Filter (${assignment.filter_mode ?? 'applied'}): `}
                />
              )}
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function SettingsCard({ item }: { item: InventoryItemDetail }) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid="item-settings">
      <Title order={3} fz={16} fw={600} mb="sm">
        Settings
      </Title>
      {item.settings.length === 0 ? (
        <Text size="sm" c="dimmed">
          This policy holds no settings.
        </Text>
      ) : (
        // Both columns wrap (ids break anywhere), so the table fits a phone without a scroll region.
        <Table verticalSpacing={6} horizontalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Setting</Table.Th>
                <Table.Th>Value</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {item.settings.map((setting, index) => (
                <Table.Tr key={index} data-testid="setting-row" data-depth={setting.depth}>
                  <Table.Td style={{ paddingLeft: 12 + setting.depth * 20 }}>
                    {setting.name || setting.name_note ? (
                      <NamedId name={setting.name} id={setting.id} what="setting id" note={setting.name_note} prefix={setting.depth > 0 ? '↳ ' : ''} />
                    ) : (
                      <Text size="sm" ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
                        {setting.depth > 0 ? '↳ ' : ''}
                        {setting.id}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>
                    {setting.value !== null && setting.value.includes('\n') ? (
                      // A script (or any multi-line value) keeps its lines, as its author wrote it.
                      <Text component="pre" size="sm" ff="monospace" fz="xs" m={0} style={{ whiteSpace: 'pre-wrap' }} data-testid="setting-multiline-value">
                        {setting.value}
                      </Text>
                    ) : (
                      <Text size="sm" c={setting.value === null ? 'dimmed' : undefined}>
                        {setting.value ?? 'Group of settings'}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function RawJsonCard({ item }: { item: InventoryItemDetail }) {
  const [open, setOpen] = useState(false);
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between">
        <Title order={3} fz={16} fw={600}>
          Raw JSON from Graph
        </Title>
        <Button variant="default" size="xs" onClick={() => setOpen((value) => !value)} aria-expanded={open} data-testid="toggle-raw-json">
          {open ? 'Hide' : 'Show'} raw JSON
        </Button>
      </Group>
      {open && (
        // Focusable, so a keyboard can scroll it (WCAG 2.1.1).
        <Code block mt="sm" data-testid="raw-json" tabIndex={0} aria-label="Raw JSON from Graph" style={{ maxHeight: 480, overflow: 'auto' }}>
          {JSON.stringify(item.payload, null, 2)}
        </Code>
      )}
    </Card>
  );
}
