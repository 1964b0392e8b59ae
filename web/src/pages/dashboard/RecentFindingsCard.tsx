import { IconShieldCheck } from '@tabler/icons-react';
import type { Finding } from '../../api/drift-types';
import { EmptyState } from '../../components/common/EmptyState';
import { SectionCard } from '../../components/common/SectionCard';
import { useWorkspace } from '../../layout/workspace-context';
import { paths } from '../../paths';
import { FindingsTable } from '../findings/FindingsTable';

/** The ten newest findings (SPEC §3), open or closed, each opening its evidence. */
export function RecentFindingsCard({ tenantId, findings }: { tenantId: string; findings: Finding[] }) {
  const { workspace } = useWorkspace();
  return (
    <SectionCard title="Newest findings" more={{ to: paths.findings(workspace, tenantId), label: 'All findings' }} testId="recent-findings">
      {findings.length === 0 ? (
        <EmptyState icon={IconShieldCheck} title="No findings" description="No scan has found drift from the baseline." />
      ) : (
        <FindingsTable findings={findings} />
      )}
    </SectionCard>
  );
}
