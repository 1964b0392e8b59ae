import { Anchor, Badge, Button, Card, Center, Checkbox, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconDatabaseOff, IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useInventoryItems, useInventoryKpis, usePolicyTypes } from '../../api/inventory';
import type { InventoryItem, ItemFilters, ItemPlatform } from '../../api/inventory-types';
import { EmptyState } from '../../components/common/EmptyState';
import { LoadError } from '../../components/common/LoadError';
import { PageLoader } from '../../components/common/PageLoader';
import { RelativeTime } from '../../components/common/RelativeTime';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { useScopedTenant } from '../tenants/TenantScope';

const PLATFORMS: { value: ItemPlatform; label: string }[] = [
  { value: 'windows', label: 'Windows' },
  { value: 'macos', label: 'macOS' },
  { value: 'ios', label: 'iOS/iPadOS' },
  { value: 'android', label: 'Android' },
  { value: 'linux', label: 'Linux' },
  { value: 'all', label: 'Any platform' },
];

function filtersFrom(params: URLSearchParams): ItemFilters {
  return {
    q: params.get('q') ?? '',
    policy_type: params.get('type'),
    platform: params.get('platform'),
    not_seen: params.get('not_seen') === 'true',
    sort: params.get('sort') === 'changed' ? 'changed' : 'name',
  };
}

/** Items of the inventory: search, filters and sort live in the URL; pages load 50 at a time from the server. */
export function ItemsPage() {
  const tenant = useScopedTenant();
  const tenantId = String(tenant.id);
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search, 250);
  const { data: types = [] } = usePolicyTypes();
  const { data: kpis } = useInventoryKpis(tenantId);
  const itemsQuery = useInventoryItems(tenantId, filters);

  // The URL this page last asked for. The router applies a navigation in a transition, so for a moment `params` still
  // shows the URL before it; a second change made in that moment (the search box's debounce firing just after a filter
  // was picked, or the other way round) must build on the first, not on the URL the first is replacing.
  const requested = useRef(params);
  useEffect(() => {
    requested.current = params;
  }, [params]);
  const update = (next: Partial<Record<'q' | 'type' | 'platform' | 'not_seen' | 'sort', string | null>>) => {
    const updated = new URLSearchParams(requested.current);
    // Every change carries the search box as it reads now: a filter picked while the box's last edit still waits for
    // its debounce would otherwise be navigated from the old text and bring it back (seen in a browser test: the box
    // cleared, a type picked within 250 ms, and the cleared search returned with it).
    const withSearch = 'q' in next ? next : { ...next, q: search.trim() || null };
    for (const [key, value] of Object.entries(withSearch)) {
      if (value === null || value === '' || (key === 'sort' && value === 'name') || (key === 'not_seen' && value !== 'true')) updated.delete(key);
      else updated.set(key, value);
    }
    requested.current = updated;
    setParams(updated, { replace: true });
  };
  // Only the debounced text drives the URL (not every keystroke).
  useEffect(() => {
    if (debounced.trim() !== (requested.current.get('q') ?? '')) update({ q: debounced.trim() || null });
  }, [debounced]);

  const items = itemsQuery.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filters.q !== '' || filters.policy_type !== null || filters.platform !== null || filters.not_seen;
  const clear = () => {
    setSearch('');
    const cleared = new URLSearchParams(filters.sort === 'changed' ? { sort: 'changed' } : {});
    requested.current = cleared;
    setParams(cleared, { replace: true });
  };

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <TextInput
            label="Search items"
            placeholder="Part of a name"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={{ base: '100%', sm: 260 }}
          />
          <Select
            label="Policy type"
            placeholder="All types"
            clearable
            searchable
            data={types.map((type) => ({ value: type.type, label: type.label }))}
            value={filters.policy_type}
            onChange={(value) => update({ type: value })}
            w={{ base: '100%', sm: 240 }}
          />
          <Select label="Platform" placeholder="All platforms" clearable data={PLATFORMS} value={filters.platform} onChange={(value) => update({ platform: value })} w={{ base: '100%', sm: 170 }} />
          <Checkbox
            label="Not seen in the last sync"
            checked={filters.not_seen}
            onChange={(event) => update({ not_seen: event.currentTarget.checked ? 'true' : null })}
            mb={8}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="items-sort-label">
              Sort by
            </Text>
            <SegmentedControl
              aria-labelledby="items-sort-label"
              size="xs"
              value={filters.sort}
              onChange={(value) => update({ sort: value })}
              data={[
                { value: 'name', label: 'Name' },
                { value: 'changed', label: 'Last change' },
              ]}
            />
          </Stack>
        </Group>
      </Paper>

      {itemsQuery.isPending ? (
        <PageLoader />
      ) : itemsQuery.isError ? (
        <LoadError error={itemsQuery.error} title="Could not load the items" onRetry={() => void itemsQuery.refetch()} retrying={itemsQuery.isFetching} />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={IconFilterOff}
            title="No items match these filters"
            description={`${kpis?.total_items ?? 0} items are in this tenant's inventory.`}
            action={<Button variant="default" size="xs" onClick={clear}>Clear filters</Button>}
          />
        ) : (
          <EmptyState
            icon={IconDatabaseOff}
            title="No inventory yet"
            description={kpis?.last_sync ? 'The last sync stored no policies.' : 'No sync has read this tenant yet. Sync now reads its policies from Microsoft Graph.'}
          />
        )
      ) : (
        <Paper withBorder radius="md">
          <Text size="xs" c="dimmed" px="md" pt="sm" data-testid="items-count">
            Showing {items.length}
            {filtered ? ' matching' : ` of ${kpis?.total_items ?? items.length}`} items{itemsQuery.hasNextPage ? '; more below' : ''}
          </Text>
          <ItemsTable items={items} tenantId={tenantId} />
          {itemsQuery.hasNextPage && (
            <Center py="md">
              <Button variant="default" size="xs" loading={itemsQuery.isFetchingNextPage} onClick={() => void itemsQuery.fetchNextPage()} data-testid="load-more-items">
                Load more
              </Button>
            </Center>
          )}
        </Paper>
      )}
    </Stack>
  );
}

function ItemsTable({ items, tenantId }: { items: InventoryItem[]; tenantId: string }) {
  const { workspace } = useWorkspace();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const link = (item: InventoryItem) => (
    <Anchor component={Link} to={paths.inventoryItem(workspace, tenantId, String(item.id))} fw={600} size="sm">
      {item.display_name}
    </Anchor>
  );
  const unseen = (item: InventoryItem) =>
    item.seen_in_last_sync ? null : (
      <Badge size="sm" variant="outline" color="orange.9" radius="sm" styles={{ label: { textTransform: 'none' } }} data-testid="item-not-seen">
        Not seen in the last sync
      </Badge>
    );
  if (phone) {
    return (
      <Stack gap="xs" p="sm">
        {items.map((item) => (
          <Card key={item.id} withBorder radius="md" padding="sm" data-testid="item-row" data-item-name={item.display_name}>
            {link(item)}
            <Text size="xs" c="dimmed">
              {item.policy_type_label} · {item.platform_label}
            </Text>
            <Group gap={6} mt={4}>
              <Text size="xs">
                Changed <RelativeTime iso={item.content_changed_at} />
              </Text>
              {unseen(item)}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="items-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Platform</Table.Th>
            <Table.Th>Last change</Table.Th>
            <Table.Th>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-testid="item-row" data-item-name={item.display_name}>
              <Table.Td>
                <Stack gap={2}>
                  {link(item)}
                  {unseen(item)}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{item.policy_type_label}</Text>
                <Text size="xs" c="dimmed">
                  {item.category}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{item.platform_label}</Text>
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={item.content_changed_at} />
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={item.last_seen_at} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
