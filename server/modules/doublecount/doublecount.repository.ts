import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Names at least this similar (pg_trgm) are treated as the same investor / the same project. */
export const SIMILARITY = 0.8;

/** A live project counts: not deleted and not dropped (终止). */
const LIVE = sql`p.deleted_at is null and p.stage <> 'dropped'`;

/** Investors (one record, hence one USCC) with live projects in two or more regions. */
export async function investorsInSeveralRegions(db: Db) {
  const r = await sql<{ investor_id: string; project_ids: string[]; regions: string[] }>`
    select p.investor_id, array_agg(p.id order by p.id) as project_ids,
           array_agg(distinct p.region order by p.region) as regions
    from projects p
    where ${LIVE}
    group by p.investor_id
    having count(distinct p.region) >= 2`.execute(db);
  return r.rows;
}

/** Live enterprises that have live projects: the names the similar-investor check compares. */
export function liveInvestorNames(db: Db) {
  return db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.name'])
    .where('e.deleted_at', 'is', null)
    .where(sql<boolean>`exists (select 1 from projects p where p.investor_id = e.id and ${LIVE})`)
    .execute();
}

/** pg_trgm's own verdict on candidate pairs of enterprises: those with similarity ≥ 0.8. */
export async function confirmSimilarEnterprises(db: Db, pairs: ReadonlyArray<{ a: string; b: string }>) {
  const out: Array<{ a: string; b: string; similarity: number }> = [];
  for (let i = 0; i < pairs.length; i += 5000) {
    const chunk = pairs.slice(i, i + 5000);
    const r = await sql<{ a: string; b: string; similarity: number }>`
      select v.a, v.b, similarity(e1.name, e2.name)::float8 as similarity
      from unnest(${chunk.map((p) => p.a)}::uuid[], ${chunk.map((p) => p.b)}::uuid[]) as v(a, b)
      join enterprises e1 on e1.id = v.a
      join enterprises e2 on e2.id = v.b
      where similarity(e1.name, e2.name) >= ${SIMILARITY}`.execute(db);
    out.push(...r.rows);
  }
  return out;
}

/** Two live projects of one investor in one region with near-identical names. */
export async function similarProjectPairs(db: Db) {
  const r = await sql<{ a: string; b: string; similarity: number }>`
    select p.id as a, q.id as b, similarity(p.name, q.name)::float8 as similarity
    from projects p
    join projects q on q.investor_id = p.investor_id and q.region = p.region and q.id > p.id
      and q.deleted_at is null and q.stage <> 'dropped'
    where ${LIVE} and similarity(p.name, q.name) >= ${SIMILARITY}`.execute(db);
  return r.rows;
}

export function projectsBrief(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('projects as p')
    .innerJoin('regions as r', 'r.code', 'p.region')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.region',
      'r.name as region_name',
      'p.stage',
      'p.planned_amount',
      'p.investor_id',
    ])
    .where('p.id', 'in', [...ids])
    .orderBy('p.region')
    .orderBy('p.code')
    .execute();
}

export function enterprisesBrief(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('enterprises')
    .select(['id', 'name', 'uscc', 'country', 'deleted_at'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Live project ids of some investors (for fingerprints), grouped by investor. */
export async function liveProjectIdsOf(db: Db, investorIds: readonly string[]) {
  if (!investorIds.length) return new Map<string, string[]>();
  const rows = await db
    .selectFrom('projects as p')
    .select(['p.investor_id', 'p.id'])
    .where('p.investor_id', 'in', [...investorIds])
    .where('p.deleted_at', 'is', null)
    .where('p.stage', '<>', 'dropped')
    .orderBy('p.id')
    .execute();
  const m = new Map<string, string[]>();
  for (const r of rows) m.set(r.investor_id, [...(m.get(r.investor_id) ?? []), r.id]);
  return m;
}

export async function reviews(db: Db, keys?: readonly string[]) {
  let q = db.selectFrom('double_count_reviews').select(['key', 'fingerprint', 'note', 'created_at']);
  if (keys) {
    if (!keys.length) return new Map<string, string>();
    q = q.where('key', 'in', [...keys]);
  }
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.key, r.fingerprint]));
}

export async function upsertReview(
  db: Db,
  v: { key: string; kind: string; fingerprint: string; note: string; user_id: string | null },
) {
  await db
    .insertInto('double_count_reviews')
    .values({ ...v, decision: 'distinct' })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        fingerprint: v.fingerprint,
        note: v.note,
        user_id: v.user_id,
        created_at: sql`now()`,
      }),
    )
    .execute();
}

// ---- the checks behind the warning a district sees when it saves a project ----

/** Other regions where the same investor has live projects. */
export function otherRegionsOfInvestor(db: Db, investorId: string, region: string) {
  return db
    .selectFrom('projects as p')
    .innerJoin('regions as r', 'r.code', 'p.region')
    .select(['p.region as code', 'r.name'])
    .distinct()
    .where('p.investor_id', '=', investorId)
    .where('p.region', '<>', region)
    .where('p.deleted_at', 'is', null)
    .where('p.stage', '<>', 'dropped')
    .orderBy('p.region')
    .execute();
}

/** Live projects of the same investor in the same region with a near-identical name. */
export async function similarProjectsOf(
  db: Db,
  p: { id: string; name: string; region: string; investor_id: string },
) {
  const r = await sql<{ id: string; code: string; name: string; similarity: number }>`
    select q.id, q.code, q.name, similarity(q.name, ${p.name})::float8 as similarity
    from projects q
    where q.investor_id = ${p.investor_id} and q.region = ${p.region} and q.id <> ${p.id}
      and q.deleted_at is null and q.stage <> 'dropped'
      and similarity(q.name, ${p.name}) >= ${SIMILARITY}
    order by similarity desc limit 5`.execute(db);
  return r.rows;
}

/**
 * Other enterprises with a near-identical name that have live projects: the nearest names by trigram
 * distance (GiST KNN, enterprises_name_gist_idx), kept when similarity ≥ 0.8.
 */
export async function similarInvestorsOf(db: Db, investorId: string) {
  const r = await sql<{ id: string; name: string; similarity: number }>`
    select e2.id, e2.name, similarity(e2.name, e1.name)::float8 as similarity
    from enterprises e1
    cross join lateral (
      select x.id, x.name from enterprises x
      where x.id <> e1.id and x.deleted_at is null
      order by x.name <-> e1.name
      limit 10) e2
    where e1.id = ${investorId}
      and similarity(e2.name, e1.name) >= ${SIMILARITY}
      and exists (select 1 from projects p where p.investor_id = e2.id and ${LIVE})
    order by similarity desc limit 5`.execute(db);
  return r.rows;
}

// ---- merging enterprise records ----

/** Points every project of `from` at `to`; returns the ids of the projects moved. */
export async function repointProjects(db: Db, from: readonly string[], to: string) {
  if (!from.length) return [];
  const rows = await db
    .updateTable('projects')
    .set({ investor_id: to, updated_at: sql`now()`, version: sql`version + 1` })
    .where('investor_id', 'in', [...from])
    .returning(['id', 'investor_id'])
    .execute();
  return rows.map((r) => r.id);
}

/** The name similarity of two live enterprises, or null if one of them is not live. */
export async function enterpriseSimilarity(db: Db, a: string, b: string) {
  const r = await sql<{ similarity: number }>`
    select similarity(e1.name, e2.name)::float8 as similarity
    from enterprises e1, enterprises e2
    where e1.id = ${a} and e2.id = ${b} and e1.deleted_at is null and e2.deleted_at is null`.execute(db);
  return r.rows[0]?.similarity ?? null;
}

/** The name similarity of two live projects of one investor in one region, or null otherwise. */
export async function projectPairSimilarity(db: Db, a: string, b: string) {
  const r = await sql<{ similarity: number }>`
    select similarity(p.name, q.name)::float8 as similarity
    from projects p, projects q
    where p.id = ${a} and q.id = ${b} and ${LIVE}
      and q.deleted_at is null and q.stage <> 'dropped'
      and q.investor_id = p.investor_id and q.region = p.region`.execute(db);
  return r.rows[0]?.similarity ?? null;
}
