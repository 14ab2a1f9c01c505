import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, auditCtx } from '../../context.ts';
import { access, STAFF } from '../../plugins/access.ts';
import * as service from './attachments.service.ts';
import { contentDisposition } from './sniff.ts';
import { readUploadedFile } from './upload.ts';

const WRITERS = ['admin', 'office', 'department', 'district'] as const;

export async function attachmentsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['attachments'];

  app.post(
    '/api/v1/attachments',
    {
      config: access(WRITERS, 'region'),
      schema: {
        tags,
        summary: '上传附件 Upload a file (multipart, field `file`)',
        description:
          'The type is recognised from the content: PDF, PNG, JPEG, GIF, WebP, docx/xlsx/pptx, doc/xls, TXT/CSV; ' +
          'anything else is refused with 415. Size limit `MAGNET_MAX_UPLOAD_MB`. `?project_id=` attaches it to a project.',
        querystring: z.strictObject({ project_id: z.uuid().optional() }),
      },
    },
    async (req, reply) => {
      const file = await readUploadedFile(req, app.deps.config.MAGNET_MAX_UPLOAD_MB);
      const saved = await service.upload(app.deps, actorOf(req), auditCtx(req), file, {
        projectId: req.query.project_id,
      });
      return reply.status(201).send(saved);
    },
  );

  app.get(
    '/api/v1/attachments/:id',
    {
      config: access(STAFF, 'region'),
      schema: { tags, summary: '下载附件 Download (scope-checked)', params: z.object({ id: z.uuid() }) },
    },
    async (req, reply) => {
      const a = await service.download(app.deps, actorOf(req), req.params.id);
      return reply
        .header('content-type', a.mime)
        .header('content-length', String(a.content.length))
        .header('content-disposition', contentDisposition(a.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(a.content);
    },
  );

  app.get(
    '/api/v1/attachments/:id/meta',
    {
      config: access(STAFF, 'region'),
      schema: { tags, summary: '附件信息 Attachment metadata', params: z.object({ id: z.uuid() }) },
    },
    async (req) => service.getMeta(app.deps, actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/projects/:id/attachments',
    {
      config: access(STAFF, 'region'),
      schema: { tags, summary: '项目附件 Files attached to a project', params: z.object({ id: z.uuid() }) },
    },
    async (req) => ({ items: await service.listForProject(app.deps, actorOf(req), req.params.id) }),
  );
}
