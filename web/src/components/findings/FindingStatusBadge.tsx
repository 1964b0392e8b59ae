import { Badge } from '@mantine/core';
import { IconCircleCheck, IconCircleDot, IconEye } from '@tabler/icons-react';
import type { Finding } from '../../api/drift-types';
import { fullLabelBadgeStyles } from '../common/badge-styles';
import { closedReasonLabel } from './severity';

/** Open, open and acknowledged, or closed with its reason — each with its own icon and words. */
export function FindingStatusBadge({ finding }: { finding: Pick<Finding, 'status' | 'closed_reason' | 'acknowledged_at'> }) {
  const closed = finding.status === 'closed';
  const label = closed
    ? `Closed: ${closedReasonLabel(finding.closed_reason) ?? 'no reason'}`
    : finding.acknowledged_at
      ? 'Acknowledged'
      : finding.status === 'open'
        ? 'Open'
        : finding.status;
  const StatusIcon = closed ? IconCircleCheck : finding.acknowledged_at ? IconEye : IconCircleDot;
  return (
    <Badge
      size="md"
      radius="sm"
      variant="outline"
      color={closed ? 'gray' : 'blue'}
      leftSection={<StatusIcon size={12} stroke={2.2} aria-hidden />}
      data-testid="finding-status"
      data-value={finding.status}
      styles={fullLabelBadgeStyles}
    >
      {label}
    </Badge>
  );
}
