import { Badge, Loader } from '@mantine/core';
import type { StatusPresentation } from '../../api/types';
import { statusColor } from '../status/status-color';

interface RunBadgeProps {
  presentation: StatusPresentation;
  /** A running run gets a small spinner so progress is visible at a glance. */
  busy?: boolean;
  testId?: string;
  /** The raw status or outcome value, exposed as data-value for tests and styling hooks. */
  value?: string;
}

/** A run's status or outcome, in the operations vocabulary (not lifecycle's). */
export function RunBadge({ presentation, busy = false, testId, value }: RunBadgeProps) {
  const color = statusColor(presentation.color);
  return (
    <Badge
      size="sm"
      variant="light"
      radius="sm"
      color={color}
      leftSection={busy ? <Loader size={10} color={color} /> : undefined}
      data-testid={testId}
      data-value={value}
      styles={{ label: { textTransform: 'none', fontWeight: 600 } }}
    >
      {presentation.label}
    </Badge>
  );
}
