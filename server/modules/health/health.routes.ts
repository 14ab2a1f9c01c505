import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { access } from '../../plugins/access.ts';

export async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/api/health',
    {
      config: access('public', 'none'),
      schema: { tags: ['health'], summary: '健康检查 Health with the database' },
    },
    async (_req, reply) => {
      const started = process.hrtime.bigint();
      try {
        await sql`SELECT 1`.execute(app.deps.db);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        return {
          status: 'ok',
          database: { engine: app.deps.engine, ok: true, latency_ms: Math.round(ms * 100) / 100 },
        };
      } catch (e) {
        return reply.status(503).send({
          status: 'error',
          database: { engine: app.deps.engine, ok: false, error: (e as Error).message },
        });
      }
    },
  );
}
