import { z } from 'zod';
import { roles } from '../../domain/access/roles';
import { inputText, isoTime } from './common';

export const memberSchema = z
  .object({ user_id: z.number(), email: z.string().nullable(), name: z.string().nullable(), role: z.string(), last_sign_in_at: isoTime.nullable() })
  .meta({ id: 'Member' });

export const invitationSchema = z
  .object({ id: z.number(), email: z.string(), role: z.string(), expires_at: isoTime, expired: z.boolean() })
  .meta({ id: 'Invitation' });

/** A member as the list shows them to the viewer: with why the viewer cannot remove them or change their role now. */
export const listedMemberSchema = memberSchema
  .extend({
    disabled_reasons: z
      .object({
        remove: z.string().nullable().describe('Why the viewer cannot remove this member now (their role, or the last owner), or null'),
        change_role: z.string().nullable().describe("Why the viewer cannot change this member's role now (their role, or the last owner), or null"),
      })
      .describe('The same reasons the change itself would answer 403 / 409 with'),
  })
  .meta({ id: 'ListedMember' });

export const membersListSchema = z.object({ members: z.array(listedMemberSchema), invitations: z.array(invitationSchema) }).meta({ id: 'MembersList' });

const roleField = z.enum(roles, { error: `role: one of ${roles.join(', ')}` });

export const addMemberBody = z.object({
  email: inputText('email: is required')
    .trim()
    .max(320)
    .regex(/^[^\s@]+@[^\s@]+$/, 'email: an email address, like name@example.com'),
  role: roleField,
});

export const addMemberResponse = z
  .union([
    z.object({ member: memberSchema }),
    z.object({ invitation: invitationSchema.extend({ accept_url: z.string().describe('The one-time link to send to the person (a console path); shown once') }) }),
  ])
  .meta({ id: 'AddMemberResult' });

export const changeRoleBody = z.object({ role: roleField });

export const invitationPreviewSchema = z
  .object({
    invitation: z.object({
      workspace_name: z.string().nullable(),
      email: z.string(),
      role: z.string(),
      expires_at: isoTime,
      account_exists: z.boolean().describe('An account with this email exists: sign in with it instead of choosing a password'),
    }),
  })
  .meta({ id: 'InvitationPreview' });

export const acceptInvitationBody = z.object({
  name: inputText().trim().max(200).optional(),
  password: inputText().min(8, 'password: at least 8 characters').max(1024).optional(),
});
