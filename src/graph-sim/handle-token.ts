// POST /{tenant}/oauth2/v2.0/token: the client-credentials grant as Microsoft Entra ID answers it,
// including its error shapes (error, error_description with an AADSTS code, error_codes).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readBody, sendJson } from './http-io';
import { findTenant, type SimContext } from './sim-context';
import { tokenEndpointPath, type FaultKind } from './sim-faults';
import { answerFault } from './answer-fault';

export async function handleTokenRequest(
  context: SimContext,
  request: IncomingMessage,
  response: ServerResponse,
  tenantSegment: string,
): Promise<{ entraTenantId: string | null; status: number; fault: FaultKind | null }> {
  const form = new URLSearchParams(await readBody(request));
  const tenant = findTenant(context, tenantSegment);
  if (!tenant) {
    return entraError(response, 400, 'invalid_request', 90002, `Tenant '${tenantSegment}' not found.`, null);
  }
  const id = tenant.entra_tenant_id;
  const fault = context.faults.take(id, 'token', tokenEndpointPath);
  if (fault?.kind === 'bad_credentials') {
    return { ...entraError(response, 401, 'invalid_client', 7000215, 'Invalid client secret provided.', id), fault: fault.kind };
  }
  if (fault) {
    const answered = await answerFault(context, response, fault);
    if (answered !== null) return { entraTenantId: id, status: answered, fault: fault.kind };
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return entraError(response, 400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.', id);
  }
  if (form.get('client_id') !== tenant.client_id) {
    const message = `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory.`;
    return entraError(response, 401, 'invalid_client', 700016, message, id);
  }
  if (form.get('client_secret') !== tenant.client_secret) {
    return entraError(response, 401, 'invalid_client', 7000215, 'Invalid client secret provided.', id);
  }
  if (!(form.get('scope') ?? '').endsWith('/.default')) {
    return entraError(response, 400, 'invalid_scope', 1002012, 'The provided value for scope is not valid.', id);
  }
  const accessToken = context.tokens.issue(id, context.tokenLifetimeSeconds);
  sendJson(response, 200, {
    token_type: 'Bearer',
    expires_in: context.tokenLifetimeSeconds,
    ext_expires_in: context.tokenLifetimeSeconds,
    access_token: accessToken,
  });
  return { entraTenantId: id, status: 200, fault: fault?.kind ?? null };
}

function entraError(
  response: ServerResponse,
  status: number,
  error: string,
  code: number,
  description: string,
  entraTenantId: string | null,
): { entraTenantId: string | null; status: number; fault: null } {
  sendJson(response, status, {
    error,
    error_description: `AADSTS${code}: ${description}`,
    error_codes: [code],
    timestamp: new Date().toISOString(),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
  return { entraTenantId, status, fault: null };
}
