import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { actorOf } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { access, ALL_ROLES } from '../../plugins/access.ts';

/** A user's notifications: addressed to them or to their unit. */
export async function notificationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const mine = (userId: string, unitId: string | null) =>
    app.deps.db
      .selectFrom('notifications')
      .where((eb) => eb.or([eb('user_id', '=', userId), ...(unitId ? [eb('unit_id', '=', unitId)] : [])]));

  app.get(
    '/api/v1/notifications',
    {
      config: access(ALL_ROLES, 'none'),
      schema: {
        tags: ['notifications'],
        summary: '我的提醒 My notifications (deadlines)',
        querystring: z.strictObject({
          unread: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (req) => {
      const a = actorOf(req);
      let q = mine(a.id, a.unitId).select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at']);
      if (req.query.unread === 'true') q = q.where('read_at', 'is', null);
      const rows = await q.orderBy('created_at', 'desc').limit(req.query.limit).execute();
      const unread = await mine(a.id, a.unitId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return {
        items: rows.map((r) => ({
          ...r,
          created_at: r.created_at.toISOString(),
          read_at: r.read_at?.toISOString() ?? null,
        })),
        unread: Number(unread.n),
      };
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: access(ALL_ROLES, 'none'),
      schema: {
        tags: ['notifications'],
        summary: '标为已读 Mark as read',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (req) => {
      const a = actorOf(req);
      const res = await mine(a.id, a.unitId).select('id').where('id', '=', req.params.id).executeTakeFirst();
      if (!res) throw notFound('提醒');
      await app.deps.db
        .updateTable('notifications')
        .set({ read_at: sql`now()` })
        .where('id', '=', req.params.id)
        .execute();
      return { ok: true };
    },
  );
}
