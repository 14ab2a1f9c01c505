import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DATE_PATTERN } from '../../../shared/month.ts';
import { regionCodeSchema } from '../../../shared/schemas/common.ts';
import { actorOf, auditCtx } from '../../context.ts';
import { access, OFFICE, STAFF } from '../../plugins/access.ts';
import { findingsNotice } from './verification.notice.ts';
import * as service from './verification.service.ts';

const id = z.object({ id: z.uuid() });
const item = z.object({ id: z.uuid(), itemId: z.uuid() });
const READERS = ['admin', 'office', 'leader', 'department', 'district'] as const;
const deadline = z.string().regex(DATE_PATTERN, '须为 YYYY-MM-DD');

export async function verificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/verifications',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags: ['verification'],
        summary: '发起半年核查 Open a verification (draws the sample)',
        description:
          'Samples up to `sample_size` valid entries per region of the half-year; the same `seed` draws the same sample.',
        body: z.strictObject({
          period: z.string().regex(/^\d{4}H[12]$/, '须为 YYYYH1 或 YYYYH2'),
          sample_size: z.number().int().min(1).max(1000),
          seed: z.string().trim().min(1).max(64).optional(),
          title: z.string().trim().min(1).max(200).optional(),
        }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.createVerification(app.deps, actorOf(req), req.body, auditCtx(req))),
  );

  app.get(
    '/api/v1/verifications',
    {
      config: access(READERS, 'none'),
      schema: { tags: ['verification'], summary: '核查列表 Verifications' },
    },
    async () => service.listVerifications(app.deps),
  );

  app.get(
    '/api/v1/verifications/:id',
    {
      config: access(READERS, 'region'),
      schema: {
        tags: ['verification'],
        summary: '核查详情 A verification with its sampled entries',
        params: id,
        querystring: z.strictObject({ region: regionCodeSchema.optional() }),
      },
    },
    async (req) => service.getVerification(app.deps, actorOf(req), req.params.id, req.query.region),
  );

  app.get(
    '/api/v1/verifications/:id/notice.:format',
    {
      config: access(READERS, 'region'),
      schema: {
        tags: ['verification'],
        summary: '核查问题通报 The findings as a notice (.pdf / .docx)',
        params: z.object({ id: z.uuid(), format: z.enum(['pdf', 'docx']) }),
      },
    },
    async (req, reply) => {
      const v = await service.getVerification(app.deps, actorOf(req), req.params.id);
      const office = await app.deps.db
        .selectFrom('units')
        .select('name')
        .where('kind', '=', 'office')
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .executeTakeFirst();
      const notice = findingsNotice(v, office?.name ?? '合作交流办');
      // the document libraries load on the first download, not at start
      const body =
        req.params.format === 'pdf'
          ? await (await import('../../documents/notice-pdf.ts')).renderNoticePdf(notice)
          : await (await import('../../documents/notice-docx.ts')).renderNoticeDocx(notice);
      const mime =
        req.params.format === 'pdf'
          ? 'application/pdf'
          : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      return reply
        .header('content-type', mime)
        .header(
          'content-disposition',
          `attachment; filename="findings.${req.params.format}"; filename*=UTF-8''${encodeURIComponent(`${notice.title[0]}.${req.params.format}`)}`,
        )
        .send(body);
    },
  );

  app.post(
    '/api/v1/verifications/:id/items/:itemId',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags: ['verification'],
        summary: '记录核查结论 Record the check of a sampled entry',
        description:
          '`false` marks the entry false (it leaves the figures; the next bulletin version shows it); `issue`/`false` open a rectification item.',
        params: item,
        body: z.strictObject({
          result: z.enum(['confirmed', 'issue', 'false']),
          finding: z.string().trim().max(2000).optional(),
          deadline: deadline.optional(),
          owner_unit_id: z.uuid().optional(),
        }),
      },
    },
    async (req) =>
      service.checkVerificationItem(
        app.deps,
        actorOf(req),
        req.params.id,
        req.params.itemId,
        req.body,
        auditCtx(req),
      ),
  );

  app.post(
    '/api/v1/verifications/:id/close',
    {
      config: access(OFFICE, 'none'),
      schema: { tags: ['verification'], summary: '结束核查 Close', params: id },
    },
    async (req) => service.closeVerification(app.deps, req.params.id, auditCtx(req)),
  );

  app.post(
    '/api/v1/inspections',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags: ['inspection'],
        summary: '发起季度重点项目检查 Open a quarterly inspection of key projects',
        body: z.strictObject({
          quarter: z.string().regex(/^\d{4}Q[1-4]$/, '须为 YYYYQ1–Q4'),
          title: z.string().trim().min(1).max(200).optional(),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createInspection(app.deps, actorOf(req), req.body, auditCtx(req))),
  );

  app.get(
    '/api/v1/inspections',
    { config: access(READERS, 'none'), schema: { tags: ['inspection'], summary: '检查列表 Inspections' } },
    async () => service.listInspections(app.deps),
  );

  app.get(
    '/api/v1/inspections/:id',
    {
      config: access(READERS, 'region'),
      schema: { tags: ['inspection'], summary: '检查详情 An inspection with its checklist', params: id },
    },
    async (req) => service.getInspection(app.deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/inspections/:id/items/:itemId',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags: ['inspection'],
        summary: "填写检查清单 Fill one project's checklist",
        params: item,
        body: z.strictObject({
          progress: z.string().trim().max(2000).optional(),
          funds: z.string().trim().max(2000).optional(),
          problems: z.string().trim().max(2000).optional(),
          result: z.enum(['ok', 'issue']),
          deadline: deadline.optional(),
          owner_unit_id: z.uuid().optional(),
        }),
      },
    },
    async (req) =>
      service.checkInspectionItem(
        app.deps,
        actorOf(req),
        req.params.id,
        req.params.itemId,
        req.body,
        auditCtx(req),
      ),
  );

  app.get(
    '/api/v1/rectifications',
    {
      config: access(STAFF, 'region'),
      schema: {
        tags: ['rectification'],
        summary: '整改事项 Rectification items (overdue flagged)',
        querystring: z.strictObject({
          status: z.enum(['open', 'in_progress', 'submitted', 'done']).optional(),
          region: regionCodeSchema.optional(),
          overdue: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          source: z.enum(['verification', 'inspection', 'assessment', 'other']).optional(),
          source_id: z.uuid().optional(),
        }),
      },
    },
    async (req) => service.listRectifications(app.deps, actorOf(req), req.query),
  );

  app.patch(
    '/api/v1/rectifications/:id',
    {
      config: access(['admin', 'office', 'district'], 'region'),
      schema: {
        tags: ['rectification'],
        summary: '推进整改 Work a rectification item (carries version)',
        params: id,
        body: z.strictObject({
          version: z.number().int().min(1),
          status: z.enum(['open', 'in_progress', 'submitted', 'done']).optional(),
          resolution: z.string().trim().max(4000).optional(),
          evidence: z.array(z.uuid()).max(20).optional(),
          deadline: deadline.optional(),
        }),
      },
    },
    async (req) =>
      service.updateRectification(app.deps, actorOf(req), req.params.id, req.body, auditCtx(req)),
  );
}
