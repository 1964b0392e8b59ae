import type { MantineColor } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle, IconInfoCircle, IconPointFilled, type Icon } from '@tabler/icons-react';

// SPEC §7 finding severities as every surface shows them: a word, an icon and a colour, so severity never
// rests on colour alone. Unknown stored values are shown as they are, in calm gray.
interface SeverityLook {
  label: string;
  color: MantineColor;
  icon: Icon;
}

const LOOKS: Record<string, SeverityLook> = {
  critical: { label: 'Critical', color: 'red', icon: IconAlertOctagon },
  high: { label: 'High', color: 'orange', icon: IconAlertTriangle },
  medium: { label: 'Medium', color: 'yellow', icon: IconInfoCircle },
  low: { label: 'Low', color: 'gray', icon: IconPointFilled },
};

export function severityLook(severity: string): SeverityLook {
  return LOOKS[severity] ?? { label: severity, color: 'gray', icon: IconPointFilled };
}

export const closedReasonLabels: Record<string, string> = {
  resolved: 'Resolved',
  risk_accepted: 'Risk accepted',
  false_positive: 'False positive',
};
