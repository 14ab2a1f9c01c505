import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../context.ts';
import { access } from '../../plugins/access.ts';
import * as service from './cockpit.service.ts';

const COCKPIT = ['admin', 'office', 'leader'] as const;

export async function cockpitRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/cockpit',
    {
      config: access(COCKPIT, 'none'),
      schema: {
        tags: ['cockpit'],
        summary:
          '驾驶舱 The year at a glance (targets, ranking, trend, industry, origin, funnel, key projects, interviews)',
        description: 'Every block carries `drill` {path, query}: the list behind it in the web UI.',
        querystring: z.strictObject({
          year: z.coerce
            .number()
            .int()
            .min(2000)
            .max(2100)
            .default(() => Number(new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 4))),
        }),
      },
    },
    async (req) => service.cockpit(app.deps, actorOf(req), req.query.year),
  );
}
