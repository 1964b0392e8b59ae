import { z } from 'zod';
import { lifecycleActions, lifecycleFilterValues } from '../../domain/lifecycle';
import { operationRunTypes, type OperationRunType } from '../../domain/operations';
import { guidText, inputText, isoTime } from './common';
import { lifecyclePresentationSchema } from './lifecycle';

export const entraTenantIdMustBeGuid = 'The Entra tenant ID must be a GUID, like 72f988bf-86f1-41af-91ab-2d7cd011db47.';

const healthPresentationSchema = z.object({ label: z.string(), color: z.string() });

const startAvailabilitySchema = z.object({
  allowed: z.boolean(),
  disabled_reason: z.string().nullable().describe('Why the viewer cannot start it now: the role it needs, or the message the start would refuse with (409)'),
}).meta({ id: 'StartAvailability' });

export const tenantSchema = z.object({
  id: z.number(),
  workspace_id: z.number(),
  name: z.string(),
  domain: z.string().nullable(),
  entra_tenant_id: z.string().nullable(),
  status: z.string().nullable().describe('The stored lifecycle value, as stored'),
  lifecycle: lifecyclePresentationSchema,
  app_status: z.string().nullable(),
  rbac_status: z.string().nullable(),
  app_status_presentation: healthPresentationSchema,
  rbac_status_presentation: healthPresentationSchema,
  deleted_at: isoTime.nullable(),
  created_at: isoTime,
  lifecycle_actions: z.array(
    z.object({
      action: z.enum(lifecycleActions),
      label: z.string(),
      allowed: z.boolean(),
      disabled_reason: z.string().nullable(),
      requires_confirmation: z.boolean(),
    }),
  ),
  operation_starts: z
    .object(Object.fromEntries(operationRunTypes.map(({ type }) => [type, startAvailabilitySchema])) as Record<OperationRunType, typeof startAvailabilitySchema>)
    .describe("Whether the viewer can start each operation type on this tenant now (SPEC §5: the role and the tenant's lifecycle), and why not"),
  onboarding: z
    .object({
      steps: z.array(
        z.object({
          key: z.enum(['connection_saved', 'verification_succeeded', 'complete']),
          label: z.string(),
          state: z.enum(['done', 'current', 'running', 'failed', 'waiting']),
          detail: z.string(),
          run_id: z.number().nullable(),
        }),
      ),
      can_complete: z.boolean(),
      missing_step: z.enum(['connection_saved', 'verification_succeeded', 'complete']).nullable(),
    })
    .nullable()
    .optional()
    .describe('On single-tenant answers: the guided onboarding steps while the tenant is onboarding, else null; absent in lists'),
}).meta({ id: 'Tenant' });

// Messages are whole sentences: the API answers them as they are, and the web app shows them next to the
// field, validating the form in the browser with this same schema (web/src/api/input-schemas.ts).
export const createTenantBody = z.object({
  name: inputText('Enter a name.').trim().min(1, 'Enter a name.').max(200, 'The name is longer than 200 characters.'),
  domain: inputText()
    .trim()
    .max(253, 'The domain is longer than 253 characters.')
    .regex(/^[a-z0-9.-]+$/i, 'The domain must be a domain name, like contoso.onmicrosoft.com.')
    .optional()
    .nullable(),
  entra_tenant_id: guidText(entraTenantIdMustBeGuid).optional().nullable(),
});

export const lifecycleActionBody = z.object({ action: z.enum(lifecycleActions) });

/** Room for the cursor of any name the API accepts (200 characters, up to 6 bytes each in JSON, in base64). */
export const tenantCursorMaxLength = 4096;

export const tenantListQuery = z.object({
  q: inputText()
    .trim()
    .max(200)
    .optional()
    .describe('Search: tenants whose name, domain or Entra tenant id contains this text, case-insensitively; %, _ and \\ match themselves. Blank means no search.'),
  status: z
    .enum(lifecycleFilterValues)
    .optional()
    .describe('Lifecycle filter: draft, onboarding, active, archived, or invalid (any stored value that is not a lifecycle state). Absent means every tenant.'),
  cursor: inputText()
    .max(tenantCursorMaxLength)
    .optional()
    .describe('next_cursor of the previous page, with the same q and status; absent for the first page. A cursor this list did not hand out is 400.'),
  limit: z.coerce.number().int().min(1).max(100).default(50).describe('Tenants per page, 1 to 100'),
});

export const tenantListSchema = z.object({
  tenants: z.array(tenantSchema),
  next_cursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
  status_counts: z
    .object(Object.fromEntries(lifecycleFilterValues.map((value) => [value, z.number().int().min(0)])) as Record<(typeof lifecycleFilterValues)[number], z.ZodNumber>)
    .describe('Tenants per lifecycle filter value among those matching q (whatever the status filter), for the filter chips'),
}).meta({ id: 'TenantPage' });
