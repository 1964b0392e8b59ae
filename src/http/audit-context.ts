import type { FastifyRequest } from 'fastify';
import type { AuditContext } from '../domain/audit';

/** Who is acting in this request and from which address, as the audit trail records it (issue 8). */
export function auditContextOf(request: FastifyRequest): AuditContext {
  const viewer = request.viewer;
  return {
    actor: viewer ? { user_id: viewer.id, token_id: viewer.tokenId, name: viewer.name ?? viewer.email } : { user_id: null, token_id: null, name: null },
    ip: request.ip,
  };
}
