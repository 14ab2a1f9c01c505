import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  enterpriseCreateSchema,
  enterpriseListQuery,
  enterprisePatchSchema,
} from '../../../shared/schemas/enterprises.ts';
import { actorOf, auditCtx } from '../../context.ts';
import { access, OFFICE, STAFF } from '../../plugins/access.ts';
import { contentDisposition } from '../attachments/sniff.ts';
import { readUploadedFile } from '../attachments/upload.ts';
import * as excel from './enterprises.excel.ts';
import * as service from './enterprises.service.ts';

export const ENTERPRISE_WRITERS = ['admin', 'office', 'department', 'district'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function enterprisesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];
  const params = z.object({ id: z.uuid() });

  app.get(
    '/api/v1/enterprises',
    {
      config: access(STAFF, 'none'),
      schema: {
        tags,
        summary: '企业库 Enterprises',
        description: '`q` searches the name (pg_trgm) and matches a USCC exactly. → `{items, total}`',
        querystring: enterpriseListQuery,
      },
    },
    async (req) => service.listEnterprises(app.deps, req.query),
  );

  app.post(
    '/api/v1/enterprises',
    {
      config: access(ENTERPRISE_WRITERS, 'none'),
      schema: {
        tags,
        summary: '新建企业 Create an enterprise',
        description: 'A duplicate USCC answers 409 DUPLICATE with `details.existing_id`.',
        body: enterpriseCreateSchema,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createEnterprise(app.deps, actorOf(req), auditCtx(req), req.body)),
  );

  app.get(
    '/api/v1/enterprises.xlsx',
    {
      config: access(STAFF, 'none'),
      schema: {
        tags,
        summary: '导出企业 Export the filtered list to Excel',
        querystring: enterpriseListQuery.omit({ page: true, page_size: true }),
      },
    },
    async (req, reply) => {
      const stream = excel.exportEnterprises(app.deps, req.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition(`企业库-${excel.stamp()}.xlsx`))
        .send(stream);
    },
  );

  app.get(
    '/api/v1/enterprises/import-template.xlsx',
    { config: access(STAFF, 'none'), schema: { tags, summary: '企业导入模板 Import template' } },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition('企业导入模板.xlsx'))
        .send(await excel.enterpriseTemplate()),
  );

  app.post(
    '/api/v1/enterprises/import',
    {
      config: access(ENTERPRISE_WRITERS, 'none'),
      schema: {
        tags,
        summary: '导入企业 Import enterprises from Excel (all or nothing)',
        description:
          'Multipart field `file` (.xlsx, sheet 企业). Matched by USCC, else by exact name for investors ' +
          'without one. Any error: nothing is written, 422 with `details.errors` and an error workbook at ' +
          '`details.error_file`. Large files answer 202 with a job to poll.',
      },
    },
    async (req, reply) => {
      const file = await readUploadedFile(req, app.deps.config.MAGNET_MAX_UPLOAD_MB);
      const res = await excel.importEnterprises(app.deps, actorOf(req), auditCtx(req), file);
      return reply.status(res.status).send(res.body);
    },
  );

  app.get(
    '/api/v1/enterprises/:id',
    {
      config: access(STAFF, 'region'),
      schema: { tags, summary: '企业详情 One enterprise, with its projects the caller may see', params },
    },
    async (req) => service.getEnterprise(app.deps, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/enterprises/:id',
    {
      config: access(ENTERPRISE_WRITERS, 'none'),
      schema: { tags, summary: '修改企业 Update (carries version)', params, body: enterprisePatchSchema },
    },
    async (req) => service.updateEnterprise(app.deps, auditCtx(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/enterprises/:id',
    {
      config: access(OFFICE, 'none'),
      schema: { tags, summary: '删除企业 Delete (soft; refused while it has projects)', params },
    },
    async (req, reply) => {
      await service.deleteEnterprise(app.deps, auditCtx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
