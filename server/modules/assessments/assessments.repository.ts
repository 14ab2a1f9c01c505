import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RunStatus } from '../../db/tables/assessments.ts';

/** Every query of schemes, runs and results (the metric SQL lives in metrics.repository.ts). */

// ---- schemes ---------------------------------------------------------------------------------------------

export function listSchemes(db: Kysely<DB>) {
  return db
    .selectFrom('assessment_schemes as s')
    .innerJoin('assessment_scheme_versions as v', (j) =>
      j.onRef('v.scheme_id', '=', 's.id').onRef('v.version', '=', 's.current_version'),
    )
    .select([
      's.id',
      's.name',
      's.effective_year',
      's.status',
      's.description',
      's.current_version as version',
      's.is_default',
      's.revision',
      's.created_at',
      's.updated_at',
      'v.indicators',
      'v.used_at',
      sql<number>`(SELECT count(*)::int FROM assessment_runs r WHERE r.scheme_id = s.id)`.as('runs'),
    ])
    .orderBy('s.is_default', 'desc')
    .orderBy('s.effective_year', 'desc')
    .orderBy('s.created_at')
    .execute();
}

export function findScheme(db: Kysely<DB>, id: string, forUpdate = false) {
  let q = db.selectFrom('assessment_schemes').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findVersion(db: Kysely<DB>, schemeId: string, version: number) {
  return db
    .selectFrom('assessment_scheme_versions')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export function listVersions(db: Kysely<DB>, schemeId: string) {
  return db
    .selectFrom('assessment_scheme_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select([
      'v.version',
      'v.name',
      'v.effective_year',
      'v.used_at',
      'v.note',
      'v.created_at',
      'u.display_name as created_by_name',
      sql<number>`(SELECT count(*)::int FROM assessment_runs r WHERE r.scheme_id = v.scheme_id AND r.scheme_version = v.version)`.as(
        'runs',
      ),
    ])
    .where('v.scheme_id', '=', schemeId)
    .orderBy('v.version', 'desc')
    .execute();
}

export function markVersionUsed(db: Kysely<DB>, schemeId: string, version: number) {
  return db
    .updateTable('assessment_scheme_versions')
    .set({ used_at: sql`now()` })
    .where('scheme_id', '=', schemeId)
    .where('version', '=', version)
    .where('used_at', 'is', null)
    .execute();
}

// ---- runs ------------------------------------------------------------------------------------------------

const runColumns = [
  'r.id',
  'r.scheme_id',
  'r.scheme_version',
  'r.period',
  'r.year',
  'r.parent',
  'r.status',
  'r.summary',
  'r.warnings',
  'r.content_hash',
  'r.previous_run_id',
  'r.note',
  'r.created_at',
  'r.reviewed_at',
  'r.finalized_at',
  's.name as scheme_name',
  'cu.display_name as created_by_name',
  'ru.display_name as reviewed_by_name',
  'fu.display_name as finalized_by_name',
] as const;

function runQuery(db: Kysely<DB>) {
  return db
    .selectFrom('assessment_runs as r')
    .innerJoin('assessment_schemes as s', 's.id', 'r.scheme_id')
    .leftJoin('users as cu', 'cu.id', 'r.created_by')
    .leftJoin('users as ru', 'ru.id', 'r.reviewed_by')
    .leftJoin('users as fu', 'fu.id', 'r.finalized_by');
}

export function listRuns(
  db: Kysely<DB>,
  f: { period?: string; scheme_id?: string; status?: RunStatus; statuses?: RunStatus[]; year?: number },
) {
  let q = runQuery(db).select(runColumns);
  if (f.period) q = q.where('r.period', '=', f.period);
  if (f.year) q = q.where('r.year', '=', f.year);
  if (f.scheme_id) q = q.where('r.scheme_id', '=', f.scheme_id);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.statuses) q = q.where('r.status', 'in', f.statuses);
  return q.orderBy('r.created_at', 'desc').limit(500).execute();
}

export function findRun(db: Kysely<DB>, id: string) {
  return runQuery(db).select(runColumns).select('r.inputs').where('r.id', '=', id).executeTakeFirst();
}

export function latestRun(db: Kysely<DB>, schemeId: string, period: string, parent: string) {
  return db
    .selectFrom('assessment_runs')
    .select(['id'])
    .where('scheme_id', '=', schemeId)
    .where('period', '=', period)
    .where('parent', '=', parent)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function results(db: Kysely<DB>, runId: string, regions?: string[]) {
  let q = db.selectFrom('assessment_results').selectAll().where('run_id', '=', runId);
  if (regions) q = regions.length ? q.where('region', 'in', regions) : q.where(sql<boolean>`false`);
  return q.orderBy('rank').orderBy('region').execute();
}

export function result(db: Kysely<DB>, runId: string, region: string) {
  return db
    .selectFrom('assessment_results')
    .selectAll()
    .where('run_id', '=', runId)
    .where('region', '=', region)
    .executeTakeFirst();
}

export function setRunStatus(
  db: Kysely<DB>,
  id: string,
  from: RunStatus,
  to: RunStatus,
  userId: string | null,
) {
  return db
    .updateTable('assessment_runs')
    .set(
      to === 'reviewed'
        ? { status: to, reviewed_by: userId, reviewed_at: sql`now()` }
        : { status: to, finalized_by: userId, finalized_at: sql`now()` },
    )
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
}

/** Months of the period with no approved report in a row's regions (a warning on the run). */
export async function approvedMonths(
  db: Kysely<DB>,
  map: { regions: string[]; rows: string[] },
  from: string,
  to: string,
) {
  const res = await sql<{ row: string; month: string }>`
    WITH map AS (SELECT * FROM unnest(${map.regions}::text[], ${map.rows}::text[]) AS t(region, row))
    SELECT DISTINCT map.row, to_char(r.month, 'YYYY-MM') AS month
    FROM monthly_reports r JOIN map ON map.region = r.region
    WHERE r.status = 'approved' AND r.month >= ${from}::date AND r.month <= ${to}::date`.execute(db);
  return res.rows;
}

export function issuerName(db: Kysely<DB>) {
  return db
    .selectFrom('units')
    .select('name')
    .where('kind', '=', 'office')
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

export async function getSetting(db: Kysely<DB>, key: string) {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export function putSetting(db: Kysely<DB>, key: string, value: unknown) {
  return db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()` }),
    )
    .execute();
}

/** Classifies every project again by the settings just written and rebuilds the assessment rollup. */
export async function rebuildAssessmentRollup(db: Kysely<DB>) {
  await sql`SELECT assessment_rebuild()`.execute(db);
}
