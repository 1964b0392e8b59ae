import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listApiTokensOfUser } from '../../db/queries/api-tokens';
import { createUserApiToken, revokeUserApiToken } from '../../use-cases/accounts/create-api-token';
import type { RegisterRoutes } from '../app-context';
import { auditContextOf } from '../audit-context';
import { HttpError } from '../errors';
import { signedInViewer } from '../plugins/authentication';
import { errorResponses, idParam, inputText, isoTime } from '../schemas/common';

const tokenSchema = z
  .object({ id: z.number(), name: z.string().nullable(), created_at: isoTime, last_used_at: isoTime.nullable(), expires_at: isoTime.nullable(), expired: z.boolean() })
  .meta({ id: 'ApiToken' });

const iso = (value: Date | null) => value?.toISOString() ?? null;

// Your own API tokens (SPEC §4; issue 8): listed without their values, created with the value shown once, revoked
// at once (a revoked or expired token is answered 401 from its next request on).
export const registerMeTokenRoutes: RegisterRoutes = (app, { db }) => {
  const viewerId = (request: FastifyRequest) => signedInViewer(request).id;

  app.get('/api/me/tokens', {
    config: { access: { scope: 'authenticated' } },
    schema: { tags: ['account'], summary: 'Your API tokens (never their values)', response: { 200: z.object({ tokens: z.array(tokenSchema) }), ...errorResponses } },
    handler: async (request) => {
      const now = Date.now();
      const rows = await listApiTokensOfUser(db, viewerId(request));
      return {
        tokens: rows.map((row) => ({
          id: row.id,
          name: row.name,
          created_at: row.created_at.toISOString(),
          last_used_at: iso(row.last_used_at),
          expires_at: iso(row.expires_at),
          expired: row.expires_at !== null && row.expires_at.getTime() <= now,
        })),
      };
    },
  });

  app.post('/api/me/tokens', {
    config: { access: { scope: 'authenticated' } },
    schema: {
      tags: ['account'],
      summary: 'Create a personal API token; its value is in this answer only',
      body: z.object({
        name: inputText('name: is required').trim().min(1, 'name: is required').max(100, 'name: at most 100 characters'),
        expires_at: isoTime
          .refine((value) => !Number.isNaN(Date.parse(value)) && Date.parse(value) > Date.now(), 'expires_at: a time in the future, like 2027-01-31T00:00:00Z')
          .nullable()
          .optional(),
      }),
      response: { 201: z.object({ token: z.object({ id: z.number(), name: z.string().nullable(), expires_at: isoTime.nullable() }), value: z.string() }).meta({ id: 'CreatedApiToken' }), ...errorResponses },
    },
    handler: async (request, reply) => {
      const expiresAt = request.body.expires_at ? new Date(request.body.expires_at) : null;
      const { token, value } = await createUserApiToken(db, { userId: viewerId(request), name: request.body.name, expiresAt }, auditContextOf(request));
      return reply.status(201).send({ token: { id: token.id, name: token.name, expires_at: iso(token.expires_at) }, value });
    },
  });

  app.delete('/api/me/tokens/:token_id', {
    config: { access: { scope: 'authenticated' } },
    schema: { tags: ['account'], summary: 'Revoke one of your tokens', params: z.object({ token_id: idParam }), response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      const revoked = await revokeUserApiToken(db, { userId: viewerId(request), tokenId: request.params.token_id }, auditContextOf(request));
      if (!revoked) throw new HttpError(404, 'token.not_found', 'You have no active token with this id.');
      return reply.status(204).send(null);
    },
  });
};
