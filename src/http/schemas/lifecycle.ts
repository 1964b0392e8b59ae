import { z } from 'zod';

export const lifecyclePresentationSchema = z.object({
  value: z.unknown().describe('The canonical value, or the raw stored value for the invalid fallback'),
  label: z.string(),
  badge_color: z.enum(['gray', 'info', 'success', 'warning', 'danger']),
  badge_icon: z.enum(['pencil', 'progress', 'circle-check', 'archive', 'alert-triangle']),
  short_description: z.string(),
  long_description: z.string(),
  is_invalid_fallback: z.boolean(),
});

export const surfaceVariantSchema = z.object({
  show_badge: z.boolean(),
  show_short_description: z.boolean(),
  show_long_description: z.boolean(),
  show_context_note: z.boolean(),
});

export const referencedTenantSchema = z.object({
  tenant_id: z.number().nullable(),
  tenant_name: z.string().nullable(),
  lifecycle_value: z.unknown(),
  viewer_context: z.enum(['operation_run', 'report', 'audit_reference']),
  context_note: z.string().nullable(),
  lifecycle: lifecyclePresentationSchema.nullable(),
});
