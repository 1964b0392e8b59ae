import { Button, Group, Paper, Select, Switch, Text } from '@mantine/core';
import { IconBuildingSkyscraper, IconFilterOff } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { usePortfolio } from '../../api/drift';
import { driftFreshnessOptions, portfolioSortKeys, type DriftFreshnessState, type PortfolioFilters, type PortfolioSortKey } from '../../api/drift-types';
import { useLifecycleCatalog } from '../../api/lifecycle';
import { EmptyState } from '../../components/common/EmptyState';
import { LoadError } from '../../components/common/LoadError';
import { PageHeader } from '../../components/common/PageHeader';
import { PageLoader } from '../../components/common/PageLoader';
import { asLifecycleFilter, lifecycleFilterOptions } from '../../components/lifecycle/lifecycle-filter';
import { useWorkspace } from '../../layout/workspace-context';
import { useWorkspaceEvents } from '../../live/useWorkspaceEvents';
import { paths } from '../../paths';
import { PortfolioTable } from './PortfolioTable';

// Name and lifecycle read best A→Z; counts and times most-first.
const defaultDirection = (sort: PortfolioSortKey) => (sort === 'name' || sort === 'lifecycle' ? 'asc' : 'desc');

function filtersFrom(params: URLSearchParams): PortfolioFilters {
  const sort = (portfolioSortKeys as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as PortfolioSortKey) : 'name';
  const direction = params.get('direction') === 'asc' || params.get('direction') === 'desc' ? (params.get('direction') as 'asc' | 'desc') : defaultDirection(sort);
  return { lifecycle: asLifecycleFilter(params.get('lifecycle')), needs_attention: params.get('needs_attention') === 'true', freshness: asFreshness(params.get('freshness')), sort, direction };
}

function asFreshness(value: string | null): DriftFreshnessState | null {
  return driftFreshnessOptions.find((option) => option.value === value)?.value ?? null;
}

/**
 * The workspace's landing page (issue 7): every tenant with its open findings, last sync and scan, staleness,
 * active runs and what needs attention. Filters and sort live in the URL; run changes arrive on the workspace's
 * event stream, so the rows follow without a reload. Tenants arrive in pages of 50; "Show more tenants" loads the next.
 */
export function PortfolioPage() {
  const { workspace } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const portfolioQuery = usePortfolio(String(workspace.id), filters);
  // Live: a run of any tenant changing refreshes the rows, as the dashboard and the operations index do.
  useWorkspaceEvents(String(workspace.id));
  const { data: catalog } = useLifecycleCatalog();
  const pages = portfolioQuery.data?.pages ?? [];
  const rows = pages.flatMap((page) => page.rows);
  const total = pages[0]?.total_tenants ?? 0;
  const matching = pages[0]?.matching_tenants ?? 0;
  const filtered = filters.lifecycle !== null || filters.needs_attention || filters.freshness !== null;

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };
  const onSort = (column: PortfolioSortKey) => {
    const direction = filters.sort === column ? (filters.direction === 'asc' ? 'desc' : 'asc') : defaultDirection(column);
    update({ sort: column, direction });
  };

  return (
    <>
      <PageHeader title="Portfolio" documentTitle={['Portfolio', workspace.name]} description="Every tenant of this workspace: drift, the newest sync and scan, and what needs attention." />
      <Paper withBorder radius="md">
        <Group px="md" pt="md" gap="lg" wrap="wrap" align="flex-end" data-testid="portfolio-filters">
          <Select
            label="Lifecycle"
            size="xs"
            w={180}
            clearable
            placeholder="Any lifecycle"
            data={lifecycleFilterOptions(catalog, undefined).map((option) => ({ value: option.value, label: option.label }))}
            value={filters.lifecycle}
            onChange={(value) => update({ lifecycle: value })}
          />
          <Switch label="Needs attention" checked={filters.needs_attention} onChange={(event) => update({ needs_attention: event.currentTarget.checked ? 'true' : null })} data-testid="filter-needs-attention" />
          <Select
            label="Drift"
            size="xs"
            w={180}
            clearable
            placeholder="Any freshness"
            data={driftFreshnessOptions.map((option) => ({ value: option.value, label: option.label }))}
            value={filters.freshness}
            onChange={(value) => update({ freshness: value, stale: null })}
            data-testid="filter-freshness"
          />
        </Group>
        <Text size="xs" c="dimmed" px="md" pt={8} data-testid="portfolio-count">
          {portfolioQuery.data ? (filtered ? `${matching} of ${total} tenants match.` : `${total} ${total === 1 ? 'tenant' : 'tenants'}.`) : ' '}
          {portfolioQuery.hasNextPage ? ` Showing the first ${rows.length}.` : ''}
        </Text>
        {portfolioQuery.isPending ? (
          <PageLoader />
        ) : portfolioQuery.isError ? (
          <div style={{ padding: 16 }}>
            <LoadError error={portfolioQuery.error} title="Could not load the portfolio" onRetry={() => void portfolioQuery.refetch()} retrying={portfolioQuery.isFetching} />
          </div>
        ) : rows.length === 0 ? (
          filtered ? (
            <EmptyState
              icon={IconFilterOff}
              title="No tenant matches these filters"
              action={
                <Button variant="default" size="xs" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={IconBuildingSkyscraper}
              title="No tenants yet"
              description="Add a tenant to start reading its configuration."
              action={
                <Button component={Link} to={paths.tenants(workspace)} variant="default" size="xs">
                  Go to Tenants
                </Button>
              }
            />
          )
        ) : (
          <>
            <PortfolioTable workspace={workspace} rows={rows} sort={{ column: filters.sort, direction: filters.direction === 'asc' ? 'ascending' : 'descending' }} onSort={onSort} />
            {portfolioQuery.hasNextPage && (
              <Group justify="center" p="md">
                <Button variant="default" size="xs" loading={portfolioQuery.isFetchingNextPage} onClick={() => void portfolioQuery.fetchNextPage()} data-testid="load-more-tenants">
                  Show more tenants
                </Button>
              </Group>
            )}
          </>
        )}
      </Paper>
    </>
  );
}
