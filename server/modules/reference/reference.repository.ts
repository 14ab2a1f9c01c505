import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { NATIONAL_ROOT, regionPrefix } from '../../../shared/regions.ts';

const LIMIT = 200;

export function listRegions(db: Kysely<DB>, opts: { parent?: string; q?: string }) {
  let q = db
    .selectFrom('regions as r')
    .select([
      'r.code',
      'r.name',
      'r.level',
      'r.parent',
      'r.kind',
      sql<boolean>`exists (select 1 from regions c where c.parent = r.code)`.as('has_children'),
    ]);
  if (opts.q) {
    const term = opts.q.trim();
    q = q.where((eb) =>
      eb.or([eb('r.name', 'ilike', `%${escapeLike(term)}%`), eb('r.code', 'like', `${escapeLike(term)}%`)]),
    );
    if (opts.parent) q = q.where('r.code', 'like', `${regionPrefix(opts.parent)}%`);
    return q
      .orderBy(sql`length(r.name)`)
      .orderBy('r.code')
      .limit(LIMIT)
      .execute();
  }
  // the whole country (000000) is the parent of the provinces
  q =
    opts.parent && opts.parent !== NATIONAL_ROOT
      ? q.where('r.parent', '=', opts.parent)
      : q.where('r.parent', 'is', null);
  q = q.where('r.level', '!=', 'country');
  return q.orderBy('r.code').execute();
}

export function findRegion(db: Kysely<DB>, code: string) {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The region and its ancestors, root first. */
export async function regionPath(db: Kysely<DB>, code: string) {
  const rows = await sql<{ code: string; name: string; level: string; parent: string | null; depth: number }>`
    WITH RECURSIVE up AS (
      SELECT code, name, level, parent, 0 AS depth FROM regions WHERE code = ${code}
      UNION ALL
      SELECT r.code, r.name, r.level, r.parent, up.depth + 1 FROM regions r JOIN up ON r.code = up.parent
    ) SELECT * FROM up ORDER BY depth DESC`.execute(db);
  return rows.rows;
}

export function listIndustries(db: Kysely<DB>, opts: { parent?: string; q?: string; level?: number }) {
  let q = db
    .selectFrom('industries as i')
    .select([
      'i.code',
      'i.name',
      'i.level',
      'i.parent',
      'i.section',
      sql<boolean>`exists (select 1 from industries c where c.parent = i.code)`.as('has_children'),
    ]);
  if (opts.level) q = q.where('i.level', '=', opts.level);
  if (opts.q) {
    const term = opts.q.trim();
    q = q.where((eb) =>
      eb.or([
        eb('i.name', 'ilike', `%${escapeLike(term)}%`),
        eb('i.code', 'like', `${escapeLike(term.toUpperCase())}%`),
      ]),
    );
    if (opts.parent)
      q = q.where((eb) =>
        eb.or([eb('i.section', '=', opts.parent!), eb('i.code', 'like', `${escapeLike(opts.parent!)}%`)]),
      );
    return q.orderBy('i.level').orderBy('i.code').limit(LIMIT).execute();
  }
  if (!opts.level) q = opts.parent ? q.where('i.parent', '=', opts.parent) : q.where('i.parent', 'is', null);
  return q.orderBy('i.code').execute();
}

export function findIndustry(db: Kysely<DB>, code: string) {
  return db.selectFrom('industries').selectAll().where('code', '=', code).executeTakeFirst();
}

export function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
