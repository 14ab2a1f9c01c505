import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../context.ts';
import { access, STAFF } from '../../plugins/access.ts';
import { contentDisposition } from '../attachments/sniff.ts';
import * as service from './jobs.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function jobsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];

  app.get(
    '/api/v1/jobs/:id',
    {
      config: access(STAFF, 'none'),
      schema: {
        tags,
        summary: '后台任务进度 Job progress',
        description:
          '`status`: queued | running | done | failed; `done`/`total` for progress; `file` when a result file exists.',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (req) => service.getJob(app.deps, actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/jobs/:id/file',
    {
      config: access(STAFF, 'none'),
      schema: { tags, summary: '任务结果文件 Job result file', params: z.object({ id: z.uuid() }) },
    },
    async (req, reply) => {
      const f = await service.getJobFile(app.deps, actorOf(req), req.params.id);
      return reply
        .header('content-type', f.name.endsWith('.xlsx') ? XLSX : 'application/octet-stream')
        .header('content-disposition', contentDisposition(f.name))
        .header('x-content-type-options', 'nosniff')
        .send(f.content);
    },
  );
}
