import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listBaselines } from '../../db/queries/baselines';
import { readableNamesFor } from '../../db/queries/directory-names';
import { findFinding, listFindings } from '../../db/queries/findings';
import { startBaselineCapture } from '../../use-cases/drift/start-baseline-capture';
import { triageFinding } from '../../use-cases/drift/triage-finding';
import { startOperation } from '../../use-cases/operations/start-operation';
import type { RegisterRoutes } from '../app-context';
import { auditContextOf } from '../audit-context';
import { createdAtCursorParam, encodeCreatedAtCursor } from '../cursors/created-at-cursor';
import { conflict, notFound } from '../errors';
import { operationsPortsOf } from '../operations-ports';
import { accessOf } from '../plugins/access';
import { findingNameIds, presentBaseline, presentFindingForViewer, presentNamedFinding } from '../presenters/finding';
import { errorResponses, idParam } from '../schemas/common';
import { baselineListSchema, closeFindingBody, findingDetailSchema, findingListQuery, findingListSchema } from '../schemas/drift';
import { startedRunSchema } from '../schemas/operations';
import { startOperationReply } from '../start-operation-reply';

// Baselines, drift scans and findings (SPEC §4, §5; issue 7). Starting a capture or a scan creates a run like
// every other operation; triage is decided by the access hook's capabilities and the finding's state.
export const registerDriftRoutes: RegisterRoutes = (app, ctx) => {
  const { db } = ctx;
  const tenantParams = z.object({ tenant_id: idParam });
  const findingParams = z.object({ finding_id: idParam });
  const started = { 202: startedRunSchema, ...errorResponses, 503: errorResponses[409] };

  app.post('/api/tenants/:tenant_id/baseline/capture', {
    config: { access: { scope: 'tenant', capability: 'start_operations' } },
    schema: {
      tags: ['drift'],
      summary: "Capture the tenant's inventory as its baseline",
      description: '202 with the run (reused while a capture is active). 409 unless the tenant is active, and when its latest sync failed or none finished.',
      params: tenantParams,
      response: started,
    },
    handler: async (request, reply) => {
      const result = await startBaselineCapture({ db, queue: operationsPortsOf(ctx).queue }, { tenantId: accessOf(request).scopeId, audit: auditContextOf(request) });
      if (!result.ok && (result.code === 'baseline.no_sync' || result.code === 'baseline.latest_sync_failed')) throw conflict(result.code, result.message);
      return startOperationReply(reply, result as Exclude<typeof result, { code: 'baseline.no_sync' | 'baseline.latest_sync_failed' }>);
    },
  });

  app.post('/api/tenants/:tenant_id/drift/scan', {
    config: { access: { scope: 'tenant', capability: 'start_operations' } },
    schema: {
      tags: ['drift'],
      summary: 'Compare the latest inventory with the current baseline',
      description: '202 with the run (reused while a scan is active); without a baseline the run fails with drift.no_baseline. 409 unless the tenant is active.',
      params: tenantParams,
      response: started,
    },
    handler: async (request, reply) =>
      startOperationReply(
        reply,
        await startOperation({ db, queue: operationsPortsOf(ctx).queue }, { tenantId: accessOf(request).scopeId, type: 'drift.scan', audit: auditContextOf(request) }),
      ),
  });

  app.get('/api/tenants/:tenant_id/baselines', {
    config: { access: { scope: 'tenant', capability: 'view' } },
    schema: { tags: ['drift'], summary: "The tenant's baselines, newest first (the current one first)", params: tenantParams, response: { 200: baselineListSchema, ...errorResponses } },
    handler: async (request) => {
      const rows = await listBaselines(db, accessOf(request).scopeId);
      return { baselines: rows.map((row) => presentBaseline(row, rows[0]?.id ?? null)) };
    },
  });

  app.get('/api/tenants/:tenant_id/findings', {
    config: { access: { scope: 'tenant', capability: 'view' } },
    schema: {
      tags: ['drift'],
      summary: 'Findings, newest first (keyset pages), filtered by status, severity, kind and policy type',
      params: tenantParams,
      querystring: findingListQuery,
      response: { 200: findingListSchema, ...errorResponses },
    },
    handler: async (request) => {
      const { cursor: rawCursor, limit, ...filters } = request.query;
      const cursor = createdAtCursorParam(rawCursor);
      const tenantId = accessOf(request).scopeId;
      const page = await listFindings(db, { tenantId, filters, cursor, limit });
      const names = await readableNamesFor(db, tenantId, findingNameIds(page.findings));
      return { findings: page.findings.map((row) => presentNamedFinding(row, names)), next_cursor: page.next ? encodeCreatedAtCursor(page.next) : null };
    },
  });

  app.get('/api/findings/:finding_id', {
    config: { access: { scope: 'finding', capability: 'view' } },
    schema: {
      tags: ['drift'],
      summary: 'One finding with its evidence and the triage actions open to the viewer',
      params: findingParams,
      response: { 200: z.object({ finding: findingDetailSchema }), ...errorResponses },
    },
    handler: async (request) => {
      const { scopeId, role } = accessOf(request);
      const row = await findFinding(db, scopeId);
      if (!row) throw notFound('finding');
      return { finding: presentFindingForViewer(row, role, await readableNamesFor(db, row.tenant_id, findingNameIds([row]))) };
    },
  });

  const triageResponse = { 200: z.object({ finding: findingDetailSchema }), ...errorResponses };
  const triaged = (request: FastifyRequest) => async (result: Awaited<ReturnType<typeof triageFinding>>) => {
    if (!result.ok) throw conflict(result.code, result.message);
    const names = await readableNamesFor(db, result.finding.tenant_id, findingNameIds([result.finding]));
    return { finding: presentFindingForViewer(result.finding, accessOf(request).role, names) };
  };

  app.post('/api/findings/:finding_id/acknowledge', {
    config: { access: { scope: 'finding', capability: 'acknowledge_findings' } },
    schema: { tags: ['drift'], summary: 'Acknowledge an open finding (operator and up)', params: findingParams, response: triageResponse },
    handler: async (request) => triaged(request)(await triageFinding(db, { findingId: accessOf(request).scopeId, action: 'acknowledge' }, auditContextOf(request))),
  });

  app.post('/api/findings/:finding_id/close', {
    config: { access: { scope: 'finding', capability: 'close_findings' } },
    schema: { tags: ['drift'], summary: 'Close an open finding with a reason (manager and up)', params: findingParams, body: closeFindingBody, response: triageResponse },
    handler: async (request) =>
      triaged(request)(
        await triageFinding(
          db,
          { findingId: accessOf(request).scopeId, action: 'close', reason: request.body.reason, note: request.body.note || null },
          auditContextOf(request),
        ),
      ),
  });

  app.post('/api/findings/:finding_id/reopen', {
    config: { access: { scope: 'finding', capability: 'close_findings' } },
    schema: { tags: ['drift'], summary: 'Reopen a closed finding (manager and up)', params: findingParams, response: triageResponse },
    handler: async (request) => triaged(request)(await triageFinding(db, { findingId: accessOf(request).scopeId, action: 'reopen' }, auditContextOf(request))),
  });
};
