import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isValidDate } from '../../../shared/month.ts';
import { access } from '../../plugins/access.ts';
import * as repo from './audit.repository.ts';

const when = z
  .string()
  .refine(
    (s) => (s.length === 10 ? isValidDate(s) : !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s)),
    '须为 YYYY-MM-DD 或 ISO 时间',
  );

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/audit',
    {
      config: access(['admin'], 'admin'),
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit log (newest first)',
        description:
          '`user` is a user id or a username; `from`/`to` are dates (China time, inclusive) or ISO timestamps.',
        querystring: z.strictObject({
          entity: z.string().max(50).optional(),
          entity_id: z.string().max(100).optional(),
          user: z.string().max(100).optional(),
          action: z.string().max(100).optional(),
          from: when.optional(),
          to: when.optional(),
          page: z.coerce.number().int().min(1).max(100000).default(1),
          page_size: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
    },
    async (req) => {
      const [rows, count] = await repo.listAudit(app.deps.db, req.query);
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
        total: Number(count.n),
      };
    },
  );

  app.get(
    '/api/v1/audit/entities',
    {
      config: access(['admin'], 'admin'),
      schema: { tags: ['audit'], summary: '审计对象类型 Entities in the log' },
    },
    async () => ({ items: (await repo.auditEntities(app.deps.db)).map((r) => r.entity) }),
  );
}
