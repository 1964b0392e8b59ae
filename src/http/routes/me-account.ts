import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { changeOwnPassword, endOwnSession, listOwnSessions } from '../../use-cases/accounts/own-account';
import type { RegisterRoutes } from '../app-context';
import { auditContextOf } from '../audit-context';
import { HttpError, badRequest } from '../errors';
import { signedInViewer } from '../plugins/authentication';
import { errorResponses, inputText, isoTime } from '../schemas/common';

const sessionSchema = z
  .object({
    id: z.string().describe('A digest of the session, never its id'),
    signed_in_at: isoTime.nullable(),
    user_agent: z.string().nullable(),
    ip: z.string().nullable(),
    expires_at: isoTime,
    current: z.boolean().describe('The session making this request'),
  })
  .meta({ id: 'AccountSession' });

// Your own account (issue 8): your password and your browser sessions.
export const registerMeAccountRoutes: RegisterRoutes = (app, { db }) => {
  const viewerId = (request: FastifyRequest) => signedInViewer(request).id;
  const currentSid = (request: FastifyRequest) => (request.viewer?.via === 'session' ? request.session.sessionId : null);

  app.post('/api/me/password', {
    config: { access: { scope: 'authenticated' } },
    schema: {
      tags: ['account'],
      summary: 'Change your password; every other session of yours ends',
      body: z.object({
        current_password: inputText('current_password: is required').min(1, 'current_password: is required').max(1024),
        new_password: inputText('new_password: is required').min(8, 'new_password: at least 8 characters').max(1024),
      }),
      response: { 200: z.object({ other_sessions_ended: z.number().int() }), ...errorResponses },
    },
    handler: async (request) => {
      const result = await changeOwnPassword(
        db,
        { userId: viewerId(request), currentPassword: request.body.current_password, newPassword: request.body.new_password, currentSid: currentSid(request) },
        auditContextOf(request),
      );
      if (!result.ok) throw badRequest(result.field, result.message);
      return { other_sessions_ended: result.sessionsEnded };
    },
  });

  app.get('/api/me/sessions', {
    config: { access: { scope: 'authenticated' } },
    schema: { tags: ['account'], summary: 'Your signed-in browser sessions', response: { 200: z.object({ sessions: z.array(sessionSchema) }), ...errorResponses } },
    handler: async (request) => ({ sessions: await listOwnSessions(db, viewerId(request), currentSid(request)) }),
  });

  app.delete('/api/me/sessions/:session_id', {
    config: { access: { scope: 'authenticated' } },
    schema: { tags: ['account'], summary: 'End one of your other sessions (sign out from this one instead)', params: z.object({ session_id: inputText().max(64) }), response: { 204: z.null(), ...errorResponses } },
    handler: async (request, reply) => {
      const ended = await endOwnSession(db, { userId: viewerId(request), handle: request.params.session_id, currentSid: currentSid(request) }, auditContextOf(request));
      if (!ended) throw new HttpError(404, 'session.not_found', 'You have no other session with this id.');
      return reply.status(204).send(null);
    },
  });
};
