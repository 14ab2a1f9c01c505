import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, auditCtx } from '../../context.ts';
import { access, ALL_ROLES } from '../../plugins/access.ts';
import { changePassword, login, logout, presentMe, SESSION_COOKIE } from './auth.service.ts';

const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secure = app.deps.config.MAGNET_SECURE_COOKIE;

  app.post(
    '/api/v1/auth/login',
    {
      config: access('public', 'none'),
      schema: { tags: ['auth'], summary: '登录 Sign in', body: loginBody },
    },
    async (req, reply) => {
      const r = await login(app.deps, req.body, {
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: String(req.id),
      });
      reply.setCookie(SESSION_COOKIE, r.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure,
        expires: r.expiresAt,
      });
      return { token: r.token, csrf_token: r.csrfToken, expires_at: r.expiresAt.toISOString(), user: r.user };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: access(ALL_ROLES, 'none', { duringPasswordChange: true }),
      schema: { tags: ['auth'], summary: '退出 Sign out' },
    },
    async (req, reply) => {
      await logout(app.deps, actorOf(req), auditCtx(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: access(ALL_ROLES, 'none', { duringPasswordChange: true }),
      schema: { tags: ['auth'], summary: '当前用户 Who am I' },
    },
    async (req) => {
      const actor = actorOf(req);
      const me = await presentMe(app.deps, actor.id);
      const session = actor.sessionId
        ? await app.deps.db
            .selectFrom('sessions')
            .select('csrf_token')
            .where('id', '=', actor.sessionId)
            .executeTakeFirst()
        : undefined;
      const c = app.deps.config;
      return {
        user: me,
        csrf_token: session?.csrf_token ?? null,
        password_policy: {
          min_length: c.MAGNET_PASSWORD_MIN_LENGTH,
          min_classes: c.MAGNET_PASSWORD_MIN_CLASSES,
        },
      };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: access(ALL_ROLES, 'none', { duringPasswordChange: true }),
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change password',
        body: z.strictObject({
          current_password: z.string().min(1).max(256),
          new_password: z.string().min(1).max(256),
        }),
      },
    },
    async (req) => {
      await changePassword(app.deps, actorOf(req), req.body, auditCtx(req));
      return { ok: true };
    },
  );
}
