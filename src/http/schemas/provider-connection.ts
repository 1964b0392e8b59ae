import { z } from 'zod';
import { inputText, isoTime } from './common';

// The connection as the API shows it: never the secret, only whether one is stored (SPEC §1).
export const providerConnectionSchema = z.object({
  client_id: z.string(),
  entra_tenant_id: z.string().nullable(),
  has_secret: z.boolean(),
  updated_at: isoTime,
});

export const saveProviderConnectionBody = z.object({
  client_id: inputText().trim().min(1, 'is required').max(200),
  client_secret: inputText().min(1, 'is required').max(1000),
  entra_tenant_id: z.guid('must be a GUID').optional().nullable(),
});
