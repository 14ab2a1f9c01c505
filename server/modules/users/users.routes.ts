import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../../shared/enums.ts';
import { auditCtx } from '../../context.ts';
import { access, STAFF } from '../../plugins/access.ts';
import * as service from './users.service.ts';

const username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, '用户名只能包含字母、数字和 _ . @ -');
const createBody = z.strictObject({
  username,
  password: z.string().min(1).max(128),
  display_name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  unit_id: z.uuid().nullable().optional(),
  must_change_password: z.boolean().optional(),
});
const idParams = z.object({ id: z.uuid() });

export async function usersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const adminOnly = access(['admin'], 'admin');

  app.post(
    '/api/v1/users',
    { config: adminOnly, schema: { tags, summary: '新建用户 Create a user', body: createBody } },
    async (req, reply) => reply.status(201).send(await service.createUser(app.deps, req.body, auditCtx(req))),
  );

  app.get(
    '/api/v1/users',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: '用户列表 Users',
        querystring: z.strictObject({
          role: z.enum(ROLES).optional(),
          unit_id: z.uuid().optional(),
          q: z.string().trim().max(64).optional(),
          page: z.coerce.number().int().min(1).default(1),
          page_size: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
    },
    async (req) => service.listUsers(app.deps, req.query),
  );

  app.get(
    '/api/v1/users/directory',
    {
      config: access(STAFF, 'none'),
      schema: {
        tags,
        summary: '人员名录 Active users of a role (for pickers: guarantors, owners)',
        description: 'Names and units only, for every staff member; the full user admin stays admin-only.',
        querystring: z.strictObject({ role: z.enum(ROLES), q: z.string().trim().max(64).optional() }),
      },
    },
    async (req) => service.directory(app.deps, req.query.role, req.query.q),
  );

  app.get(
    '/api/v1/users/:id',
    { config: adminOnly, schema: { tags, summary: '用户 One user', params: idParams } },
    async (req) => service.getUser(app.deps, req.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: '修改用户 Update a user (role, unit, active; carries version)',
        params: idParams,
        body: z.strictObject({
          version: z.number().int().min(1),
          display_name: z.string().trim().min(1).max(100).optional(),
          role: z.enum(ROLES).optional(),
          unit_id: z.uuid().nullable().optional(),
          active: z.boolean().optional(),
        }),
      },
    },
    async (req) => service.updateUser(app.deps, req.params.id, req.body, auditCtx(req)),
  );

  app.post(
    '/api/v1/users/:id/password',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: '重置密码 Reset a password',
        params: idParams,
        body: z.strictObject({ password: z.string().min(1).max(128) }),
      },
    },
    async (req) => service.resetPassword(app.deps, req.params.id, req.body.password, auditCtx(req)),
  );

  app.post(
    '/api/v1/users/:id/unlock',
    {
      config: adminOnly,
      schema: { tags, summary: '解除锁定 Unlock after failed sign-ins', params: idParams },
    },
    async (req) => service.unlockUser(app.deps, req.params.id, auditCtx(req)),
  );
}
