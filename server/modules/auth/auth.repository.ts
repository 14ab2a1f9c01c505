import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

/** The session of a token hash with its user and unit, in one query (runs on every request). */
export function findSession(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.unit_id',
      'u.active',
      'u.must_change_password',
      'u.password_changed_at',
      'un.kind as unit_kind',
      'un.region as unit_region',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, sessionId: string) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: sql`now()` })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Kysely<DB>, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Failed attempts for a username since its last success, within the window. */
export async function countRecentFailures(db: Kysely<DB>, username: string, windowMinutes: number) {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .where('success', '=', false)
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${windowMinutes})`)
    .where(
      'at',
      '>',
      sql<Date>`coalesce((SELECT max(at) FROM login_attempts WHERE lower(username) = ${username.toLowerCase()} AND success), '-infinity'::timestamptz)`,
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countRecentIpFailures(db: Kysely<DB>, ip: string, windowMinutes: number) {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('success', '=', false)
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${windowMinutes})`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
