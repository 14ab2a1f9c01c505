import { ERROR_CODES, type ErrorCode } from '../../shared/errors.ts';
import { currentLanguage } from '../i18n/index.ts';

/** One field problem as the API reports it in `error.details`. */
export interface FieldProblem {
  path: string;
  message: string;
}

export type ApiErrorCode = ErrorCode | 'NETWORK' | 'UNKNOWN';

/** Every failed call: the `{"error": {code, message, details}}` of SPEC §4, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;

  constructor(status: number, code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The field problems in `details`, when the server named fields (400 validation). */
  get fieldProblems(): FieldProblem[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.flatMap((d: unknown) => {
      if (d && typeof d === 'object' && 'path' in d && 'message' in d) {
        const { path, message } = d as { path: unknown; message: unknown };
        if (typeof path === 'string' && path && typeof message === 'string') return [{ path, message }];
      }
      return [];
    });
  }

  get isStale(): boolean {
    return this.code === 'STALE_VERSION';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

type Listener = (error: ApiError) => void;

let csrfToken: string | null = null;
let onUnauthenticated: Listener | null = null;
let onPasswordChangeRequired: Listener | null = null;

/** The session's CSRF token (from login or `/auth/me`), sent on every non-GET request. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when a request answers 401 (not signed in, session expired): the app goes back to login. */
export function setUnauthenticatedHandler(fn: Listener | null) {
  onUnauthenticated = fn;
}

/** Called when the API answers 403 PASSWORD_CHANGE_REQUIRED. */
export function setPasswordChangeHandler(fn: Listener | null) {
  onPasswordChangeRequired = fn;
}

export type QueryValue = string | number | boolean | null | undefined;

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not call the global 401 handler (login, the first `/auth/me`). */
  quiet401?: boolean;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && code in ERROR_CODES;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (proxy error page)
  }
  const err = body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : null;
  if (err && typeof err === 'object') {
    const { code, message, details } = err as { code?: unknown; message?: unknown; details?: unknown };
    return new ApiError(
      res.status,
      isErrorCode(code) ? code : 'UNKNOWN',
      typeof message === 'string' ? message : res.statusText,
      details,
    );
  }
  return new ApiError(res.status, 'UNKNOWN', res.statusText || `HTTP ${res.status}`);
}

/** Calls the API with JSON in and out; throws `ApiError` for every failure. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage() === 'en' ? 'en' : 'zh-CN',
  };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : 'network error');
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !opts.quiet401) onUnauthenticated?.(error);
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChangeRequired?.(error);
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** The session's CSRF token, for requests built outside `request` (uploads with progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}

/** A file from the API (Excel export, template, error workbook): the same errors and 401 handling as `request`. */
export async function requestBlob(
  path: string,
  query?: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<{ blob: Blob; filename: string | null }> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), {
      headers: { 'Accept-Language': currentLanguage() === 'en' ? 'en' : 'zh-CN' },
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : 'network error');
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401) onUnauthenticated?.(error);
    throw error;
  }
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) };
}

export interface UploadOptions {
  query?: Record<string, QueryValue>;
  /** Called with the share sent so far, 0 … 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** The multipart field name (default `file`). */
  field?: string;
}

/**
 * Uploads one file as multipart (`file`) with progress (XMLHttpRequest: fetch cannot report upload
 * progress). Resolves with the status and JSON body of a 2xx answer; throws `ApiError` otherwise.
 */
export function uploadFile<T>(
  path: string,
  file: Blob,
  filename: string,
  opts: UploadOptions = {},
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, opts.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage() === 'en' ? 'en' : 'zh-CN');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(e.loaded / e.total);
    };
    const abort = () => xhr.abort();
    opts.signal?.addEventListener('abort', abort, { once: true });
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      opts.signal?.removeEventListener('abort', abort);
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        opts.onProgress?.(1);
        resolve({ status: xhr.status, body: body as T });
        return;
      }
      const err =
        body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : null;
      const { code, message, details } = (err && typeof err === 'object' ? err : {}) as {
        code?: unknown;
        message?: unknown;
        details?: unknown;
      };
      const error = new ApiError(
        xhr.status,
        isErrorCode(code) ? code : 'UNKNOWN',
        typeof message === 'string' ? message : xhr.statusText || `HTTP ${xhr.status}`,
        details,
      );
      if (xhr.status === 401) onUnauthenticated?.(error);
      if (error.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChangeRequired?.(error);
      reject(error);
    };
    const form = new FormData();
    form.append(opts.field ?? 'file', file, filename);
    xhr.send(form);
  });
}
