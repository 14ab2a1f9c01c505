import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  projectCreateSchema,
  projectExportQuery,
  projectListQuery,
  projectPatchSchema,
  transitionSchema,
} from '../../../shared/schemas/projects.ts';
import { actorOf, auditCtx } from '../../context.ts';
import { access, STAFF } from '../../plugins/access.ts';
import { contentDisposition } from '../attachments/sniff.ts';
import { readUploadedFile } from '../attachments/upload.ts';
import * as excel from './projects.excel.ts';
import * as service from './projects.service.ts';

/** Roles that may write projects at all; which projects is decided per record in the service. */
export const PROJECT_WRITERS = ['admin', 'office', 'department', 'district'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function projectsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];
  const params = z.object({ id: z.uuid() });

  app.get(
    '/api/v1/projects',
    {
      config: access(STAFF, 'region'),
      schema: {
        tags,
        summary: '项目库 Projects (filters, search, sort, pages)',
        description:
          '`region` a subtree, `industry` a code prefix or a section letter, `stage` a comma list, `origin` a region ' +
          'subtree or a country, `q` project/investor name (pg_trgm), project code or investor USCC; ' +
          '`sort` e.g. `-planned_amount,name`. → `{items, total}`',
        querystring: projectListQuery,
      },
    },
    async (req) => service.listProjects(app.deps, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/projects',
    {
      config: access(PROJECT_WRITERS, 'region'),
      schema: {
        tags,
        summary: '新建项目 Create a project (starts at lead)',
        description:
          'The answer may carry `warnings` (possible double counting); the project is saved anyway.',
        body: projectCreateSchema,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createProject(app.deps, actorOf(req), auditCtx(req), req.body)),
  );

  app.get(
    '/api/v1/projects.xlsx',
    {
      config: access(STAFF, 'region'),
      schema: {
        tags,
        summary: '导出项目 Export exactly the filtered, sorted list to Excel',
        querystring: projectExportQuery,
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition(`项目库-${excel.stamp()}.xlsx`))
        .send(excel.exportProjects(app.deps, actorOf(req), req.query)),
  );

  app.get(
    '/api/v1/projects/import-template.xlsx',
    { config: access(STAFF, 'region'), schema: { tags, summary: '项目导入模板 Import template' } },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition('项目导入模板.xlsx'))
        .send(await excel.projectTemplate()),
  );

  app.post(
    '/api/v1/projects/import',
    {
      config: access(PROJECT_WRITERS, 'region'),
      schema: {
        tags,
        summary: '导入项目 Import projects from Excel (all or nothing)',
        description:
          'Multipart field `file` (.xlsx, sheet 项目). Rows update the project with the same code, else the ' +
          'project of the same investor USCC and name, else create one. Any error: nothing is written, 422 with ' +
          '`details.errors` ({row, column, header, message}) and an error workbook at `details.error_file`. ' +
          `More than ${excel.SYNC_IMPORT_ROWS} rows answer 202 \`{job_id}\`: poll \`GET /api/v1/jobs/:id\`.`,
      },
    },
    async (req, reply) => {
      const file = await readUploadedFile(req, app.deps.config.MAGNET_MAX_UPLOAD_MB);
      const res = await excel.importProjects(app.deps, actorOf(req), auditCtx(req), file);
      return reply.status(res.status).send(res.body);
    },
  );

  app.get(
    '/api/v1/projects/:id',
    { config: access(STAFF, 'region'), schema: { tags, summary: '项目详情 One project', params } },
    async (req) => service.getProject(app.deps, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/projects/:id',
    {
      config: access(PROJECT_WRITERS, 'region'),
      schema: {
        tags,
        summary: '修改项目 Update (carries version; stale → 409 with the current record)',
        params,
        body: projectPatchSchema,
      },
    },
    async (req) => service.updateProject(app.deps, actorOf(req), auditCtx(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/projects/:id',
    {
      config: access(PROJECT_WRITERS, 'region'),
      schema: { tags, summary: '删除项目 Delete (soft, audited)', params },
    },
    async (req, reply) => {
      await service.deleteProject(app.deps, actorOf(req), auditCtx(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/projects/:id/transitions',
    {
      config: access(PROJECT_WRITERS, 'region'),
      schema: {
        tags,
        summary: '阶段变更 Move a project to another stage',
        description:
          'One stage forward at a time, or `dropped` with a reason in `note`; date not in the future; from `signed` ' +
          'on at least one `evidence` attachment; polluting / outdated-capacity projects need an office ' +
          '`override_reason` to pass `negotiating`. A refused move answers 422 RULE with `details.rule`.',
        params,
        body: transitionSchema,
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.transitionProject(app.deps, actorOf(req), auditCtx(req), req.params.id, req.body),
        ),
  );

  app.get(
    '/api/v1/projects/:id/transitions',
    {
      config: access(STAFF, 'region'),
      schema: { tags, summary: '阶段时间线 Stage history, oldest first', params },
    },
    async (req) => ({ items: await service.listTransitions(app.deps, actorOf(req), req.params.id) }),
  );
}
