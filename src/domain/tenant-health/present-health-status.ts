// app_status and rbac_status are free text carried from the provider side. They have their own badge
// vocabulary, deliberately separate from lifecycle: none is derived from another (SPEC §2).
export type HealthColor = 'gray' | 'success' | 'warning' | 'danger' | 'info';

export interface HealthPresentation {
  label: string;
  color: HealthColor;
}

const known: Record<string, HealthPresentation> = {
  ok: { label: 'OK', color: 'success' },
  healthy: { label: 'Healthy', color: 'success' },
  granted: { label: 'Granted', color: 'success' },
  configured: { label: 'Configured', color: 'success' },
  pending: { label: 'Pending', color: 'info' },
  missing: { label: 'Missing', color: 'warning' },
  degraded: { label: 'Degraded', color: 'warning' },
  partial: { label: 'Partial', color: 'warning' },
  error: { label: 'Error', color: 'danger' },
  failed: { label: 'Failed', color: 'danger' },
  denied: { label: 'Denied', color: 'danger' },
  expired: { label: 'Expired', color: 'danger' },
};

export function presentHealthStatus(value: string | null | undefined): HealthPresentation {
  if (value === null || value === undefined || value.trim() === '') return { label: 'Not checked', color: 'gray' };
  return known[value.trim().toLowerCase()] ?? { label: value, color: 'gray' };
}
