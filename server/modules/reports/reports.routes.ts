import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { monthSchema, regionCodeSchema } from '../../../shared/schemas/common.ts';
import { actorOf, auditCtx } from '../../context.ts';
import { access, OFFICE, STAFF } from '../../plugins/access.ts';
import * as service from './reports.service.ts';

const params = z.object({ region: regionCodeSchema, month: monthSchema });

export async function reportsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['monthly-reports'];

  app.get(
    '/api/v1/monthly-reports',
    {
      config: access(STAFF, 'region'),
      schema: {
        tags,
        summary: '月报队列 Reports of a month (the office queue)',
        querystring: z.strictObject({
          month: monthSchema,
          status: z.enum(['draft', 'submitted', 'approved', 'returned']).optional(),
          parent: regionCodeSchema.optional(),
          late: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
      },
    },
    async (req) => service.listReports(app.deps, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/monthly-reports/settings',
    { config: access(STAFF, 'none'), schema: { tags, summary: '月报设置 Due day' } },
    async () => ({ due_day: await service.dueDay(app.deps) }),
  );

  app.put(
    '/api/v1/monthly-reports/settings',
    {
      config: access(OFFICE, 'admin'),
      schema: {
        tags,
        summary: '设置报送截止日 Set the due day (day of the next month)',
        body: z.strictObject({ due_day: z.number().int().min(1).max(28) }),
      },
    },
    async (req) => service.setDueDay(app.deps, req.body.due_day, auditCtx(req)),
  );

  app.get(
    '/api/v1/monthly-reports/:region/:month',
    {
      config: access(STAFF, 'region'),
      schema: { tags, summary: '月报 One report with totals and lists', params },
    },
    async (req) => service.getReport(app.deps, actorOf(req), req.params.region, req.params.month),
  );

  const move = (
    action: 'submit' | 'approve' | 'return' | 'reopen',
    roles: readonly ('admin' | 'office' | 'district')[],
    summary: string,
    reason: boolean,
  ) =>
    app.post(
      `/api/v1/monthly-reports/:region/:month/${action}`,
      {
        config: access(roles, 'region'),
        schema: {
          tags,
          summary,
          params,
          body: reason
            ? z.strictObject({ reason: z.string().trim().min(1).max(1000) })
            : z.strictObject({ note: z.string().max(1000).optional() }).nullish(),
        },
      },
      async (req) => {
        const body = req.body as { reason?: string } | undefined;
        return service.moveReport(
          app.deps,
          actorOf(req),
          req.params.region,
          req.params.month,
          action,
          body?.reason,
          auditCtx(req),
        );
      },
    );
  move('submit', ['admin', 'office', 'district'], '提交月报 Submit (draft/returned → submitted)', false);
  move('approve', ['admin', 'office'], '审核通过 Approve (submitted → approved; locks the entries)', false);
  move('return', ['admin', 'office'], '退回 Return with a reason (submitted → returned)', true);
  move('reopen', ['admin', 'office'], '重开 Reopen with a reason (approved → draft)', true);
}
