import type { ReactNode } from 'react';
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useFinding } from '../../api/drift';
import { findingKinds, type FindingDetail, type FindingKind } from '../../api/drift-types';
import { oneOf } from '../../api/enums';
import { CopyableId } from '../../components/common/CopyableId';
import { LoadError } from '../../components/common/LoadError';
import { NotFound } from '../../components/common/NotFound';
import { PageLoader } from '../../components/common/PageLoader';
import { RelativeTime } from '../../components/common/RelativeTime';
import { useDocumentTitle } from '../../components/common/useDocumentTitle';
import { FindingStatusBadge } from '../../components/findings/FindingStatusBadge';
import { SeverityBadge } from '../../components/findings/SeverityBadge';
import { closedReasonLabel } from '../../components/findings/severity';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { useScopedTenant } from '../tenants/TenantScope';
import { FindingDiff } from './FindingDiff';
import { findingSubject } from './FindingsTable';
import { TriageActions } from './TriageActions';

/** One finding: what drifted, the evidence side by side, and its triage. */
export function FindingPage() {
  const tenant = useScopedTenant();
  const { workspace } = useWorkspace();
  const { findingId = '' } = useParams();
  const findingQuery = useFinding(findingId);
  const finding = findingQuery.data && String(findingQuery.data.tenant_id) === String(tenant.id) ? findingQuery.data : undefined;
  useDocumentTitle(finding ? findingSubject(finding) : 'Finding', 'Findings', tenant.name);

  if (findingQuery.isPending) return <PageLoader />;
  if (findingQuery.isError && !isApiError(findingQuery.error, 404)) {
    return <LoadError error={findingQuery.error} title="Could not load this finding" onRetry={() => void findingQuery.refetch()} retrying={findingQuery.isFetching} />;
  }
  // A finding of another tenant reached through this tenant's URL is as missing as one that does not exist.
  if (!finding) return <NotFound title="Finding not found" description="This finding does not exist in this tenant." />;

  return (
    <Stack gap="md" data-testid="finding-view" data-finding-id={finding.id}>
      <Anchor component={Link} to={paths.findings(workspace, String(tenant.id))} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} /> All findings
        </Group>
      </Anchor>
      <Stack gap={6}>
        <Title order={2} fz={22} fw={650} data-testid="finding-subject" style={{ overflowWrap: 'anywhere' }}>
          {findingSubject(finding)}
        </Title>
        <Group gap="xs">
          <SeverityBadge severity={finding.severity} />
          <FindingStatusBadge finding={finding} />
          <Text size="sm" c="dimmed">
            {finding.kind_label} · {finding.policy_type_label ?? 'No policy type'}
          </Text>
        </Group>
      </Stack>
      <TriageActions finding={finding} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <FactsCard finding={finding} />
        <TriageCard finding={finding} />
      </SimpleGrid>
      <EvidenceCard finding={finding} />
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md" align="flex-start">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ minWidth: 0, textAlign: 'right' }}>{children}</div>
    </Group>
  );
}

function FactsCard({ finding }: { finding: FindingDetail }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4} fw={600} mb="sm">
        Facts
      </Title>
      <Stack gap="xs">
        <Fact label="Policy id">{finding.subject_external_id ? <CopyableId value={finding.subject_external_id} what="policy id" /> : <Text size="sm">—</Text>}</Fact>
        <Fact label="First seen">
          <RelativeTime iso={finding.first_seen_at} />
        </Fact>
        <Fact label="Last seen">
          <RelativeTime iso={finding.last_seen_at} />
        </Fact>
        <Fact label="Last seen by">
          {finding.last_scan_run_id ? (
            <Anchor component={Link} to={paths.run(String(finding.last_scan_run_id))} size="sm">
              Drift scan #{finding.last_scan_run_id}
            </Anchor>
          ) : (
            <Text size="sm">—</Text>
          )}
        </Fact>
      </Stack>
    </Card>
  );
}

function TriageCard({ finding }: { finding: FindingDetail }) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid="triage-facts">
      <Title order={4} fw={600} mb="sm">
        Triage
      </Title>
      <Stack gap="xs">
        <Fact label="Acknowledged">{finding.acknowledged_at ? <RelativeTime iso={finding.acknowledged_at} /> : <Text size="sm">Not yet</Text>}</Fact>
        <Fact label="Closed">
          {finding.closed_at ? (
            <Text size="sm">
              {closedReasonLabel(finding.closed_reason)} · <RelativeTime iso={finding.closed_at} />
            </Text>
          ) : (
            <Text size="sm">Open</Text>
          )}
        </Fact>
        {finding.closed_note && (
          <Fact label="Note">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="closed-note">
              {finding.closed_note}
            </Text>
          </Fact>
        )}
        {finding.reopened_at && (
          <Fact label="Reopened">
            <RelativeTime iso={finding.reopened_at} />
          </Fact>
        )}
      </Stack>
    </Card>
  );
}

const KIND_EXPLANATIONS: Partial<Record<FindingKind, string>> = {
  missing_policy: 'This policy is in the baseline but no longer in the tenant.',
  unexpected_policy: 'This policy is in the tenant but not in the baseline.',
};

/** Why a finding without changed settings exists, for the kinds the server names (a stored kind may be any string). */
function explanationOf(kind: string): string | undefined {
  const known = oneOf(findingKinds, kind);
  return known ? KIND_EXPLANATIONS[known] : undefined;
}

function EvidenceCard({ finding }: { finding: FindingDetail }) {
  const { changes, changes_total, changes_truncated } = finding.evidence;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="finding-evidence">
      <Title order={4} fw={600} mb="sm">
        {finding.kind === 'changed_policy' ? `What changed (${changes_total})` : 'Evidence'}
      </Title>
      {changes.length === 0 ? (
        <Text size="sm">{explanationOf(finding.kind) ?? 'No changed settings were recorded for this finding.'}</Text>
      ) : (
        <>
          <FindingDiff changes={changes} />
          {changes_truncated && (
            <Text size="sm" c="dimmed" mt="sm">
              Showing the first {changes.length} of {changes_total} changes.
            </Text>
          )}
        </>
      )}
    </Card>
  );
}
