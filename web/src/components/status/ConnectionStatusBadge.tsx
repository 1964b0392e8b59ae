import { Badge } from '@mantine/core';
import type { StatusPresentation } from '../../api/types';
import { fullLabelBadgeStyles } from '../common/badge-styles';
import { statusColor } from './status-color';

/** App status and RBAC status: their own badges, never derived from lifecycle (SPEC §2). */
export function ConnectionStatusBadge({ presentation }: { presentation: StatusPresentation }) {
  return (
    <Badge
      size="sm"
      variant="dot"
      radius="sm"
      color={statusColor(presentation.color)}
      styles={{ ...fullLabelBadgeStyles, label: { ...fullLabelBadgeStyles.label, fontWeight: 500 } }}
    >
      {presentation.label}
    </Badge>
  );
}
