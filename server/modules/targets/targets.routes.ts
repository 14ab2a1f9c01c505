import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { amountSchema, regionCodeSchema } from '../../../shared/schemas/common.ts';
import { actorOf, auditCtx } from '../../context.ts';
import { access, OFFICE, STAFF } from '../../plugins/access.ts';
import { contentDisposition } from '../attachments/sniff.ts';
import { readUploadedFile } from '../attachments/upload.ts';
import * as excel from './targets.excel.ts';
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
    '/api/v1/targets/export.xlsx',
    {
      config: access(STAFF, 'none'),
      schema: {
        tags,
        summary: '导出年度目标 Export a year (also the import template)',
        querystring: z.strictObject({ year }),
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`${req.query.year}年度目标.xlsx`))
        .send(await excel.exportTargets(app.deps, req.query.year)),
  );

  app.post(
    '/api/v1/targets/import',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags,
        summary: '导入年度目标 Import a year from Excel (all or nothing)',
        description:
          'Multipart field `file` (.xlsx, sheet 年度目标, as exported). Any faulty row: nothing is written, 422 with ' +
          '`details.errors` ({row, column, header, message}). Every changed row is audited.',
        querystring: z.strictObject({ year }),
      },
    },
    async (req) => {
      const file = await readUploadedFile(req, app.deps.config.MAGNET_MAX_UPLOAD_MB);
      return excel.importTargets(app.deps, req.query.year, file, auditCtx(req));
    },
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
