import { z } from 'zod';
import { capabilities } from '../../domain/access/roles';

export const userSchema = z.object({ id: z.number(), email: z.string().nullable(), name: z.string().nullable() }).meta({ id: 'User' });

/** A workspace as its member sees it: their role and what the role may do (SPEC §5). */
export const workspaceSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    slug: z.string().describe('The console path segment (/w/{slug}); the id as text for a workspace stored without one'),
    role: z.string(),
    capabilities: z.array(z.enum(capabilities)),
  })
  .meta({ id: 'Workspace' });

export const meSchema = z
  .object({
    user: userSchema,
    workspaces: z.array(workspaceSchema),
    password_set: z.boolean().describe('false for a person who signs in with Microsoft Entra ID only (there is no password to change)'),
  })
  .meta({ id: 'Me' });
