import { Badge, Loader } from '@mantine/core';
import { IconBan, IconCheck, IconCircleDashed, IconClock, IconExclamationMark, IconFlag, IconHourglass, IconX, type Icon } from '@tabler/icons-react';
import type { StatusPresentation } from '../../api/types';
import { fullLabelBadgeStyles } from '../common/badge-styles';
import { statusColor } from '../status/status-color';

interface RunBadgeProps {
  /** A status says where the run is (outlined); an outcome says how it ended (filled). */
  kind: 'status' | 'outcome';
  presentation: StatusPresentation;
  /** A running run gets a small spinner so progress is visible at a glance. */
  busy?: boolean;
  testId?: string;
  /** The raw status or outcome value, exposed as data-value for tests and styling hooks. */
  value?: string;
}

// Each value has its own icon, so "Completed" (status) and "Cancelled" (outcome) — both neutral in colour —
// never look alike, and no meaning rests on colour alone.
const ICONS: Record<string, Icon> = {
  queued: IconClock,
  completed: IconFlag,
  pending: IconHourglass,
  succeeded: IconCheck,
  partial: IconExclamationMark,
  failed: IconX,
  cancelled: IconBan,
};

/** A run's status or outcome, in the operations vocabulary (not lifecycle's). */
export function RunBadge({ kind, presentation, busy = false, testId, value }: RunBadgeProps) {
  const color = statusColor(presentation.color);
  const RunIcon = ICONS[value ?? ''] ?? IconCircleDashed;
  return (
    <Badge
      size="md"
      variant={kind === 'status' ? 'outline' : 'light'}
      radius="sm"
      color={color}
      leftSection={busy ? <Loader size={10} color={color} aria-hidden /> : <RunIcon size={12} stroke={2.2} aria-hidden />}
      data-testid={testId}
      data-value={value}
      data-kind={kind}
      styles={{ ...fullLabelBadgeStyles, label: { ...fullLabelBadgeStyles.label, fontWeight: 600 } }}
    >
      {presentation.label}
    </Badge>
  );
}
