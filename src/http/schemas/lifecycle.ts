import { z } from 'zod';
import { lifecycleActions, lifecycleSurfaces } from '../../domain/lifecycle';

export const lifecyclePresentationSchema = z.object({
  value: z.unknown().describe('The canonical value, or the raw stored value for the invalid fallback'),
  label: z.string(),
  badge_color: z.enum(['gray', 'info', 'success', 'warning', 'danger']),
  badge_icon: z.enum(['pencil', 'progress', 'circle-check', 'archive', 'alert-triangle']),
  short_description: z.string(),
  long_description: z.string(),
  is_invalid_fallback: z.boolean(),
}).meta({ id: 'LifecyclePresentation' });

export const surfaceVariantSchema = z.object({
  show_badge: z.boolean(),
  show_short_description: z.boolean(),
  show_long_description: z.boolean(),
  show_context_note: z.boolean(),
}).meta({ id: 'LifecycleVariant' });

export const referencedTenantSchema = z.object({
  tenant_id: z.number().nullable(),
  tenant_name: z.string().nullable(),
  lifecycle_value: z.unknown(),
  viewer_context: z.enum(['operation_run', 'report', 'audit_reference']),
  context_note: z.string().nullable(),
  lifecycle: lifecyclePresentationSchema.nullable(),
}).meta({ id: 'ReferencedTenant' });

/** The whole lifecycle presentation contract (SPEC §2), published so every client renders from one source. */
export const lifecycleCatalogSchema = z
  .object({
    states: z.array(lifecyclePresentationSchema),
    variants: z.record(z.enum(lifecycleSurfaces), surfaceVariantSchema),
    invalid_fallback: lifecyclePresentationSchema,
    transitions: z.array(z.object({ action: z.enum(lifecycleActions), label: z.string(), from: z.string(), to: z.string(), requires_confirmation: z.boolean() })),
  })
  .meta({ id: 'LifecycleCatalog' });
