import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors.ts';
import { AppError } from '../errors.ts';

function lang(req: FastifyRequest): 'zh' | 'en' {
  const h = req.headers['accept-language'];
  return typeof h === 'string' && /^en\b/i.test(h.trim()) ? 'en' : 'zh';
}

export function send(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown) {
  const body: { error: { code: ErrorCode; message: string; details?: unknown } } = {
    error: { code, message },
  };
  if (details !== undefined) body.error.details = details;
  return reply.status(ERROR_CODES[code].status).send(body);
}

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/**
 * Maps every failure to `{"error": {"code", "message", "details"}}` with the statuses of SPEC §4.
 * Validation errors name each offending field in `details: [{path, message}]`.
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError & PgError, req, reply) => {
    const l = lang(req);
    if (err instanceof AppError) {
      const message =
        l === 'en' && err.message === ERROR_CODES[err.code].zh ? ERROR_CODES[err.code].en : err.message;
      return send(reply, err.code, message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => {
        const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        const keys = (v.params as { keys?: string[] }).keys;
        // zod names unknown keys in `keys`, not in the path
        const pathStr =
          v.keyword === 'unrecognized_keys' && keys?.length
            ? [base, keys[0]].filter(Boolean).join('.')
            : base;
        return { path: pathStr, message: v.message ?? 'invalid', where: err.validationContext };
      });
      const first = details[0];
      const prefix = l === 'en' ? 'Invalid input' : '输入有误';
      return send(
        reply,
        'VALIDATION',
        first ? `${prefix}: ${first.path || err.validationContext} — ${first.message}` : prefix,
        details,
      );
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return send(reply, 'INTERNAL', ERROR_CODES.INTERNAL[l]);
    }
    if (
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (err.statusCode === 400 && err instanceof SyntaxError)
    ) {
      return send(reply, 'BAD_JSON', ERROR_CODES.BAD_JSON[l]);
    }
    if (
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
      err.statusCode === 413 ||
      err.code === 'FST_REQ_FILE_TOO_LARGE'
    ) {
      return send(reply, 'PAYLOAD_TOO_LARGE', ERROR_CODES.PAYLOAD_TOO_LARGE[l]);
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
      return send(reply, 'UNSUPPORTED_MEDIA', ERROR_CODES.UNSUPPORTED_MEDIA[l]);
    }
    if (err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      return send(
        reply,
        'VALIDATION',
        l === 'en' ? 'Expected multipart/form-data' : '请以 multipart/form-data 上传',
        [{ path: 'file', message: 'multipart required' }],
      );
    }
    // PostgreSQL errors that a bad request can still reach
    if (err.code === '23505')
      return send(reply, 'DUPLICATE', ERROR_CODES.DUPLICATE[l], { constraint: err.constraint });
    if (err.code === '23503')
      return send(
        reply,
        'VALIDATION',
        l === 'en' ? 'A referenced record does not exist' : '引用的记录不存在',
        { constraint: err.constraint },
      );
    if (err.code === '22003' || err.code === '22P02' || err.code === '22007' || err.code === '22008') {
      return send(reply, 'VALIDATION', ERROR_CODES.VALIDATION[l], { reason: err.message });
    }
    if (err.code === '40001' || err.code === '40P01') return send(reply, 'CONFLICT', ERROR_CODES.CONFLICT[l]);
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return send(reply, 'VALIDATION', err.message);
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, 'INTERNAL', ERROR_CODES.INTERNAL[l]);
  });
}
