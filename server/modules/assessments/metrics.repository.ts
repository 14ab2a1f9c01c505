import { sql, type Kysely } from 'kysely';
import type { ExplainItem } from '../../../shared/schemas/assessments.ts';
import type { DB } from '../../db/schema.ts';

/**
 * The SQL behind the metric catalog (metrics.ts). Every capital figure counts APPROVED entries only, the way
 * the bulletin does: a region's entries of a month count once that region's report for the month is
 * approved, and entries found false in verification never count. Regions roll up into rows (the regions
 * directly under the root) through the bulletin's region → row mapping, passed in as parallel arrays.
 *
 * Sums come from the trigger-kept rollups (`capital_monthly`, `assessment_monthly`: see the migration
 * 20261122050100-assessment-rollup); the items behind a figure come from the entries, classified by the same
 * stored project classes (`assessment_project_class`), so that they add up to the same sums.
 */
export interface Mapping {
  regions: string[];
  rows: string[];
}

export interface InvestorFilter {
  /** enterprise tags that make an investor "top 500" (private500, global500) */
  top500Tags: string[];
  /** count central SOEs (ownership central_soe) with the top-500 investors */
  centralSoe: boolean;
}

export interface IndustryFilter {
  /** GB/T 4754 code prefixes (`27`, `3841`) */
  prefixes: string[];
  /** GB/T 4754 sections (门类 letters) */
  sections: string[];
}

const tagPatterns = (tags: string[]) => tags.map((t) => JSON.stringify([{ tag: t }]));

export interface ShareRow {
  row: string;
  kind: string;
  total: string;
  top500: string | null;
  strategic: string | null;
  entries: number;
}

/** Approved capital of months [from, to] per row and kind, with its top-500/central-SOE and strategic-industry parts. */
export async function shareSums(
  db: Kysely<DB>,
  map: Mapping,
  prefix: string,
  from: string,
  to: string,
): Promise<ShareRow[]> {
  const res = await sql<ShareRow>`
    WITH map AS (SELECT * FROM unnest(${map.regions}::text[], ${map.rows}::text[]) AS t(region, row))
    SELECT map.row, a.kind, sum(a.amount) AS total, sum(a.top500_amount) AS top500,
      sum(a.strategic_amount) AS strategic, sum(a.entries)::int AS entries
    FROM assessment_monthly a
    JOIN monthly_reports r ON r.region = a.region AND r.month = a.month AND r.status = 'approved'
    JOIN map ON map.region = a.region
    WHERE a.region LIKE ${`${prefix}%`} AND a.month >= ${from}::date AND a.month <= ${to}::date
    GROUP BY map.row, a.kind`.execute(db);
  return res.rows;
}

/** Projects per row that reached `stage` on a date in [from, to] (key or major projects only when `keyOnly`). */
export async function stageCounts(
  db: Kysely<DB>,
  map: Mapping,
  stage: string,
  from: string,
  to: string,
  keyOnly: boolean,
): Promise<Array<{ row: string; n: number }>> {
  const res = await sql<{ row: string; n: number }>`
    WITH map AS (SELECT * FROM unnest(${map.regions}::text[], ${map.rows}::text[]) AS t(region, row))
    SELECT map.row, count(DISTINCT p.id)::int AS n
    FROM project_transitions t
    JOIN projects p ON p.id = t.project_id AND p.deleted_at IS NULL
    JOIN map ON map.region = p.region
    WHERE t.to_stage = ${stage} AND t.date >= ${from}::date AND t.date <= ${to}::date
      ${keyOnly ? sql`AND (p.key_level IS NOT NULL OR p.major)` : sql``}
    GROUP BY map.row`.execute(db);
  return res.rows;
}

/**
 * Top-500 investors introduced per row: distinct investors with a top-500 tag whose FIRST signed project in
 * the row was signed on a date in [from, to].
 */
export async function top500Introduced(
  db: Kysely<DB>,
  map: Mapping,
  tags: string[],
  from: string,
  to: string,
): Promise<Array<{ row: string; n: number }>> {
  const res = await sql<{ row: string; n: number }>`
    WITH map AS (SELECT * FROM unnest(${map.regions}::text[], ${map.rows}::text[]) AS t(region, row)),
    firsts AS (
      SELECT map.row, p.investor_id, min(t.date) AS first_signed
      FROM project_transitions t
      JOIN projects p ON p.id = t.project_id AND p.deleted_at IS NULL
      JOIN map ON map.region = p.region
      JOIN enterprises i ON i.id = p.investor_id
      WHERE t.to_stage = 'signed' AND i.tags @> ANY(${tagPatterns(tags)}::jsonb[])
      GROUP BY map.row, p.investor_id
    )
    SELECT row, count(*)::int AS n FROM firsts
    WHERE first_signed >= ${from}::date AND first_signed <= ${to}::date
    GROUP BY row`.execute(db);
  return res.rows;
}

/** An entry behind a figure as the database gives it: the API's entry item, with its flags instead of labels. */
export type EntryItemRow = Omit<Extract<ExplainItem, { type: 'entry' }>, 'type' | 'counted' | 'labels'> & {
  beijing: boolean;
  top500: boolean;
  strategic: boolean;
};

/**
 * The approved entries of `regions` behind a capital metric, months [from, to] (and optionally the same
 * months of the previous year), with what each one counts as. Largest first, at most `limit`.
 */
export async function entryItems(
  db: Kysely<DB>,
  regions: string[],
  kind: 'domestic' | 'foreign',
  range: { from: string; to: string; prevFrom?: string; prevTo?: string },
  limit: number,
): Promise<EntryItemRow[]> {
  const prev = range.prevFrom && range.prevTo;
  const res = await sql<EntryItemRow>`
    SELECT e.id, p.id AS project_id, p.code AS project_code, p.name AS project_name, e.region,
      to_char(e.month, 'YYYY-MM') AS month, e.kind, e.amount::text AS amount,
      i.id AS investor_id, i.name AS investor_name, p.industry, ind.name AS industry_name, e.beijing,
      coalesce(c.top500, false) AS top500, coalesce(c.strategic, false) AS strategic,
      (e.month < ${range.from}::date) AS previous
    FROM capital_entries e
    JOIN monthly_reports r ON r.region = e.region AND r.month = e.month AND r.status = 'approved'
    JOIN projects p ON p.id = e.project_id
    JOIN enterprises i ON i.id = p.investor_id
    LEFT JOIN industries ind ON ind.code = p.industry
    LEFT JOIN assessment_project_class c ON c.project_id = e.project_id
    WHERE e.status = 'valid' AND e.region = ANY(${regions}::text[]) AND e.kind = ${kind}
      AND ((e.month >= ${range.from}::date AND e.month <= ${range.to}::date)
        ${prev ? sql`OR (e.month >= ${range.prevFrom}::date AND e.month <= ${range.prevTo}::date)` : sql``})
    ORDER BY e.amount DESC, e.month, e.id
    LIMIT ${limit}`.execute(db);
  return res.rows;
}

export interface EntryTotalsRow {
  entries: number;
  total: string | null;
  previous_total: string | null;
  beijing: string | null;
  top500: string | null;
  strategic: string | null;
}

/** The totals of the same entries as `entryItems` (every one, not only those listed), from the rollups. */
export async function entryTotals(
  db: Kysely<DB>,
  regions: string[],
  kind: 'domestic' | 'foreign',
  range: { from: string; to: string; prevFrom?: string; prevTo?: string },
): Promise<EntryTotalsRow> {
  const inRange = (col: string) =>
    sql`((${sql.ref(col)} >= ${range.from}::date AND ${sql.ref(col)} <= ${range.to}::date)
      ${range.prevFrom && range.prevTo ? sql`OR (${sql.ref(col)} >= ${range.prevFrom}::date AND ${sql.ref(col)} <= ${range.prevTo}::date)` : sql``})`;
  const res = await sql<EntryTotalsRow>`
    SELECT coalesce(sum(a.entries), 0)::int AS entries,
      sum(a.amount) FILTER (WHERE a.month >= ${range.from}::date) AS total,
      sum(a.amount) FILTER (WHERE a.month < ${range.from}::date) AS previous_total,
      (SELECT sum(c.beijing_amount) FROM capital_monthly c
        JOIN monthly_reports r2 ON r2.region = c.region AND r2.month = c.month AND r2.status = 'approved'
        WHERE c.region = ANY(${regions}::text[]) AND c.kind = ${kind}
          AND c.month >= ${range.from}::date AND c.month <= ${range.to}::date) AS beijing,
      sum(a.top500_amount) FILTER (WHERE a.month >= ${range.from}::date) AS top500,
      sum(a.strategic_amount) FILTER (WHERE a.month >= ${range.from}::date) AS strategic
    FROM assessment_monthly a
    JOIN monthly_reports r ON r.region = a.region AND r.month = a.month AND r.status = 'approved'
    WHERE a.region = ANY(${regions}::text[]) AND a.kind = ${kind} AND ${inRange('a.month')}`.execute(db);
  return res.rows[0];
}

export interface ProjectItemRow {
  project_id: string;
  project_code: string;
  project_name: string;
  region: string;
  date: string;
  stage: string;
  key_level: string | null;
  major: boolean;
  investor_id: string;
  investor_name: string;
}

/** The projects behind `stageCounts` for one row's regions (first date each reached the stage in the range). */
export async function stageItems(
  db: Kysely<DB>,
  regions: string[],
  stage: string,
  from: string,
  to: string,
  keyOnly: boolean,
  limit: number,
): Promise<ProjectItemRow[]> {
  const res = await sql<ProjectItemRow>`
    SELECT * FROM (
      SELECT DISTINCT ON (p.id) p.id AS project_id, p.code AS project_code, p.name AS project_name, p.region,
        to_char(t.date, 'YYYY-MM-DD') AS date, p.stage, p.key_level, p.major,
        i.id AS investor_id, i.name AS investor_name
      FROM project_transitions t
      JOIN projects p ON p.id = t.project_id AND p.deleted_at IS NULL
      JOIN enterprises i ON i.id = p.investor_id
      WHERE t.to_stage = ${stage} AND t.date >= ${from}::date AND t.date <= ${to}::date
        AND p.region = ANY(${regions}::text[])
        ${keyOnly ? sql`AND (p.key_level IS NOT NULL OR p.major)` : sql``}
      ORDER BY p.id, t.date
    ) x ORDER BY date, project_code
    LIMIT ${limit}`.execute(db);
  return res.rows;
}

/** The investors behind `top500Introduced` for one row's regions, with the project of their first signing. */
export async function top500Items(
  db: Kysely<DB>,
  regions: string[],
  tags: string[],
  from: string,
  to: string,
  limit: number,
): Promise<ProjectItemRow[]> {
  const res = await sql<ProjectItemRow>`
    SELECT * FROM (
      SELECT DISTINCT ON (p.investor_id) p.id AS project_id, p.code AS project_code, p.name AS project_name,
        p.region, to_char(t.date, 'YYYY-MM-DD') AS date, p.stage, p.key_level, p.major,
        i.id AS investor_id, i.name AS investor_name
      FROM project_transitions t
      JOIN projects p ON p.id = t.project_id AND p.deleted_at IS NULL
      JOIN enterprises i ON i.id = p.investor_id
      WHERE t.to_stage = 'signed' AND p.region = ANY(${regions}::text[])
        AND i.tags @> ANY(${tagPatterns(tags)}::jsonb[])
      ORDER BY p.investor_id, t.date, p.code
    ) x WHERE date >= ${from} AND date <= ${to}
    ORDER BY date, project_code
    LIMIT ${limit}`.execute(db);
  return res.rows;
}

export interface TargetRow {
  region: string;
  domestic: string;
  foreign: string;
  growth_rate: string | null;
  beijing_share: string | null;
  top500_count: number | null;
}

export function targetsOf(db: Kysely<DB>, year: number, regions: string[]): Promise<TargetRow[]> {
  if (!regions.length) return Promise.resolve([]);
  return db
    .selectFrom('targets')
    .select(['region', 'domestic', 'foreign', 'growth_rate', 'beijing_share', 'top500_count'])
    .where('year', '=', year)
    .where('region', 'in', regions)
    .orderBy('region')
    .execute();
}
