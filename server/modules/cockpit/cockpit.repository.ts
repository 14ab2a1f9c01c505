import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * The cockpit's own queries (the figures by region and the monthly trend come from the bulletin). Capital
 * counts approved, valid entries only, like every other figure; projects count live (not deleted) ones.
 * Entries are selected by the list of the root's regions (`= ANY`), which the (region, month) index serves.
 */

/** Approved domestic capital of [from, to] by GB/T 4754 section (门类). */
export async function capitalBySection(db: Kysely<DB>, regions: string[], from: string, to: string) {
  const res = await sql<{ section: string; name: string; amount: string; projects: number }>`
    SELECT e.section, sec.name, sum(e.amount) AS amount, count(DISTINCT e.project_id)::int AS projects
    FROM capital_entries e
    JOIN monthly_reports r ON r.region = e.region AND r.month = e.month AND r.status = 'approved'
    JOIN industries sec ON sec.code = e.section
    WHERE e.status = 'valid' AND e.kind = 'domestic' AND e.region = ANY(${regions}::text[])
      AND e.month >= ${from}::date AND e.month <= ${to}::date
    GROUP BY e.section, sec.name
    ORDER BY amount DESC`.execute(db);
  return res.rows;
}

/** Approved domestic capital of [from, to] by the investor's origin province (null: abroad or unknown). */
export async function capitalByOrigin(db: Kysely<DB>, regions: string[], from: string, to: string) {
  const res = await sql<{ province: string | null; name: string | null; amount: string }>`
    SELECT e.origin_province AS province, g.name, sum(e.amount) AS amount
    FROM capital_entries e
    JOIN monthly_reports r ON r.region = e.region AND r.month = e.month AND r.status = 'approved'
    LEFT JOIN regions g ON g.code = e.origin_province
    WHERE e.status = 'valid' AND e.kind = 'domestic' AND e.region = ANY(${regions}::text[])
      AND e.month >= ${from}::date AND e.month <= ${to}::date
    GROUP BY e.origin_province, g.name
    ORDER BY amount DESC`.execute(db);
  return res.rows;
}

/** Approved foreign capital of [from, to] by the investor's country. */
export async function foreignByCountry(db: Kysely<DB>, regions: string[], from: string, to: string) {
  const res = await sql<{ country: string; amount: string }>`
    SELECT e.origin AS country, sum(e.amount) AS amount
    FROM capital_entries e
    JOIN monthly_reports r ON r.region = e.region AND r.month = e.month AND r.status = 'approved'
    WHERE e.status = 'valid' AND e.kind = 'foreign' AND e.region = ANY(${regions}::text[])
      AND e.month >= ${from}::date AND e.month <= ${to}::date
    GROUP BY e.origin
    ORDER BY amount DESC
    LIMIT 10`.execute(db);
  return res.rows;
}

/** The pipeline by stage: projects and planned investment. */
export async function funnel(db: Kysely<DB>, prefix: string) {
  const res = await sql<{ stage: string; projects: number; planned: string }>`
    SELECT stage, count(*)::int AS projects, coalesce(sum(planned_amount), 0) AS planned
    FROM projects
    WHERE deleted_at IS NULL AND region LIKE ${`${prefix}%`}
    GROUP BY stage`.execute(db);
  return res.rows;
}

/** Key (市重点) and major projects, largest first, with their funds in place (valid entries). */
export async function keyProjects(db: Kysely<DB>, prefix: string, limit: number) {
  const res = await sql<{
    id: string;
    code: string;
    name: string;
    region: string;
    region_name: string | null;
    stage: string;
    stage_date: string | null;
    key_level: string | null;
    major: boolean;
    planned_amount: string;
    capital_kind: string;
    funds_in_place: string;
    guarantor: string | null;
    investor_name: string;
  }>`
    SELECT p.id, p.code, p.name, p.region, g.name AS region_name, p.stage,
      to_char(p.stage_date, 'YYYY-MM-DD') AS stage_date, p.key_level, p.major, p.planned_amount, p.capital_kind,
      coalesce((SELECT sum(e.amount) FROM capital_entries e WHERE e.project_id = p.id AND e.status = 'valid'), 0) AS funds_in_place,
      u.display_name AS guarantor, i.name AS investor_name
    FROM projects p
    JOIN enterprises i ON i.id = p.investor_id
    LEFT JOIN regions g ON g.code = p.region
    LEFT JOIN users u ON u.id = p.guarantor_id
    WHERE p.deleted_at IS NULL AND p.region LIKE ${`${prefix}%`}
      AND (p.key_level = 'city' OR p.major) AND p.stage <> 'dropped'
    ORDER BY p.planned_amount DESC, p.code
    LIMIT ${limit}`.execute(db);
  return res.rows;
}

/** Key and major projects by stage (the status summary over the table). */
export async function keyProjectStages(db: Kysely<DB>, prefix: string) {
  const res = await sql<{ stage: string; projects: number }>`
    SELECT stage, count(*)::int AS projects FROM projects
    WHERE deleted_at IS NULL AND region LIKE ${`${prefix}%`} AND (key_level = 'city' OR major)
    GROUP BY stage`.execute(db);
  return res.rows;
}

/** The latest month of [from, to] with an approved report under the root (the cockpit's "as of" month). */
export async function latestApprovedMonth(db: Kysely<DB>, prefix: string, from: string, to: string) {
  const res = await sql<{ month: string | null }>`
    SELECT to_char(max(month), 'YYYY-MM') AS month FROM monthly_reports
    WHERE status = 'approved' AND region LIKE ${`${prefix}%`} AND month >= ${from}::date AND month <= ${to}::date`.execute(
    db,
  );
  return res.rows[0]?.month ?? null;
}

export function latestRun(db: Kysely<DB>, parent: string, year: number) {
  return db
    .selectFrom('assessment_runs')
    .select(['id', 'period', 'status', 'summary', 'created_at'])
    .where('parent', '=', parent)
    .where('year', '=', year)
    .orderBy(sql`(status = 'final')`, 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
