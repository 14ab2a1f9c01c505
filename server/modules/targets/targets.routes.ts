import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { amountSchema, regionCodeSchema } from '../../../shared/schemas/common.ts';
import { actorOf, auditCtx } from '../../context.ts';
import { access, OFFICE, STAFF } from '../../plugins/access.ts';
import * as service from './targets.service.ts';

const ratioSchema = z.string().regex(/^-?\d{1,3}(\.\d{1,4})?$/, '须为小数字符串，如 "0.1500"');
const year = z.coerce.number().int().min(2000).max(2100);

export async function targetsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['targets'];

  app.get(
    '/api/v1/targets',
    {
      config: access(STAFF, 'region'),
      schema: {
        tags,
        summary: '年度目标 Targets of a year',
        querystring: z.strictObject({ year, parent: regionCodeSchema.optional() }),
      },
    },
    async (req) => service.listTargets(app.deps, actorOf(req), req.query.year, req.query.parent),
  );

  app.get(
    '/api/v1/targets/:year/:region',
    {
      config: access(STAFF, 'region'),
      schema: { tags, summary: '年度目标 One region', params: z.object({ year, region: regionCodeSchema }) },
    },
    async (req) => service.getTarget(app.deps, actorOf(req), req.params.year, req.params.region),
  );

  app.put(
    '/api/v1/targets/:year/:region',
    {
      config: access(OFFICE, 'region'),
      schema: {
        tags,
        summary: "设置年度目标 Set a region's annual targets (万元 / 万美元)",
        params: z.object({ year, region: regionCodeSchema }),
        body: z.strictObject({
          domestic: amountSchema,
          foreign: amountSchema,
          growth_rate: ratioSchema.nullable().optional(),
          beijing_share: ratioSchema.nullable().optional(),
          top500_count: z.number().int().min(0).max(100000).nullable().optional(),
        }),
      },
    },
    async (req) => service.putTarget(app.deps, req.params.year, req.params.region, req.body, auditCtx(req)),
  );
}
