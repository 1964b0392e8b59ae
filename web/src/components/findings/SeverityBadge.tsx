import { Badge } from '@mantine/core';
import { fullLabelBadgeStyles } from '../common/badge-styles';
import { severityLook } from './severity';

export function SeverityBadge({ severity }: { severity: string }) {
  const look = severityLook(severity);
  const SeverityIcon = look.icon;
  return (
    <Badge
      size="md"
      radius="sm"
      variant="light"
      color={look.color}
      leftSection={<SeverityIcon size={12} stroke={2.2} aria-hidden />}
      data-testid="finding-severity"
      data-value={severity}
      styles={{ ...fullLabelBadgeStyles, label: { ...fullLabelBadgeStyles.label, fontWeight: 600 } }}
    >
      {look.label}
    </Badge>
  );
}
