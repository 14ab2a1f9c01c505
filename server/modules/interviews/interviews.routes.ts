import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DATE_PATTERN } from '../../../shared/month.ts';
import { INTERVIEW_STATUSES } from '../../../shared/schemas/assessments.ts';
import { regionCodeSchema } from '../../../shared/schemas/common.ts';
import { actorOf, auditCtx } from '../../context.ts';
import { access, OFFICE } from '../../plugins/access.ts';
import * as service from './interviews.service.ts';

const READERS = ['admin', 'office', 'leader', 'district'] as const;
const id = z.object({ id: z.uuid() });
const date = z.string().regex(DATE_PATTERN, '须为 YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max).nullable().optional();

export async function interviewsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['interviews'];

  app.get(
    '/api/v1/interviews',
    {
      config: access(READERS, 'region'),
      schema: {
        tags,
        summary: '约谈 Interview cases (districts: their own)',
        querystring: z.strictObject({
          run_id: z.uuid().optional(),
          region: regionCodeSchema.optional(),
          status: z.enum(INTERVIEW_STATUSES).optional(),
        }),
      },
    },
    async (req) => service.listInterviews(app.deps, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/interviews',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags,
        summary: '建立约谈 Open the case of a region flagged `interview` by a final run',
        body: z.strictObject({
          run_id: z.uuid(),
          region: regionCodeSchema,
          interview_date: date.nullable().optional(),
          location: text(200),
          interviewer: text(200),
          interviewee: text(200),
          participants: text(2000),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createInterview(app.deps, req.body, auditCtx(req))),
  );

  app.post(
    '/api/v1/interviews/bulk',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags,
        summary: '批量建立约谈 Open the cases of every flagged region of a final run',
        body: z.strictObject({ run_id: z.uuid() }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createInterviewsForRun(app.deps, req.body.run_id, auditCtx(req))),
  );

  app.get(
    '/api/v1/interviews/:id',
    {
      config: access(READERS, 'region'),
      schema: { tags, summary: '约谈详情 A case with its rectification items', params: id },
    },
    async (req) => service.getInterview(app.deps, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/interviews/:id',
    {
      config: access(OFFICE, 'region'),
      schema: {
        tags,
        summary: '记录约谈 Date, people, minutes, follow-up, status (carries version)',
        params: id,
        body: z.strictObject({
          version: z.number().int().min(1),
          status: z.enum(INTERVIEW_STATUSES).optional(),
          interview_date: date.nullable().optional(),
          location: text(200),
          interviewer: text(200),
          interviewee: text(200),
          participants: text(2000),
          minutes: text(20000),
          follow_up: text(4000),
        }),
      },
    },
    async (req) => service.updateInterview(app.deps, actorOf(req), req.params.id, req.body, auditCtx(req)),
  );

  app.post(
    '/api/v1/interviews/:id/rectifications',
    {
      config: access(OFFICE, 'region'),
      schema: {
        tags,
        summary: '添加整改事项 Add a rectification item (worked via PATCH /api/v1/rectifications/:id)',
        params: id,
        body: z.strictObject({
          title: z.string().trim().min(1).max(200),
          description: text(2000),
          deadline: date,
          owner_unit_id: z.uuid().nullable().optional(),
        }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await service.addRectification(app.deps, actorOf(req), req.params.id, req.body, auditCtx(req))),
  );

  app.get(
    '/api/v1/awards',
    {
      config: access(READERS, 'none'),
      schema: {
        tags: ['awards'],
        summary: '奖励 Awards (regions from final runs; departments and partners)',
        querystring: z.strictObject({
          run_id: z.uuid().optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
      },
    },
    async (req) => service.listAwards(app.deps, req.query),
  );

  app.post(
    '/api/v1/awards/from-run',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags: ['awards'],
        summary: '按考核结果表彰 Grant the awards of a final run (top three)',
        body: z.strictObject({ run_id: z.uuid() }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.grantAwards(app.deps, req.body.run_id, auditCtx(req))),
  );

  app.post(
    '/api/v1/awards',
    {
      config: access(OFFICE, 'none'),
      schema: {
        tags: ['awards'],
        summary: '记录奖励 A department or partner award',
        body: z.strictObject({
          recipient_kind: z.enum(['department', 'partner']),
          recipient_name: z.string().trim().min(1).max(200),
          unit_id: z.uuid().nullable().optional(),
          title: z.string().trim().min(1).max(200),
          note: text(2000),
          run_id: z.uuid().nullable().optional(),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createAward(app.deps, req.body, auditCtx(req))),
  );
}
