import { Button, Group, Paper, Select, Text } from '@mantine/core';
import { IconFilterOff, IconShieldCheck } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useFindings } from '../../api/drift';
import { findingKinds, findingSeverities, findingStatuses, type FindingFilters } from '../../api/drift-types';
import { oneOf } from '../../api/enums';
import { usePolicyTypes } from '../../api/inventory';
import { EmptyState } from '../../components/common/EmptyState';
import { LoadMore } from '../../components/common/LoadMore';
import { LoadError } from '../../components/common/LoadError';
import { PageHeader } from '../../components/common/PageHeader';
import { PageLoader } from '../../components/common/PageLoader';
import { severityLook } from '../../components/findings/severity';
import { useScopedTenant } from '../tenants/TenantScope';
import { FindingsTable } from './FindingsTable';

const KIND_LABELS: Record<(typeof findingKinds)[number], string> = {
  missing_policy: 'Missing policy',
  unexpected_policy: 'Unexpected policy',
  changed_policy: 'Changed policy',
};

const FILTER_KEYS = ['status', 'severity', 'kind', 'policy_type'] as const;

function filtersFrom(params: URLSearchParams): FindingFilters {
  return {
    status: oneOf(findingStatuses, params.get('status')),
    severity: oneOf(findingSeverities, params.get('severity')),
    kind: oneOf(findingKinds, params.get('kind')),
    policy_type: params.get('policy_type'),
  };
}

/** In words, what the list shows: "open critical findings of type Settings catalog". */
function describeFilters(filters: FindingFilters, typeLabel: string | null): string {
  const words = [filters.status, filters.severity ? severityLook(filters.severity).label.toLowerCase() : null].filter(Boolean);
  const kind = filters.kind ? ` (${KIND_LABELS[filters.kind].toLowerCase()})` : '';
  return `${words.length > 0 ? `${words.join(' ')} findings` : 'findings'}${kind}${typeLabel ? ` of type ${typeLabel}` : ''}`;
}

/** The tenant's findings (issue 7): filters live in the URL so a dashboard link lands pre-filtered; keyset "Load more". */
export function FindingsPage() {
  const tenant = useScopedTenant();
  const tenantId = String(tenant.id);
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const findingsQuery = useFindings(tenantId, filters);
  const { data: policyTypes = [] } = usePolicyTypes();
  const findings = findingsQuery.data?.pages.flatMap((page) => page.findings) ?? [];
  const filtered = FILTER_KEYS.some((key) => filters[key] !== null);
  const typeLabel = filters.policy_type ? (policyTypes.find((t) => t.type === filters.policy_type)?.label ?? filters.policy_type) : null;

  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title="Findings" documentTitle={['Findings', tenant.name]} description={`Drift of ${tenant.name} from its baseline, newest first.`} />
      <Paper withBorder radius="md">
        <Group px="md" pt="md" gap="sm" wrap="wrap" data-testid="finding-filters">
          <Select
            label="Status"
            size="xs"
            w={140}
            clearable
            placeholder="Any status"
            data={[
              { value: 'open', label: 'Open' },
              { value: 'closed', label: 'Closed' },
            ]}
            value={filters.status}
            onChange={(value) => setFilter('status', value)}
          />
          <Select
            label="Severity"
            size="xs"
            w={140}
            clearable
            placeholder="Any severity"
            data={findingSeverities.map((severity) => ({ value: severity, label: severityLook(severity).label }))}
            value={filters.severity}
            onChange={(value) => setFilter('severity', value)}
          />
          <Select
            label="Kind"
            size="xs"
            w={170}
            clearable
            placeholder="Any kind"
            data={findingKinds.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
            value={filters.kind}
            onChange={(value) => setFilter('kind', value)}
          />
          <Select
            label="Policy type"
            size="xs"
            w={240}
            clearable
            searchable
            placeholder="Any policy type"
            data={policyTypes.map((type) => ({ value: type.type, label: type.label }))}
            value={filters.policy_type}
            onChange={(value) => setFilter('policy_type', value)}
          />
        </Group>
        <Text size="xs" c="dimmed" px="md" pt={8} data-testid="findings-scope">
          Showing {describeFilters(filters, typeLabel)}.
        </Text>
        {findingsQuery.isPending ? (
          <PageLoader />
        ) : findingsQuery.isError ? (
          <div style={{ padding: 16 }}>
            <LoadError error={findingsQuery.error} title="Could not load the findings" onRetry={() => void findingsQuery.refetch()} retrying={findingsQuery.isFetching} />
          </div>
        ) : findings.length === 0 ? (
          <EmptyState
            icon={filtered ? IconFilterOff : IconShieldCheck}
            title={filtered ? `No ${describeFilters(filters, typeLabel)}` : 'No findings yet'}
            description={
              filtered
                ? 'Nothing matches these filters.'
                : 'A drift scan compares the inventory with the baseline; what differs shows up here. Capture a baseline and scan from the tenant overview.'
            }
            action={
              filtered ? (
                <Button variant="default" size="xs" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        ) : (
          <>
            <FindingsTable findings={findings} />
            <LoadMore query={findingsQuery} />
          </>
        )}
      </Paper>
    </>
  );
}
