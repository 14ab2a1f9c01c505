import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';

/**
 * Reads the multipart field `file` of a request into memory, within `MAGNET_MAX_UPLOAD_MB`. Used by
 * attachments and every Excel import. 400 without a file, 413 over the limit.
 */
export async function readUploadedFile(
  req: FastifyRequest,
  maxMb: number,
): Promise<{ filename: string | undefined; content: Buffer }> {
  let part;
  try {
    part = await req.file();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new AppError('VALIDATION', {
        message: 'file: 请以 multipart/form-data 上传文件',
        details: [{ path: 'file', message: 'multipart/form-data required' }],
      });
    }
    throw e;
  }
  if (!part || part.fieldname !== 'file') {
    throw new AppError('VALIDATION', {
      message: 'file: 请以字段 file 上传文件',
      details: [{ path: 'file', message: 'missing multipart field `file`' }],
    });
  }
  try {
    return { filename: part.filename, content: await part.toBuffer() };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', {
        message: `文件超过 ${maxMb} MB 的上限（MAGNET_MAX_UPLOAD_MB）`,
        details: { limit_mb: maxMb },
      });
    }
    throw e;
  }
}
