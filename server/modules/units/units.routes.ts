import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UNIT_KINDS } from '../../../shared/enums.ts';
import { actorOf, auditCtx } from '../../context.ts';
import { access, STAFF } from '../../plugins/access.ts';
import * as service from './units.service.ts';

const unitBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(UNIT_KINDS),
  region: z.string().regex(/^\d{6}$/, '须为 6 位行政区划代码'),
  parent_id: z.uuid().nullable().optional(),
});

export async function unitsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];

  app.get(
    '/api/v1/units',
    {
      config: access(STAFF, 'region'),
      schema: {
        tags,
        summary: '单位列表 Units',
        querystring: z.strictObject({
          kind: z.enum(UNIT_KINDS).optional(),
          q: z.string().trim().max(50).optional(),
          region: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
        }),
      },
    },
    async (req) => ({ items: await service.listUnits(app.deps, actorOf(req), req.query) }),
  );

  app.get(
    '/api/v1/units/:id',
    {
      config: access(STAFF, 'region'),
      schema: { tags, summary: '单位 One unit', params: z.object({ id: z.uuid() }) },
    },
    async (req) => service.getUnit(app.deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/units',
    {
      config: access(['admin'], 'admin'),
      schema: { tags, summary: '新建单位 Create a unit', body: unitBody },
    },
    async (req, reply) => reply.status(201).send(await service.createUnit(app.deps, req.body, auditCtx(req))),
  );

  app.patch(
    '/api/v1/units/:id',
    {
      config: access(['admin'], 'admin'),
      schema: {
        tags,
        summary: '修改单位 Update a unit (carries version)',
        params: z.object({ id: z.uuid() }),
        body: unitBody.partial().extend({ version: z.number().int().min(1) }),
      },
    },
    async (req) => service.updateUnit(app.deps, req.params.id, req.body, auditCtx(req)),
  );

  app.delete(
    '/api/v1/units/:id',
    {
      config: access(['admin'], 'admin'),
      schema: { tags, summary: '删除单位 Delete a unit (soft)', params: z.object({ id: z.uuid() }) },
    },
    async (req, reply) => {
      await service.deleteUnit(app.deps, req.params.id, auditCtx(req));
      return reply.status(204).send();
    },
  );
}
