import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAPITAL_KINDS } from '../../../shared/enums.ts';
import { amountSchema, monthSchema, pageSchema, regionCodeSchema } from '../../../shared/schemas/common.ts';
import { currentMonthCst } from '../../../shared/month.ts';
import { actorOf, auditCtx } from '../../context.ts';
import { access, STAFF } from '../../plugins/access.ts';
import { contentDisposition } from '../attachments/sniff.ts';
import { readUploadedFile } from '../attachments/upload.ts';
import { capitalTemplate, importCapital } from './capital.excel.ts';
import * as service from './capital.service.ts';

const WRITE = ['admin', 'office', 'district'] as const;
const idParams = z.object({ id: z.uuid() });

export async function capitalRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['capital'];

  app.get(
    '/api/v1/capital-entries',
    {
      config: access(STAFF, 'region'),
      schema: {
        tags,
        summary: '资金到位记录 Capital entries',
        description:
          '`region` matches the region and everything under it; `month` is YYYY-MM (or `from`/`to`).',
        querystring: z.strictObject({
          region: regionCodeSchema.optional(),
          month: monthSchema.optional(),
          from: monthSchema.optional(),
          to: monthSchema.optional(),
          project_id: z.uuid().optional(),
          kind: z.enum(CAPITAL_KINDS).optional(),
          status: z.enum(['valid', 'false']).optional(),
          ...pageSchema,
        }),
      },
    },
    async (req) => service.listEntries(app.deps, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/capital-entries',
    {
      config: access(WRITE, 'region'),
      schema: {
        tags,
        summary: '填报资金到位 Record capital put in place',
        description:
          "Domestic in 万元, foreign in 万美元. 409 if the project already has an entry for that month and kind; 422 when the month's report is submitted or approved.",
        body: z.strictObject({
          project_id: z.uuid(),
          month: monthSchema,
          kind: z.enum(CAPITAL_KINDS),
          amount: amountSchema,
          note: z.string().max(500).nullable().optional(),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createEntry(app.deps, actorOf(req), req.body, auditCtx(req))),
  );

  app.get(
    '/api/v1/capital-entries/grid',
    {
      config: access(STAFF, 'region'),
      schema: {
        tags,
        summary: '填报表格 The entry grid of a region and month, a page at a time',
        description:
          'Rows: the live projects of `region` (past 线索, not dropped) and any project with an entry in `month`, ' +
          'by project code. `q` matches the project name, the investor name or part of the code; `filled=yes` ' +
          'keeps the rows with an entry this month, `no` those without. `total` counts the matching rows; ' +
          '`totals` (the month) and `ytd_totals` (January to the month, valid entries) sum every row of the ' +
          'grid, whatever the filter and the page.',
        querystring: z.strictObject({
          region: regionCodeSchema,
          month: monthSchema,
          page: z.coerce.number().int().min(1).max(1_000_000).default(1),
          page_size: z.coerce.number().int().min(1).max(1000).default(100),
          q: z.string().trim().max(100).optional(),
          filled: z.enum(['yes', 'no']).optional(),
        }),
      },
    },
    async (req) => service.grid(app.deps, actorOf(req), req.query),
  );

  app.put(
    '/api/v1/capital-entries/grid',
    {
      config: access(WRITE, 'region'),
      schema: {
        tags,
        summary: '保存填报表格 Save the grid (all or nothing)',
        description: 'Per row: a value sets the entry, `null` removes it, an absent key leaves it.',
        body: z.strictObject({
          region: regionCodeSchema,
          month: monthSchema,
          rows: z
            .array(
              z.strictObject({
                project_id: z.uuid(),
                domestic: amountSchema.nullable().optional(),
                foreign: amountSchema.nullable().optional(),
              }),
            )
            .max(5000),
        }),
      },
    },
    async (req) => service.saveGrid(app.deps, actorOf(req), req.body, auditCtx(req)),
  );

  app.get(
    '/api/v1/capital-entries/import-template.xlsx',
    {
      config: access(STAFF, 'region'),
      schema: {
        tags,
        summary: "资金到位导入模板 Import template (prefilled with a region's live projects)",
        querystring: z.strictObject({ region: regionCodeSchema.optional(), month: monthSchema.optional() }),
      },
    },
    async (req, reply) => {
      const month = req.query.month ?? currentMonthCst();
      const buf = await capitalTemplate(app.deps, actorOf(req), req.query.region, month);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`资金到位导入模板-${month}.xlsx`))
        .send(buf);
    },
  );

  app.post(
    '/api/v1/capital-entries/import',
    {
      config: access(WRITE, 'region'),
      schema: {
        tags,
        summary: "导入资金到位 Import a month's entries from Excel (all or nothing)",
        description:
          'Multipart field `file` (.xlsx, sheet 资金到位: 项目编号, 月份, 类别, 到位金额). Any error: nothing is written, 422 with ' +
          '`details.errors` ({row, column, header, message}) and an error workbook at `details.error_file`.',
      },
    },
    async (req, reply) => {
      const file = await readUploadedFile(req, app.deps.config.MAGNET_MAX_UPLOAD_MB);
      const res = await importCapital(app.deps, actorOf(req), auditCtx(req), file);
      return reply.status(res.status).send(res.body);
    },
  );

  app.get(
    '/api/v1/capital-entries/:id',
    {
      config: access(STAFF, 'region'),
      schema: { tags, summary: '资金到位记录 One entry', params: idParams },
    },
    async (req) => service.getEntry(app.deps, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/capital-entries/:id',
    {
      config: access(WRITE, 'region'),
      schema: {
        tags,
        summary: '修改资金到位记录 Change an entry (carries version)',
        params: idParams,
        body: z.strictObject({
          version: z.number().int().min(1),
          amount: amountSchema.optional(),
          note: z.string().max(500).nullable().optional(),
        }),
      },
    },
    async (req) => service.updateEntry(app.deps, actorOf(req), req.params.id, req.body, auditCtx(req)),
  );

  app.delete(
    '/api/v1/capital-entries/:id',
    {
      config: access(WRITE, 'region'),
      schema: { tags, summary: '删除资金到位记录 Delete an entry', params: idParams },
    },
    async (req, reply) => {
      await service.deleteEntry(app.deps, actorOf(req), req.params.id, auditCtx(req));
      return reply.status(204).send();
    },
  );
}
