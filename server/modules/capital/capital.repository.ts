import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { regionPrefix, type RegionScope } from '../../plugins/access.ts';
import { escapeLike } from '../reference/reference.repository.ts';

export function entryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('capital_entries as e')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .innerJoin('enterprises as inv', 'inv.id', 'p.investor_id')
    .leftJoin('regions as r', 'r.code', 'e.region')
    .select([
      'e.id',
      'e.project_id',
      'p.code as project_code',
      'p.name as project_name',
      'inv.name as investor_name',
      'e.region',
      'r.name as region_name',
      sql<string>`to_char(e.month, 'YYYY-MM')`.as('month'),
      'e.kind',
      'e.amount',
      'e.beijing',
      'e.status',
      'e.status_reason',
      'e.note',
      'e.created_at',
      'e.updated_at',
      'e.version',
    ]);
}

export function listEntries(
  db: Kysely<DB>,
  scope: RegionScope,
  f: {
    region?: string;
    regionExact?: boolean;
    month?: string;
    from?: string;
    to?: string;
    project_id?: string;
    kind?: string;
    status?: string;
    page: number;
    page_size: number;
  },
) {
  let q = entryQuery(db);
  if (scope.kind === 'subtree') q = q.where('e.region', 'like', `${scope.prefix}%`);
  if (scope.kind === 'none') q = q.where(sql<boolean>`false`);
  if (f.region)
    q = f.regionExact
      ? q.where('e.region', '=', f.region)
      : q.where('e.region', 'like', `${regionPrefix(f.region)}%`);
  if (f.month) q = q.where('e.month', '=', `${f.month}-01`);
  if (f.from) q = q.where('e.month', '>=', `${f.from}-01`);
  if (f.to) q = q.where('e.month', '<=', `${f.to}-01`);
  if (f.project_id) q = q.where('e.project_id', '=', f.project_id);
  if (f.kind) q = q.where('e.kind', '=', f.kind as 'domestic' | 'foreign');
  if (f.status) q = q.where('e.status', '=', f.status as 'valid' | 'false');
  return Promise.all([
    q
      .orderBy('e.month', 'desc')
      .orderBy('e.region')
      .orderBy('p.code')
      .orderBy('e.kind')
      .limit(f.page_size)
      .offset((f.page - 1) * f.page_size)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
}

export function findEntry(db: Kysely<DB>, id: string) {
  return entryQuery(db).where('e.id', '=', id).executeTakeFirst();
}

/** The project as capital entry needs it (live only). */
export function findProjectForEntry(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('projects')
    .select([
      'id',
      'region',
      'origin_province',
      'stage',
      'name',
      'code',
      'responsible_unit_id',
      'capital_kind',
    ])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function reportStatus(db: Kysely<DB>, region: string, month: string) {
  return db
    .selectFrom('monthly_reports')
    .select(['status'])
    .where('region', '=', region)
    .where('month', '=', `${month}-01`)
    .executeTakeFirst();
}

/** What narrows the entry grid: `q` (project name, investor name or code) and `filled` (an entry this month). */
export interface GridFilter {
  q?: string;
  filled?: 'yes' | 'no';
}

export interface GridPage extends GridFilter {
  page: number;
  page_size: number;
}

/** The grid's filter: names through `search_text` (project and investor names), codes in part. */
function gridFilter(f: GridFilter) {
  const c: RawBuilder<unknown>[] = [];
  const q = f.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    c.push(sql`(p.search_text ilike ${like} or p.code ilike ${like})`);
  }
  if (f.filled === 'yes') c.push(sql`(d.id is not null or f.id is not null)`);
  if (f.filled === 'no') c.push(sql`(d.id is null and f.id is null)`);
  return c.length ? sql<boolean>`${sql.join(c, sql` and `)}` : sql<boolean>`true`;
}

/**
 * The entry grid of one region and month in one statement: the rows of a page (every matching row
 * without `page`), each carrying the summary — `total` (the rows that match the filter), the month's
 * amounts and the year to date summed over every row of the grid whatever the filter, and the status of
 * the month's report. A page beyond the last gives one row with the summary alone (`project_id` null).
 *
 * The rows are the region's live projects (past 线索, not dropped) and any of its projects with an entry
 * that month, by project code then id. They are gathered once (`g`, through the region's index: a walk of
 * the code index would read the other regions' projects first) and sorted for the page. Entries carry
 * their project's region, so the month's entries and the year to date are read by region and month (this
 * year's partition only; the year to date from the index that includes the amounts).
 */
export function gridPage(db: Kysely<DB>, region: string, month: string, f: Partial<GridPage> = {}) {
  const m = `${month}-01`;
  const yearStart = `${month.slice(0, 4)}-01-01`;
  return db
    .with(
      (w) => w('g').materialized(),
      (qc) =>
        qc
          .selectFrom('projects as p')
          .leftJoin('capital_entries as d', (j) =>
            j
              .onRef('d.project_id', '=', 'p.id')
              .on('d.region', '=', region)
              .on('d.month', '=', m)
              .on('d.kind', '=', 'domestic'),
          )
          .leftJoin('capital_entries as f', (j) =>
            j
              .onRef('f.project_id', '=', 'p.id')
              .on('f.region', '=', region)
              .on('f.month', '=', m)
              .on('f.kind', '=', 'foreign'),
          )
          .where('p.region', '=', region)
          .where('p.deleted_at', 'is', null)
          .where((eb) =>
            eb.or([
              eb('p.stage', 'not in', ['lead', 'dropped']),
              eb('d.id', 'is not', null),
              eb('f.id', 'is not', null),
            ]),
          )
          .select([
            'p.id as project_id',
            'p.code',
            'p.name',
            'p.investor_id',
            'p.stage',
            'p.capital_kind',
            'p.planned_amount',
            'd.id as domestic_id',
            'd.amount as domestic',
            'd.status as domestic_status',
            'd.version as domestic_version',
            'f.id as foreign_id',
            'f.amount as foreign',
            'f.status as foreign_status',
            'f.version as foreign_version',
            gridFilter(f).as('matches'),
          ]),
    )
    .with('ytd', (qc) =>
      qc
        .selectFrom('capital_entries as x')
        .select([
          'x.project_id',
          sql<string>`sum(x.amount) FILTER (WHERE x.kind = 'domestic')`.as('domestic'),
          sql<string>`sum(x.amount) FILTER (WHERE x.kind = 'foreign')`.as('foreign'),
        ])
        .where('x.region', '=', region)
        .where('x.status', '=', 'valid')
        .where('x.month', '>=', yearStart)
        .where('x.month', '<=', m)
        .groupBy('x.project_id'),
    )
    .with('page', (qc) => {
      const q = qc
        .selectFrom('g')
        .selectAll()
        .where('g.matches', '=', true)
        .orderBy('g.code')
        .orderBy('g.project_id');
      return f.page && f.page_size ? q.limit(f.page_size).offset((f.page - 1) * f.page_size) : q;
    })
    .with('summary', (qc) =>
      qc
        .selectFrom('g')
        .leftJoin('ytd', 'ytd.project_id', 'g.project_id')
        .select((eb) => [
          sql<string>`count(*) FILTER (WHERE g.matches)`.as('total'),
          sql<string>`coalesce(sum(g.domestic), 0)`.as('total_domestic'),
          sql<string>`coalesce(sum(g.foreign), 0)`.as('total_foreign'),
          sql<string>`coalesce(sum(ytd.domestic), 0)`.as('total_domestic_ytd'),
          sql<string>`coalesce(sum(ytd.foreign), 0)`.as('total_foreign_ytd'),
          eb
            .selectFrom('monthly_reports as mr')
            .select('mr.status')
            .where('mr.region', '=', region)
            .where('mr.month', '=', m)
            .as('report_status'),
        ]),
    )
    .selectFrom('summary')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('page as g')
          .innerJoin('enterprises as inv', 'inv.id', 'g.investor_id')
          .leftJoin('ytd', 'ytd.project_id', 'g.project_id')
          .select([
            'g.project_id',
            'g.code',
            'g.name',
            'inv.name as investor_name',
            'g.stage',
            'g.capital_kind',
            'g.planned_amount',
            'g.domestic_id',
            'g.domestic',
            'g.domestic_status',
            'g.domestic_version',
            'g.foreign_id',
            'g.foreign',
            'g.foreign_status',
            'g.foreign_version',
            sql<string>`coalesce(ytd.domestic, 0)`.as('domestic_ytd'),
            sql<string>`coalesce(ytd.foreign, 0)`.as('foreign_ytd'),
          ])
          .as('r'),
      (j) => j.onTrue(),
    )
    .selectAll('summary')
    .selectAll('r')
    .orderBy('r.code')
    .orderBy('r.project_id')
    .execute();
}

/** Every row of the grid (the Excel template's projects), without the summary. */
export async function gridRows(db: Kysely<DB>, region: string, month: string) {
  const rows = await gridPage(db, region, month);
  return rows.flatMap(({ project_id, code, capital_kind, domestic, foreign }) =>
    project_id === null || code === null || capital_kind === null
      ? []
      : [{ project_id, code, capital_kind, domestic, foreign }],
  );
}

/** Sum of a project's valid entries (资金到位), per project id. */
export async function fundsInPlace(db: Kysely<DB>, projectIds: string[]) {
  if (!projectIds.length) return new Map<string, { domestic: string; foreign: string }>();
  // project_funds: the valid entries' sums per project, kept by the capital_entries row trigger
  const rows = await db
    .selectFrom('project_funds')
    .select(['project_id', 'domestic', 'foreign'])
    .where(sql<boolean>`project_id = ANY(${projectIds}::uuid[])`)
    .execute();
  return new Map(rows.map((r) => [r.project_id, { domestic: r.domestic, foreign: r.foreign }]));
}

/**
 * Rebuilds the `capital_monthly` rollup from the raw entries. Bulk loads (the synthetic national data)
 * switch the row trigger off and call this once; a test checks that trigger and rebuild agree.
 */
export async function rebuildCapitalRollup(db: Kysely<DB>) {
  await db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE capital_monthly IN EXCLUSIVE MODE`.execute(trx);
    await sql`DELETE FROM capital_monthly`.execute(trx);
    await sql`
      INSERT INTO capital_monthly (region, month, kind, amount, beijing_amount, entries)
      SELECT region, month, kind, sum(amount), coalesce(sum(amount) FILTER (WHERE beijing), 0), count(*)
      FROM capital_entries WHERE status = 'valid' GROUP BY region, month, kind`.execute(trx);
    await sql`LOCK TABLE project_funds IN EXCLUSIVE MODE`.execute(trx);
    await sql`DELETE FROM project_funds`.execute(trx);
    await sql`
      INSERT INTO project_funds (project_id, domestic, "foreign")
      SELECT project_id, coalesce(sum(amount) FILTER (WHERE kind = 'domestic'), 0),
             coalesce(sum(amount) FILTER (WHERE kind = 'foreign'), 0)
      FROM capital_entries WHERE status = 'valid' GROUP BY project_id`.execute(trx);
  });
}
