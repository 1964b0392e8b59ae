import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { listAuditEntries, type AuditFilters } from '../../db/queries/audit-entries';
import type { RunCursor } from '../../db/queries/operation-run-listing';
import type { RegisterRoutes } from '../app-context';
import { createdAtCursorParam, encodeCreatedAtCursor } from '../cursors/created-at-cursor';
import { accessOf } from '../plugins/access';
import { auditCsvColumns, auditCsvRecord, presentAuditEntry } from '../presenters/audit';
import { auditPageSchema, auditQuery } from '../schemas/audit';
import { errorResponses, idParam } from '../schemas/common';

const CSV_PAGE = 500;

// The workspace's audit trail (SPEC §4; issue 8): readable by every member, keyset pages, and the same filter as
// CSV (Accept: text/csv, or the .csv path). The export streams page by page, so its size never sits in memory.
export const registerAuditRoutes: RegisterRoutes = (app, { db }) => {
  const params = z.object({ workspace_id: idParam });
  const description =
    'Newest first; filters combine. `from` and `to` are ISO 8601 times (`to` exclusive). With `Accept: text/csv` (or at …/audit.csv) ' +
    'the whole filtered trail is exported as CSV; cursor and limit then do not apply.';

  const csv = (reply: FastifyReply, workspaceId: number, filters: AuditFilters) => {
    async function* lines() {
      yield stringify([], { header: true, columns: [...auditCsvColumns] });
      let cursor: RunCursor | undefined;
      do {
        const page = await listAuditEntries(db, { workspaceId, filters, cursor, limit: CSV_PAGE });
        // escape_formulas: a cell starting with =, +, - or @ cannot run as a formula in a spreadsheet.
        if (page.entries.length > 0) yield stringify(page.entries.map(auditCsvRecord), { columns: [...auditCsvColumns], escape_formulas: true });
        cursor = page.next ?? undefined;
      } while (cursor);
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-workspace-${workspaceId}.csv"`)
      .send(Readable.from(lines()));
  };

  app.get('/api/workspaces/:workspace_id/audit', {
    config: { access: { scope: 'workspace', capability: 'view' } },
    schema: { tags: ['audit'], summary: "The workspace's audit trail", description, params, querystring: auditQuery, response: { 200: auditPageSchema, ...errorResponses } },
    handler: async (request, reply) => {
      const workspaceId = accessOf(request).scopeId;
      const { cursor: rawCursor, limit, ...filters } = request.query;
      if (/\btext\/csv\b/.test(request.headers.accept ?? '')) return csv(reply, workspaceId, filters);
      const cursor = createdAtCursorParam(rawCursor);
      const page = await listAuditEntries(db, { workspaceId, filters, cursor, limit });
      return { entries: page.entries.map(presentAuditEntry), next_cursor: page.next ? encodeCreatedAtCursor(page.next) : null };
    },
  });

  app.get('/api/workspaces/:workspace_id/audit.csv', {
    config: { access: { scope: 'workspace', capability: 'view' } },
    schema: { tags: ['audit'], summary: "The workspace's audit trail as CSV", description, params, querystring: auditQuery, response: { 200: z.string().describe('text/csv'), ...errorResponses } },
    handler: async (request, reply) => {
      const { cursor: _cursor, limit: _limit, ...filters } = request.query;
      return csv(reply, accessOf(request).scopeId, filters);
    },
  });
};
