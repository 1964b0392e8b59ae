import { z } from 'zod';
import { workspaceSchedule } from '../../db/queries/sync-scan-schedule';
import { changeSchedule } from '../../use-cases/schedules/change-schedule';
import type { RegisterRoutes } from '../app-context';
import { auditContextOf } from '../audit-context';
import { accessOf } from '../plugins/access';
import { errorResponses, idParam } from '../schemas/common';

const scheduleSchema = z
  .object({
    interval_hours: z
      .number()
      .int('interval_hours: whole hours')
      .min(1, 'interval_hours: at least 1 hour')
      .max(720, 'interval_hours: at most 720 hours (30 days)')
      .nullable()
      .describe('Hours between the automatic sync and scan of every active tenant; null turns them off'),
  })
  .meta({ id: 'SyncScanSchedule' });

// The workspace's sync-and-scan schedule (issue 7): every active tenant is synced and then scanned this often.
export const registerScheduleRoutes: RegisterRoutes = (app, { db }) => {
  const params = z.object({ workspace_id: idParam });

  app.get('/api/workspaces/:workspace_id/schedule', {
    config: { access: { scope: 'workspace', capability: 'view' } },
    schema: { tags: ['drift'], summary: "The workspace's sync-and-scan schedule", params, response: { 200: scheduleSchema, ...errorResponses } },
    handler: async (request) => ({ interval_hours: await workspaceSchedule(db, accessOf(request).scopeId) }),
  });

  app.put('/api/workspaces/:workspace_id/schedule', {
    config: { access: { scope: 'workspace', capability: 'manage_tenants' } },
    schema: { tags: ['drift'], summary: 'Change the sync-and-scan schedule (manager and up)', params, body: scheduleSchema, response: { 200: scheduleSchema, ...errorResponses } },
    handler: async (request) => {
      await changeSchedule(db, accessOf(request).scopeId, request.body.interval_hours, auditContextOf(request));
      return { interval_hours: request.body.interval_hours };
    },
  });
};
