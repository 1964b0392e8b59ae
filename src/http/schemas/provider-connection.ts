import { z } from 'zod';
import { guidText, inputText, isoTime } from './common';
import { entraTenantIdMustBeGuid } from './tenant';

export const lastVerificationSchema = z
  .object({
    run_id: z.number(),
    status: z.string(),
    outcome: z.string(),
    created_at: isoTime,
    completed_at: isoTime.nullable(),
    failure: z.object({ code: z.string(), message: z.string() }).nullable(),
    after_last_save: z.boolean().describe('Whether this verification ran after the connection was last saved (only then does it count for onboarding)'),
  })
  .nullable();

// The connection as the API shows it: never the secret, only whether one is stored (SPEC §1).
export const providerConnectionSchema = z.object({
  client_id: z.string(),
  entra_tenant_id: z.string().nullable(),
  has_secret: z.boolean(),
  updated_at: isoTime,
  last_verification: lastVerificationSchema,
}).meta({ id: 'ProviderConnection' });

// Messages are whole sentences: the API answers them as they are, and the web app shows them next to the
// field, validating the form in the browser with this same schema (web/src/api/input-schemas.ts).
export const saveProviderConnectionBody = z.object({
  client_id: guidText(
    "The client ID must be the app registration's Application (client) ID, a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47.",
    'Enter the client ID.',
  ),
  client_secret: inputText('Enter the client secret.').min(1, 'Enter the client secret.').max(1000, 'The client secret is longer than 1000 characters.'),
  entra_tenant_id: guidText(entraTenantIdMustBeGuid).optional().nullable(),
});
