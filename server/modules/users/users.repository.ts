import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function userQuery(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.unit_id',
      'un.name as unit_name',
      'un.region as region',
      'u.active',
      'u.must_change_password',
      'u.locked_until',
      'u.last_login_at',
      'u.password_changed_at',
      'u.created_at',
      'u.updated_at',
      'u.version',
    ]);
}

export function listUsers(
  db: Kysely<DB>,
  opts: { role?: string; unit_id?: string; q?: string; page: number; pageSize: number },
) {
  let q = userQuery(db);
  if (opts.role) q = q.where('u.role', '=', opts.role);
  if (opts.unit_id) q = q.where('u.unit_id', '=', opts.unit_id);
  if (opts.q) {
    const term = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('u.username', 'ilike', term), eb('u.display_name', 'ilike', term)]));
  }
  return Promise.all([
    q
      .orderBy('u.created_at')
      .orderBy('u.username')
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
}

export function findUser(db: Kysely<DB>, id: string) {
  return userQuery(db).where('u.id', '=', id).executeTakeFirst();
}
