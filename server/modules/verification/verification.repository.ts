import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RegionScope } from '../../plugins/access.ts';

/**
 * Draws the sample: per region, the `size` valid entries of the half-year with the smallest
 * md5(seed || id). The same seed always draws the same entries.
 */
export async function drawSample(
  db: Kysely<DB>,
  verificationId: string,
  seed: string,
  size: number,
  from: string,
  to: string,
  prefix: string,
) {
  await sql`
    INSERT INTO verification_items (verification_id, entry_id, entry_month, region)
    SELECT ${verificationId}::uuid, id, month, region FROM (
      SELECT e.id, e.month, e.region, row_number() OVER (PARTITION BY e.region ORDER BY md5(${seed} || e.id::text)) AS n
      FROM capital_entries e
      WHERE e.status = 'valid' AND e.month >= ${from}::date AND e.month <= ${to}::date AND e.region LIKE ${`${prefix}%`}
    ) s WHERE s.n <= ${size}`.execute(db);
}

export function listVerifications(db: Kysely<DB>) {
  return db
    .selectFrom('verifications as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select([
      'v.id',
      'v.period',
      'v.title',
      'v.sample_size',
      'v.seed',
      'v.status',
      'v.created_at',
      'u.display_name as created_by_name',
      sql<number>`(SELECT count(*) FROM verification_items i WHERE i.verification_id = v.id)`.as('items'),
      sql<number>`(SELECT count(*) FROM verification_items i WHERE i.verification_id = v.id AND i.result <> 'pending')`.as(
        'checked',
      ),
      sql<number>`(SELECT count(*) FROM verification_items i WHERE i.verification_id = v.id AND i.result IN ('issue', 'false'))`.as(
        'findings',
      ),
    ])
    .orderBy('v.created_at', 'desc')
    .execute();
}

export function findVerification(db: Kysely<DB>, id: string) {
  return db.selectFrom('verifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export function verificationItems(
  db: Kysely<DB>,
  verificationId: string,
  scope: RegionScope,
  region?: string,
) {
  let q = db
    .selectFrom('verification_items as i')
    .innerJoin('capital_entries as e', 'e.id', 'i.entry_id')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .innerJoin('enterprises as inv', 'inv.id', 'p.investor_id')
    .leftJoin('regions as r', 'r.code', 'i.region')
    .select([
      'i.id',
      'i.entry_id',
      'i.region',
      'r.name as region_name',
      'i.result',
      'i.finding',
      'i.checked_at',
      'p.id as project_id',
      'p.code as project_code',
      'p.name as project_name',
      'inv.name as investor_name',
      sql<string>`to_char(e.month, 'YYYY-MM')`.as('month'),
      'e.kind',
      'e.amount',
      'e.status as entry_status',
    ])
    .where('i.verification_id', '=', verificationId);
  if (scope.kind === 'subtree') q = q.where('i.region', 'like', `${scope.prefix}%`);
  if (region) q = q.where('i.region', '=', region);
  return q.orderBy('i.region').orderBy('e.month').orderBy('p.code').execute();
}

export function listInspections(db: Kysely<DB>) {
  return db
    .selectFrom('inspections as s')
    .select([
      's.id',
      's.quarter',
      's.title',
      's.status',
      's.created_at',
      sql<number>`(SELECT count(*) FROM inspection_items i WHERE i.inspection_id = s.id)`.as('items'),
      sql<number>`(SELECT count(*) FROM inspection_items i WHERE i.inspection_id = s.id AND i.result <> 'pending')`.as(
        'checked',
      ),
      sql<number>`(SELECT count(*) FROM inspection_items i WHERE i.inspection_id = s.id AND i.result = 'issue')`.as(
        'findings',
      ),
    ])
    .orderBy('s.created_at', 'desc')
    .execute();
}

export function inspectionItems(db: Kysely<DB>, inspectionId: string, scope: RegionScope) {
  let q = db
    .selectFrom('inspection_items as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .innerJoin('enterprises as inv', 'inv.id', 'p.investor_id')
    .leftJoin('regions as r', 'r.code', 'i.region')
    .select([
      'i.id',
      'i.region',
      'r.name as region_name',
      'i.progress',
      'i.funds',
      'i.problems',
      'i.result',
      'i.checked_at',
      'p.id as project_id',
      'p.code as project_code',
      'p.name as project_name',
      'p.stage',
      'p.key_level',
      'p.major',
      'p.planned_amount',
      'inv.name as investor_name',
      sql<string>`(SELECT coalesce(sum(x.amount), 0) FROM capital_entries x WHERE x.project_id = p.id AND x.status = 'valid')`.as(
        'funds_in_place',
      ),
    ])
    .where('i.inspection_id', '=', inspectionId);
  if (scope.kind === 'subtree') q = q.where('i.region', 'like', `${scope.prefix}%`);
  return q.orderBy('i.region').orderBy('p.code').execute();
}

export function rectificationQuery(db: Kysely<DB>) {
  return db
    .selectFrom('rectifications as x')
    .leftJoin('regions as r', 'r.code', 'x.region')
    .leftJoin('units as un', 'un.id', 'x.owner_unit_id')
    .select([
      'x.id',
      'x.source',
      'x.source_id',
      'x.item_id',
      'x.region',
      'r.name as region_name',
      'x.owner_unit_id',
      'un.name as owner_unit_name',
      'x.title',
      'x.description',
      'x.deadline',
      'x.status',
      'x.evidence',
      'x.resolution',
      'x.created_at',
      'x.updated_at',
      'x.version',
    ]);
}

/** The district unit that answers for a region (owner of its rectification items by default). */
export function districtUnitOf(db: Kysely<DB>, region: string) {
  return db
    .selectFrom('units')
    .select('id')
    .where('region', '=', region)
    .where('kind', '=', 'district')
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}
