import { createHash } from 'node:crypto';
import type { Deps } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import { actorUserId } from '../jobs/jobs.service.ts';
import { loadWritableProject, loadVisibleProject } from '../projects/projects.service.ts';
import * as repo from './attachments.repository.ts';
import { sanitizeFileName, sniff } from './sniff.ts';

export const ACCEPTED_TYPES =
  'PDF、PNG、JPEG、GIF、WebP、Word（docx/doc）、Excel（xlsx/xls）、PowerPoint（pptx）、TXT、CSV';

type Meta = Awaited<ReturnType<typeof repo.findVisibleAttachment>>;

export function presentAttachment(a: NonNullable<Meta>) {
  return {
    id: a.id,
    name: a.name,
    size: Number(a.size),
    sha256: a.sha256,
    mime: a.mime,
    entity: a.entity,
    entity_id: a.entity_id,
    url: `/api/v1/attachments/${a.id}`,
    created_at: a.created_at.toISOString(),
  };
}

/**
 * Stores an uploaded file in the database after checking what it really is (content sniffing). The
 * uploader's region scope is recorded with it; `projectId` attaches it to a project the caller may write.
 */
export async function upload(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  file: { filename: string | undefined; content: Buffer },
  opts: { projectId?: string } = {},
) {
  if (file.content.length === 0) {
    throw new AppError('VALIDATION', {
      message: 'file: 文件为空',
      details: [{ path: 'file', message: 'empty file' }],
    });
  }
  const type = sniff(file.content, file.filename ?? '');
  if (!type) {
    throw new AppError('UNSUPPORTED_MEDIA', {
      message: `不支持的文件类型：只接受 ${ACCEPTED_TYPES}（按文件内容识别）`,
      details: {
        accepted: ['pdf', 'png', 'jpeg', 'gif', 'webp', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'txt', 'csv'],
      },
    });
  }
  let name = sanitizeFileName(file.filename, type.ext);
  if (!/\.[A-Za-z0-9]{1,8}$/.test(name)) name = `${name}.${type.ext}`;
  if (opts.projectId) await loadWritableProject(deps, actor, opts.projectId);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertAttachment(trx, {
      name,
      mime: type.mime,
      size: file.content.length,
      sha256,
      content: file.content,
      region: actor.regionScope.kind === 'subtree' ? actor.regionScope.region : null,
      entity: opts.projectId ? 'project' : null,
      entity_id: opts.projectId ?? null,
      created_by: actorUserId(actor),
    });
    const meta = { id: row.id, name, size: file.content.length, sha256, mime: type.mime };
    await recordAudit(trx, ctx, {
      action: 'attachment.upload',
      entity: 'attachment',
      entityId: row.id,
      after: { ...meta, entity: row.entity, entity_id: row.entity_id },
    });
    return {
      ...meta,
      entity: row.entity,
      entity_id: row.entity_id,
      url: `/api/v1/attachments/${row.id}`,
      created_at: row.created_at.toISOString(),
    };
  });
}

/** The file with its content; 404 when it does not exist or lies outside the caller's scope. */
export async function download(deps: Deps, actor: Actor, id: string) {
  const a = await repo.findVisibleAttachmentContent(deps.db, actor, id);
  if (!a) throw notFound('附件');
  return a;
}

export async function getMeta(deps: Deps, actor: Actor, id: string) {
  const a = await repo.findVisibleAttachment(deps.db, actor, id);
  if (!a) throw notFound('附件');
  return presentAttachment(a);
}

export async function listForProject(deps: Deps, actor: Actor, projectId: string) {
  await loadVisibleProject(deps, actor, projectId);
  const rows = await repo.attachmentsOfEntity(deps.db, actor, 'project', projectId);
  return rows.map(presentAttachment);
}
