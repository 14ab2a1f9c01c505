import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export function unitQuery(db: Kysely<DB>) {
  return db
    .selectFrom('units as u')
    .leftJoin('regions as r', 'r.code', 'u.region')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select([
      'u.id',
      'u.name',
      'u.kind',
      'u.region',
      'r.name as region_name',
      'u.parent_id',
      'p.name as parent_name',
      'u.version',
      'u.created_at',
      'u.updated_at',
    ])
    .where('u.deleted_at', 'is', null);
}

export function listUnits(db: Kysely<DB>, opts: { kind?: string; regionPrefix?: string; q?: string }) {
  let q = unitQuery(db);
  if (opts.kind) q = q.where('u.kind', '=', opts.kind);
  if (opts.regionPrefix) q = q.where('u.region', 'like', `${opts.regionPrefix}%`);
  if (opts.q) q = q.where('u.name', 'ilike', `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return q.orderBy('u.region').orderBy('u.kind').orderBy('u.name').execute();
}

export function findUnit(db: Kysely<DB>, id: string) {
  return unitQuery(db).where('u.id', '=', id).executeTakeFirst();
}
