/**
 * Every error code the API can answer with, the HTTP status it maps to, and its message in both languages.
 * The server answers `{"error": {"code", "message", "details"}}` (SPEC §4); the web shows `message`
 * or translates `code` itself.
 */
export const ERROR_CODES = {
  VALIDATION: { status: 400, zh: '输入有误', en: 'Invalid input' },
  BAD_JSON: { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: {
    status: 401,
    zh: '会话已过期，请重新登录',
    en: 'Your session has expired, please sign in again',
  },
  BAD_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 429,
    zh: '登录失败次数过多，账户已临时锁定',
    en: 'Too many failed sign-ins; the account is temporarily locked',
  },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  CSRF: { status: 403, zh: '请求来源校验失败（CSRF）', en: 'Cross-site request refused (CSRF)' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '首次登录须先修改密码',
    en: 'You must change your password before continuing',
  },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'Not found' },
  CONFLICT: { status: 409, zh: '数据冲突', en: 'Conflict' },
  STALE_VERSION: {
    status: 409,
    zh: '该记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  DUPLICATE: { status: 409, zh: '记录已存在', en: 'This record already exists' },
  RULE: { status: 422, zh: '业务规则不允许此操作', en: 'A business rule refused this' },
  LOCKED: { status: 422, zh: '数据已锁定', en: 'The data is locked' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传内容过大', en: 'The upload is too large' },
  UNSUPPORTED_MEDIA: { status: 415, zh: '不支持的文件类型', en: 'Unsupported file type' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁', en: 'Too many requests' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
