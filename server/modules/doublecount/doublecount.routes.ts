import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditCtx, actorOf } from '../../context.ts';
import { access, OFFICE } from '../../plugins/access.ts';
import * as service from './doublecount.service.ts';

export async function doublecountRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['double-counts'];

  app.get(
    '/api/v1/double-counts',
    {
      config: access(OFFICE, 'region'),
      schema: {
        tags,
        summary: '重复统计核查 Possible double counts (office review list)',
        description:
          '`kind`: investor_regions (one investor, live projects in 2+ regions), similar_investors (enterprise ' +
          'names with pg_trgm similarity ≥ 0.8), similar_projects (one investor, one region, near-identical ' +
          'project names). `reviewed`: hide (default) | only | all.',
        querystring: z.strictObject({
          kind: z.enum(['investor_regions', 'similar_investors', 'similar_projects']).optional(),
          reviewed: z.enum(['hide', 'only', 'all']).optional(),
          page: z.coerce.number().int().min(1).max(100000).default(1),
          page_size: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (req) => service.listDoubleCounts(app.deps, req.query),
  );

  app.post(
    '/api/v1/double-counts/:key/confirm-distinct',
    {
      config: access(OFFICE, 'region'),
      schema: {
        tags,
        summary: '确认不重复 Confirm a candidate as distinct investments',
        params: z.object({ key: z.string().regex(service.KEY_PATTERN, 'unknown key format') }),
        body: z.strictObject({ note: z.string().trim().min(1, '请说明核实情况').max(2000) }),
      },
    },
    async (req) =>
      service.confirmDistinct(app.deps, actorOf(req), auditCtx(req), req.params.key, req.body.note),
  );

  app.post(
    '/api/v1/double-counts/merge',
    {
      config: access(OFFICE, 'region'),
      schema: {
        tags,
        summary: '合并企业 Merge enterprise records (projects repointed, audited)',
        body: z.strictObject({
          keep_id: z.uuid(),
          merge_ids: z.array(z.uuid()).min(1).max(50),
          note: z.string().trim().min(1, '请说明合并理由').max(2000),
        }),
      },
    },
    async (req) => service.mergeEnterprises(app.deps, auditCtx(req), req.body),
  );
}
