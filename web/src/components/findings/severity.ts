import type { MantineColor } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle, IconInfoCircle, IconPointFilled, type Icon } from '@tabler/icons-react';
import { findingSeverities, type FindingSeverity, type ManualClosedReason } from '../../api/drift-types';
import { oneOf } from '../../api/enums';

// SPEC §7 finding severities as every surface shows them: a word, an icon and a colour, so severity never
// rests on colour alone. Unknown stored values are shown as they are, in calm gray.
interface SeverityLook {
  label: string;
  color: MantineColor;
  icon: Icon;
}

// Keyed by the server's severities: a severity it adds or renames breaks the build here, not the page.
const LOOKS: Record<FindingSeverity, SeverityLook> = {
  critical: { label: 'Critical', color: 'red', icon: IconAlertOctagon },
  high: { label: 'High', color: 'orange', icon: IconAlertTriangle },
  medium: { label: 'Medium', color: 'yellow', icon: IconInfoCircle },
  low: { label: 'Low', color: 'gray', icon: IconPointFilled },
};

export function severityLook(severity: string): SeverityLook {
  const known = oneOf(findingSeverities, severity);
  return known ? LOOKS[known] : { label: severity, color: 'gray', icon: IconPointFilled };
}

/** The close reasons a person picks (the close route's enum), and `resolved`, the one the scan sets. */
export const closedReasonLabels: Record<ManualClosedReason | 'resolved', string> = {
  resolved: 'Resolved',
  risk_accepted: 'Risk accepted',
  false_positive: 'False positive',
};

/** A stored close reason in words; one this version does not know, as stored. */
export function closedReasonLabel(reason: string | null): string | null {
  return reason !== null && Object.hasOwn(closedReasonLabels, reason) ? closedReasonLabels[reason as keyof typeof closedReasonLabels] : reason;
}
