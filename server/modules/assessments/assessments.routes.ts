import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  periodSchema,
  RUN_STATUSES,
  schemeInputSchema,
  schemeUpdateSchema,
} from '../../../shared/schemas/assessments.ts';
import { regionCodeSchema } from '../../../shared/schemas/common.ts';
import { actorOf, auditCtx } from '../../context.ts';
import { access, OFFICE } from '../../plugins/access.ts';
import { contentDisposition } from '../attachments/sniff.ts';
import type { RunFormat } from './assessments.files.ts';
import * as runs from './runs.service.ts';
import * as schemes from './schemes.service.ts';

/** Who reads assessments: office and leaders everything, districts their own final results. */
const READERS = ['admin', 'office', 'leader', 'district'] as const;
const MANAGERS_AND_LEADERS = ['admin', 'office', 'leader'] as const;
const id = z.object({ id: z.uuid() });

export async function assessmentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['assessments'];

  app.get(
    '/api/v1/assessments/metrics',
    { config: access(READERS, 'none'), schema: { tags, summary: '指标库 The metric catalog' } },
    async () => schemes.metricCatalog(),
  );

  app.get(
    '/api/v1/assessments/settings',
    {
      config: access(READERS, 'none'),
      schema: { tags, summary: '考核设置 Strategic industries and top-500 tags' },
    },
    async () => schemes.getSettings(app.deps),
  );

  app.put(
    '/api/v1/assessments/settings',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags,
        summary: '设置战略性新兴产业清单 Set the strategic emerging industries (GB/T 4754 codes or sections)',
        body: z.strictObject({
          strategic_industries: z
            .array(z.string().regex(/^([A-T]|\d{2,4})$/, '须为门类字母或 2–4 位行业代码'))
            .max(500),
          top500_tags: z
            .array(z.string().regex(/^[a-z0-9_]{1,40}$/))
            .min(1)
            .max(20)
            .optional(),
          central_soe: z.boolean().optional(),
          note: z.string().trim().max(500).optional(),
        }),
      },
    },
    async (req) => schemes.putSettings(app.deps, req.body, auditCtx(req)),
  );

  app.get(
    '/api/v1/assessments/schemes',
    { config: access(READERS, 'none'), schema: { tags, summary: '考核办法 Schemes (current versions)' } },
    async () => schemes.listSchemes(app.deps),
  );

  app.get(
    '/api/v1/assessments/schemes/:id',
    {
      config: access(READERS, 'none'),
      schema: {
        tags,
        summary: '考核办法详情 A scheme with its versions (`?version=` for an older one)',
        params: id,
        querystring: z.strictObject({ version: z.coerce.number().int().min(1).optional() }),
      },
    },
    async (req) => schemes.getScheme(app.deps, req.params.id, req.query.version),
  );

  app.post(
    '/api/v1/assessments/schemes',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags,
        summary: '新建考核办法 Create a scheme',
        description:
          'Indicators grouped scale/quality; weights sum to 100; rules `linear` {target_value?, cap}, `steps` {steps:[[min, points]]}, `rank` {points:[…], default}.',
        body: schemeInputSchema,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await schemes.createScheme(app.deps, req.body, auditCtx(req))),
  );

  app.put(
    '/api/v1/assessments/schemes/:id',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags,
        summary: '修改考核办法 Edit a scheme (carries `revision`; a used version makes a new version)',
        params: id,
        body: schemeUpdateSchema,
      },
    },
    async (req) => schemes.updateScheme(app.deps, req.params.id, req.body, auditCtx(req)),
  );

  app.get(
    '/api/v1/assessments/runs',
    {
      config: access(READERS, 'region'),
      schema: {
        tags,
        summary: '考核结果列表 Runs (districts: final ones)',
        querystring: z.strictObject({
          period: periodSchema.optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          scheme_id: z.uuid().optional(),
          status: z.enum(RUN_STATUSES).optional(),
        }),
      },
    },
    async (req) => runs.listRuns(app.deps, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/assessments/runs',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags,
        summary: '开展考核 Score a scheme for a period (YYYYQ1..Q4, YYYYH1, YYYY) and store the run',
        body: z.strictObject({
          scheme_id: z.uuid(),
          period: periodSchema,
          note: z.string().trim().max(500).optional(),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await runs.createRun(app.deps, req.body, auditCtx(req))),
  );

  app.get(
    '/api/v1/assessments/runs/:id',
    {
      config: access(READERS, 'region'),
      schema: { tags, summary: '考核结果 A run with its results (districts: their own region)', params: id },
    },
    async (req) => runs.getRun(app.deps, actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/assessments/runs/:id/inputs',
    {
      config: access(MANAGERS_AND_LEADERS, 'none'),
      schema: { tags, summary: '考核输入 The frozen inputs of a run', params: id },
    },
    async (req) => runs.runInputs(app.deps, actorOf(req), req.params.id),
  );

  for (const step of ['review', 'finalize'] as const) {
    app.post(
      `/api/v1/assessments/runs/:id/${step}`,
      {
        config: access(OFFICE, 'none'),
        schema: {
          tags,
          summary:
            step === 'review' ? '审核 draft → reviewed' : '定稿 reviewed → final (never changes again)',
          params: id,
        },
      },
      async (req) => runs.advanceRun(app.deps, actorOf(req), req.params.id, step, auditCtx(req)),
    );
  }

  app.get(
    '/api/v1/assessments/runs/:id/diff',
    {
      config: access(MANAGERS_AND_LEADERS, 'none'),
      schema: {
        tags,
        summary: '对比 Differences against another run (default: the run it recomputes)',
        params: id,
        querystring: z.strictObject({ against: z.uuid().optional() }),
      },
    },
    async (req) => runs.diffRuns(app.deps, actorOf(req), req.params.id, req.query.against),
  );

  app.get(
    '/api/v1/assessments/runs/:id/regions/:region',
    {
      config: access(READERS, 'region'),
      schema: {
        tags,
        summary: '得分明细 A region: indicator → metric value → the entries and projects behind it',
        params: z.object({ id: z.uuid(), region: regionCodeSchema }),
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(2000).default(200) }),
      },
    },
    async (req) =>
      runs.regionDetail(app.deps, actorOf(req), req.params.id, req.params.region, req.query.limit),
  );

  app.get(
    '/api/v1/assessments/runs/:id/export.:format',
    {
      config: access(MANAGERS_AND_LEADERS, 'none'),
      schema: {
        tags,
        summary: '导出考核结果 Excel, or the result notice (通报) as PDF / Word',
        params: z.object({ id: z.uuid(), format: z.enum(['xlsx', 'pdf', 'docx']) }),
      },
    },
    async (req, reply) => {
      // the documents (ExcelJS, docx, pdfkit: ~60 MB) load with the first file asked for, not with the server
      const { renderRunFile } = await import('./assessments.files.ts');
      const file = await renderRunFile(app.deps, actorOf(req), req.params.id, req.params.format as RunFormat);
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', contentDisposition(file.name))
        .send(file.body);
    },
  );
}
