import { ERROR_CODES, type ErrorCode } from '../shared/errors.ts';

/** The one error type of the server. Services throw it; the error handler maps it to SPEC §4's JSON. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly status: number;

  constructor(code: ErrorCode, opts: { message?: string; details?: unknown } = {}) {
    super(opts.message ?? ERROR_CODES[code].zh);
    this.code = code;
    this.details = opts.details;
    this.status = ERROR_CODES[code].status;
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', { message: `${what}不存在` });
export const forbidden = (message?: string) => new AppError('FORBIDDEN', { message });
/** A business rule refused the request (422); `rule` names it for the client. */
export const ruleError = (message: string, details?: unknown) => new AppError('RULE', { message, details });
export const validationError = (field: string, message: string) =>
  new AppError('VALIDATION', { message: `${field}: ${message}`, details: [{ path: field, message }] });
