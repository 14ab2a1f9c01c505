import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MONTH_PATTERN } from '../../../shared/month.ts';
import { regionCodeSchema, monthSchema } from '../../../shared/schemas/common.ts';
import { actorOf, auditCtx } from '../../context.ts';
import { access, OFFICE, STAFF } from '../../plugins/access.ts';
import { renderBulletinFile, type BulletinFormat } from './bulletins.files.ts';
import * as service from './bulletins.service.ts';

const FILE = /^(\d{4}-(?:0[1-9]|1[0-2]))(?:\.(xlsx|pdf|docx))?$/;
const query = z.strictObject({
  parent: regionCodeSchema.optional(),
  version: z.coerce.number().int().min(1).optional(),
  source: z.enum(['live', 'published']).optional(),
});

export async function bulletinsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['bulletins'];

  app.get(
    '/api/v1/bulletins',
    {
      config: access(STAFF, 'none'),
      schema: {
        tags,
        summary: '已发布通报 Published bulletins',
        querystring: z.strictObject({ parent: regionCodeSchema.optional() }),
      },
    },
    async (req) => service.publishedList(app.deps, req.query.parent),
  );

  app.get(
    '/api/v1/bulletins/:month',
    {
      config: access(STAFF, 'none'),
      schema: {
        tags,
        summary: '月通报 The bulletin of a month (JSON, or .xlsx / .pdf / .docx)',
        description:
          'Rows are the regions directly under `parent` (default: the deployment root). Office, admin, leaders and departments ' +
          'get the live figures unless `version` or `source=published` is given; districts and liaison units see the latest ' +
          'published version (404 before the first). Append .xlsx, .pdf or .docx to the month to download the notice. ' +
          "Totals: sums over reported rows; the total target is the parent's own target when set, else the sum of the rows' targets.",
        params: z.object({ month: z.string().regex(FILE, '须为 YYYY-MM，或带 .xlsx/.pdf/.docx 后缀') }),
        querystring: query,
      },
    },
    async (req, reply) => {
      const [, month, ext] = FILE.exec(req.params.month)!;
      const b = await service.getBulletin(app.deps, actorOf(req), month, req.query);
      if (!ext) return b;
      const file = await renderBulletinFile(b, ext as BulletinFormat);
      return reply
        .header('content-type', file.mime)
        .header(
          'content-disposition',
          `attachment; filename="bulletin-${month}.${ext}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .send(file.body);
    },
  );

  app.get(
    '/api/v1/bulletins/:month/versions',
    {
      config: access(STAFF, 'none'),
      schema: {
        tags,
        summary: '通报版本 Published versions with their changes',
        params: z.object({ month: monthSchema }),
        querystring: z.strictObject({ parent: regionCodeSchema.optional() }),
      },
    },
    async (req) => service.versions(app.deps, req.params.month, req.query.parent),
  );

  app.get(
    '/api/v1/bulletins/:month/trend',
    {
      config: access(['admin', 'office', 'leader', 'department'], 'none'),
      schema: {
        tags,
        summary: '月度趋势 Month-by-month totals, this year and last',
        params: z.object({ month: monthSchema }),
        querystring: z.strictObject({ parent: regionCodeSchema.optional() }),
      },
    },
    async (req) => service.trend(app.deps, actorOf(req), req.params.month, req.query.parent),
  );

  app.post(
    '/api/v1/bulletins/:month/publish',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags,
        summary: '发布通报 Publish (freeze a new version)',
        description:
          'Freezes the live figures as version N+1 with a content hash and the changes against version N. 422 when nothing changed.',
        params: z.object({ month: z.string().regex(MONTH_PATTERN) }),
        body: z
          .strictObject({ parent: regionCodeSchema.optional(), note: z.string().max(2000).optional() })
          .nullish(),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.publish(app.deps, actorOf(req), req.params.month, req.body ?? {}, auditCtx(req))),
  );
}
