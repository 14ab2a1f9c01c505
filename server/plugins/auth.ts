import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { authenticate, SESSION_COOKIE } from '../modules/auth/auth.service.ts';
import type { AccessRule } from './access.ts';

/** Every /api/v1 route with its declaration: the access-matrix test is generated from this. */
export interface RouteAccess {
  method: string;
  url: string;
  access: AccessRule;
  /** the route's body schema (zod), for the generated tests */
  body?: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    accessTable: RouteAccess[];
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * CSRF for cookie-authenticated writes. The web sends the session's `X-CSRF-Token`. Without it a write
 * is accepted only when it demonstrably does not come from another site: a browser always sends
 * `Sec-Fetch-Site` (which page scripts cannot forge), so it must say `same-origin`; a request with neither
 * `Sec-Fetch-Site` nor `Origin` is not a browser and cannot carry a victim's cookie by itself.
 * Bearer-token calls are not exposed to CSRF.
 */
function checkCsrf(req: FastifyRequest, csrfToken: string) {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string' && safeEqual(header, csrfToken)) return;
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  if (site === undefined && origin === undefined) return;
  if (site === 'same-origin') return;
  if (site === undefined && typeof origin === 'string') {
    try {
      if (new URL(origin).host === req.headers.host) return;
    } catch {
      // fall through
    }
  }
  throw new AppError('CSRF');
}

function bearerToken(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

/** Resolves the caller of every request and enforces each route's `config.access` declaration. */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('actor', null);

  const undeclared: string[] = [];
  const table: RouteAccess[] = [];
  app.decorate('accessTable', table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const rule = (route.config as { access?: AccessRule } | undefined)?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      if (!rule) undeclared.push(`${method} ${route.url}`);
      else table.push({ method, url: route.url, access: rule, body: route.schema?.body });
    }
  });
  app.addHook('onReady', async () => {
    if (undeclared.length) throw new Error(`Routes without an access declaration: ${undeclared.join(', ')}`);
  });

  app.addHook('onRequest', async (req) => {
    const rule = req.routeOptions.config?.access as AccessRule | undefined;
    if (!req.url.startsWith('/api/v1') || !req.routeOptions.url) return; // unknown routes fall through to 404
    if (!rule) throw new AppError('FORBIDDEN');

    const bearer = bearerToken(req);
    const cookie = req.cookies?.[SESSION_COOKIE];
    const token = bearer ?? cookie;
    if (token) {
      const res = await authenticate(app.deps, token, bearer ? 'bearer' : 'cookie');
      if (res && res !== 'expired') {
        req.actor = res.actor;
        if (res.actor.via === 'cookie' && UNSAFE.has(req.method) && rule.roles !== 'public')
          checkCsrf(req, res.csrfToken);
      } else if (rule.roles !== 'public') {
        throw new AppError(res === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
      }
    }
    if (rule.roles === 'public') return;
    if (!req.actor) throw new AppError('UNAUTHENTICATED');
    if (!rule.roles.includes(req.actor.role)) throw new AppError('FORBIDDEN');
    if (req.actor.mustChangePassword && !rule.duringPasswordChange)
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
  });
}
