import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access, ALL_ROLES } from '../../plugins/access.ts';
import * as repo from './reference.repository.ts';
import { getRegion } from './reference.service.ts';

const regionItem = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  parent: z.string().nullable(),
  kind: z.string(),
  has_children: z.boolean(),
});
const industryItem = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number(),
  parent: z.string().nullable(),
  section: z.string(),
  has_children: z.boolean(),
});

export async function referenceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/regions',
    {
      config: access(ALL_ROLES, 'none'),
      schema: {
        tags: ['reference'],
        summary: '行政区划 GB/T 2260 regions',
        description:
          'Without `parent` and `q`: the provinces. `q` searches names and code prefixes (at most 200).',
        querystring: z.strictObject({
          parent: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
          q: z.string().trim().min(1).max(50).optional(),
        }),
        response: { 200: z.object({ items: z.array(regionItem) }) },
      },
    },
    async (req) => ({ items: await repo.listRegions(app.deps.db, req.query) }),
  );

  app.get(
    '/api/v1/regions/:code',
    {
      config: access(ALL_ROLES, 'none'),
      schema: {
        tags: ['reference'],
        summary: '行政区划详情 One region with its path',
        params: z.object({ code: z.string().regex(/^\d{6}$/) }),
      },
    },
    async (req) => getRegion(app.deps.db, req.params.code),
  );

  app.get(
    '/api/v1/industries',
    {
      config: access(ALL_ROLES, 'none'),
      schema: {
        tags: ['reference'],
        summary: '国民经济行业分类 GB/T 4754-2017 industries',
        description: 'Without `parent` and `q`: the 20 sections (门类). `level` (1–4) lists one level.',
        querystring: z.strictObject({
          parent: z
            .string()
            .regex(/^([A-T]|\d{2,3})$/)
            .optional(),
          q: z.string().trim().min(1).max(50).optional(),
          level: z.coerce.number().int().min(1).max(4).optional(),
        }),
        response: { 200: z.object({ items: z.array(industryItem) }) },
      },
    },
    async (req) => ({ items: await repo.listIndustries(app.deps.db, req.query) }),
  );
}
