import { sql, type Kysely } from 'kysely';
import { NATIONAL_ROOT, regionPrefix } from '../../../shared/regions.ts';
import type { DB } from '../../db/schema.ts';

export interface RowRegion {
  code: string;
  name: string;
  has_children: boolean;
}

/** The regions directly under `parent` (the provinces under the whole country). */
export function childRegions(db: Kysely<DB>, parent: string): Promise<RowRegion[]> {
  let q = db
    .selectFrom('regions as r')
    .select([
      'r.code',
      'r.name',
      sql<boolean>`exists (select 1 from regions c where c.parent = r.code)`.as('has_children'),
    ])
    .where('r.level', '!=', 'country');
  q = parent === NATIONAL_ROOT ? q.where('r.parent', 'is', null) : q.where('r.parent', '=', parent);
  return q.orderBy('r.code').execute();
}

export function findRegion(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Every region of the subtree (for mapping a region to the row it rolls up into). */
export function subtreeRegions(db: Kysely<DB>, parent: string) {
  return db
    .selectFrom('regions')
    .select('code')
    .where('code', 'like', `${regionPrefix(parent)}%`)
    .where('level', '!=', 'country')
    .execute();
}

export interface SumRow {
  row: string;
  kind: string;
  month: string | null;
  ytd: string | null;
  ytd_beijing: string | null;
  ytd_prev: string | null;
}

/**
 * Sums of APPROVED capital per row region and kind: the month, year to date (with its Beijing part) and
 * the same months of the previous year. Reads the rollup joined to approved reports; a region's entries
 * of a month count only once that region's report for the month is approved.
 */
export async function approvedSums(
  db: Kysely<DB>,
  mapping: { regions: string[]; rows: string[] },
  parentPrefix: string,
  m: { month: string; yearStart: string; prevStart: string; prevMonth: string },
): Promise<SumRow[]> {
  const res = await sql<SumRow>`
    WITH map AS (SELECT * FROM unnest(${mapping.regions}::text[], ${mapping.rows}::text[]) AS t(region, row))
    SELECT map.row, c.kind,
      sum(c.amount) FILTER (WHERE c.month = ${m.month}::date) AS month,
      sum(c.amount) FILTER (WHERE c.month >= ${m.yearStart}::date AND c.month <= ${m.month}::date) AS ytd,
      sum(c.beijing_amount) FILTER (WHERE c.month >= ${m.yearStart}::date AND c.month <= ${m.month}::date) AS ytd_beijing,
      sum(c.amount) FILTER (WHERE c.month >= ${m.prevStart}::date AND c.month <= ${m.prevMonth}::date) AS ytd_prev
    FROM capital_monthly c
    JOIN monthly_reports r ON r.region = c.region AND r.month = c.month AND r.status = 'approved'
    JOIN map ON map.region = c.region
    WHERE c.region LIKE ${`${parentPrefix}%`}
      AND ((c.month >= ${m.yearStart}::date AND c.month <= ${m.month}::date)
        OR (c.month >= ${m.prevStart}::date AND c.month <= ${m.prevMonth}::date))
    GROUP BY map.row, c.kind`.execute(db);
  return res.rows;
}

/** Month-by-month approved totals under `parent` for the months 1..M of a year. */
export async function monthlyTotals(db: Kysely<DB>, parentPrefix: string, from: string, to: string) {
  const res = await sql<{ month: string; kind: string; amount: string; beijing: string }>`
    SELECT to_char(c.month, 'YYYY-MM') AS month, c.kind, sum(c.amount) AS amount, sum(c.beijing_amount) AS beijing
    FROM capital_monthly c
    JOIN monthly_reports r ON r.region = c.region AND r.month = c.month AND r.status = 'approved'
    WHERE c.region LIKE ${`${parentPrefix}%`} AND c.month >= ${from}::date AND c.month <= ${to}::date
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return res.rows;
}

/** Regions expected to report (a district/zone/street unit, entries this year, or a report this month) and their status. */
export async function reporters(db: Kysely<DB>, parentPrefix: string, month: string, yearStart: string) {
  const like = `${parentPrefix}%`;
  const res = await sql<{ region: string; status: string | null }>`
    WITH expected AS (
      SELECT region FROM units WHERE kind IN ('district', 'zone', 'street') AND deleted_at IS NULL AND region LIKE ${like}
      UNION
      SELECT region FROM capital_monthly WHERE month >= ${yearStart}::date AND month <= ${month}::date AND entries > 0 AND region LIKE ${like}
      UNION
      SELECT region FROM monthly_reports WHERE month = ${month}::date AND region LIKE ${like}
    )
    SELECT e.region, r.status FROM expected e
    LEFT JOIN monthly_reports r ON r.region = e.region AND r.month = ${month}::date`.execute(db);
  return res.rows;
}

export function targetsOf(db: Kysely<DB>, year: number, regions: string[]) {
  if (!regions.length) return Promise.resolve([]);
  return db
    .selectFrom('targets')
    .select(['region', 'domestic', 'foreign'])
    .where('year', '=', year)
    .where('region', 'in', regions)
    .execute();
}

export function latestVersion(db: Kysely<DB>, month: string, parent: string) {
  return db
    .selectFrom('bulletin_versions')
    .selectAll()
    .where('month', '=', `${month}-01`)
    .where('parent', '=', parent)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findVersion(db: Kysely<DB>, month: string, parent: string, version: number) {
  return db
    .selectFrom('bulletin_versions')
    .selectAll()
    .where('month', '=', `${month}-01`)
    .where('parent', '=', parent)
    .where('version', '=', version)
    .executeTakeFirst();
}

export function listVersions(db: Kysely<DB>, month: string, parent: string) {
  return db
    .selectFrom('bulletin_versions as b')
    .leftJoin('users as u', 'u.id', 'b.published_by')
    .select([
      'b.version',
      'b.content_hash',
      'b.changes',
      'b.note',
      'b.published_at',
      'u.display_name as published_by',
    ])
    .where('b.month', '=', `${month}-01`)
    .where('b.parent', '=', parent)
    .orderBy('b.version')
    .execute();
}

export function publishedMonths(db: Kysely<DB>, parent: string) {
  return db
    .selectFrom('bulletin_versions')
    .select([
      sql<string>`to_char(month, 'YYYY-MM')`.as('month'),
      sql<number>`max(version)`.as('version'),
      sql<Date>`max(published_at)`.as('published_at'),
    ])
    .where('parent', '=', parent)
    .groupBy('month')
    .orderBy('month', 'desc')
    .execute();
}
