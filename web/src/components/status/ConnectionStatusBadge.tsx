import { Badge } from '@mantine/core';
import type { StatusPresentation } from '../../api/types';
import { statusColor } from './status-color';

/** App status and RBAC status: their own badges, never derived from lifecycle (SPEC §2). */
export function ConnectionStatusBadge({ presentation }: { presentation: StatusPresentation }) {
  return (
    <Badge
      size="sm"
      variant="dot"
      radius="sm"
      color={statusColor(presentation.color)}
      styles={{ label: { textTransform: 'none', fontWeight: 500 } }}
    >
      {presentation.label}
    </Badge>
  );
}
