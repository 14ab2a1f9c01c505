import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { regionPrefix } from '../../plugins/access.ts';

export function findReport(db: Kysely<DB>, region: string, month: string) {
  return db
    .selectFrom('monthly_reports')
    .selectAll()
    .where('region', '=', region)
    .where('month', '=', `${month}-01`)
    .executeTakeFirst();
}

/** Totals of the valid entries of exactly this region and month (from the rollup). */
export async function reportTotals(db: Kysely<DB>, region: string, month: string) {
  const rows = await db
    .selectFrom('capital_monthly')
    .select(['kind', 'amount', 'entries'])
    .where('region', '=', region)
    .where('month', '=', `${month}-01`)
    .execute();
  const of = (k: string) => rows.find((r) => r.kind === k);
  return {
    domestic: of('domestic')?.amount ?? '0',
    foreign: of('foreign')?.amount ?? '0',
    entries: (of('domestic')?.entries ?? 0) + (of('foreign')?.entries ?? 0),
  };
}

export function reportEvents(db: Kysely<DB>, region: string, month: string) {
  return db
    .selectFrom('report_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.action', 'e.from_status', 'e.to_status', 'e.reason', 'e.at', 'u.display_name as user_name'])
    .where('e.region', '=', region)
    .where('e.month', '=', `${month}-01`)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

const listItem = [
  'p.id',
  'p.code',
  'p.name',
  'inv.name as investor_name',
  'p.planned_amount',
  'p.stage',
  'p.expected_landing_date',
  'p.capital_kind',
] as const;

/** The lists a district files with its report (seed 001 §3). */
export async function reportLists(
  db: Kysely<DB>,
  region: string,
  month: string,
  monthEnd: string,
  sixMonthsOn: string,
) {
  const base = () =>
    db
      .selectFrom('projects as p')
      .innerJoin('enterprises as inv', 'inv.id', 'p.investor_id')
      .select([...listItem])
      .where('p.region', '=', region)
      .where('p.deleted_at', 'is', null);
  const [foreignRegistered, landingSoon, negotiating] = await Promise.all([
    base()
      .where('p.capital_kind', '=', 'foreign')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('project_transitions as t')
            .select(sql`1`.as('x'))
            .whereRef('t.project_id', '=', 'p.id')
            .where('t.to_stage', '=', 'registered')
            .where('t.date', '>=', `${month}-01`)
            .where('t.date', '<=', monthEnd),
        ),
      )
      .orderBy('p.code')
      .execute(),
    base()
      .where('p.stage', 'not in', ['construction', 'operating', 'dropped'])
      .where('p.expected_landing_date', '>', monthEnd)
      .where('p.expected_landing_date', '<=', sixMonthsOn)
      .orderBy('p.expected_landing_date')
      .orderBy('p.code')
      .execute(),
    base().where('p.stage', '=', 'negotiating').orderBy('p.code').execute(),
  ]);
  return { foreign_registered: foreignRegistered, landing_soon: landingSoon, negotiating };
}

/**
 * The regions expected to report for a month inside a subtree: those with a district, zone or street
 * unit, and any region with entries in the year or a report for the month.
 */
export async function expectedReporters(db: Kysely<DB>, root: string, month: string): Promise<string[]> {
  const prefix = `${regionPrefix(root)}%`;
  const yearStart = `${month.slice(0, 4)}-01-01`;
  const rows = await sql<{ region: string }>`
    SELECT region FROM units WHERE kind IN ('district', 'zone', 'street') AND deleted_at IS NULL AND region LIKE ${prefix}
    UNION
    SELECT region FROM capital_monthly WHERE month >= ${yearStart}::date AND month <= ${`${month}-01`}::date AND entries > 0 AND region LIKE ${prefix}
    UNION
    SELECT region FROM monthly_reports WHERE month = ${`${month}-01`}::date AND region LIKE ${prefix}
    ORDER BY 1`.execute(db);
  return rows.rows.map((r) => r.region);
}

export function reportsOfMonth(db: Kysely<DB>, regions: string[], month: string) {
  if (!regions.length) return Promise.resolve([]);
  return db
    .selectFrom('monthly_reports')
    .selectAll()
    .where('month', '=', `${month}-01`)
    .where('region', 'in', regions)
    .execute();
}

export function regionNames(db: Kysely<DB>, codes: string[]) {
  if (!codes.length) return Promise.resolve([]);
  return db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
}

export function totalsOfMonth(db: Kysely<DB>, regions: string[], month: string) {
  if (!regions.length) return Promise.resolve([]);
  return db
    .selectFrom('capital_monthly')
    .select(['region', 'kind', 'amount', 'entries'])
    .where('month', '=', `${month}-01`)
    .where('region', 'in', regions)
    .execute();
}

export async function getSetting<T>(db: Kysely<DB>, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value as T | undefined;
}
