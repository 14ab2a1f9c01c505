import {
  sql,
  type Kysely,
  type Insertable,
  type RawBuilder,
  type Selectable,
  type Transaction,
} from 'kysely';
import type { ProjectFilters, ProjectSortKey } from '../../../shared/schemas/projects.ts';
import { PIPELINE } from '../../../shared/schemas/projects.ts';
import type { DB } from '../../db/schema.ts';
import type { ProjectsTable } from '../../db/tables/pipeline.ts';
import { regionPrefix, type Actor } from '../../plugins/access.ts';
import { fundsInPlace as capitalFunds } from '../capital/capital.repository.ts';
import { escapeLike } from '../reference/reference.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * THE data scope of projects (SPEC §1), in one place: every read of projects goes through
 * `visibleProjects`, so a forgotten check cannot leak another region's rows.
 * - admin, office, department: every project;
 * - district, liaison: their region subtree;
 * - leader: the projects they guarantee (包保);
 * - enterprise, or a district user without a unit region: nothing.
 */
export function projectScope(actor: Actor, alias = 'p'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  if (actor.role === 'leader') return sql<boolean>`${col('guarantor_id')} = ${actor.id}`;
  if (actor.role === 'enterprise') return sql<boolean>`false`;
  const s = actor.regionScope;
  if (s.kind === 'all') return sql<boolean>`true`;
  if (s.kind === 'none') return sql<boolean>`false`;
  return inSubtree(col('region'), s.prefix);
}

/**
 * `col` inside the region subtree `prefix`: a whole county code (6 digits) as an equality, so that the
 * `(region, created_at, id)` index returns a district's default list already in order.
 */
function inSubtree(col: RawBuilder<unknown>, prefix: string): RawBuilder<boolean> {
  if (prefix.length === 6) return sql<boolean>`${col} = ${prefix}`;
  return sql<boolean>`${col} like ${`${escapeLike(prefix)}%`}`;
}

/** Live (not deleted) projects the actor may read. */
export function visibleProjects(db: Db, actor: Actor) {
  return db.selectFrom('projects as p').where('p.deleted_at', 'is', null).where(projectScope(actor));
}

/**
 * The project with everything its API shape names (region, investor, industry, units, guarantor). The names
 * of regions, industries, units and the guarantor come from scalar subqueries, not joins: with eight
 * relations joined PostgreSQL spent ~38 ms planning each list request (at 100,000 projects) for a page that
 * runs in 1 ms; each subquery is one primary-key lookup, planned on its own in microseconds.
 */
export function projectDetails(db: Db, actor: Actor) {
  return visibleProjects(db, actor)
    .innerJoin('enterprises as e', 'e.id', 'p.investor_id')
    .select((eb) => [
      'p.id',
      'p.code',
      'p.name',
      'p.region',
      eb.selectFrom('regions as rg').select('rg.name').whereRef('rg.code', '=', 'p.region').as('region_name'),
      'p.unit_id',
      eb.selectFrom('units as un').select('un.name').whereRef('un.id', '=', 'p.unit_id').as('unit_name'),
      'p.investor_id',
      'e.name as investor_name',
      'e.uscc as investor_uscc',
      'e.country as investor_country',
      'e.ownership as investor_ownership',
      'p.origin',
      eb
        .selectFrom('regions as og')
        .select('og.name')
        .whereRef('og.code', '=', 'p.origin')
        .as('origin_region_name'),
      'p.origin_province',
      'p.capital_kind',
      'p.industry',
      eb
        .selectFrom('industries as ind')
        .select('ind.name')
        .whereRef('ind.code', '=', 'p.industry')
        .as('industry_name'),
      'p.carrier',
      'p.planned_amount',
      'p.contracted_amount',
      'p.stage',
      'p.stage_date',
      'p.key_level',
      'p.major',
      'p.guarantor_id',
      eb
        .selectFrom('users as gu')
        .select('gu.display_name')
        .whereRef('gu.id', '=', 'p.guarantor_id')
        .as('guarantor_name'),
      eb
        .selectFrom('users as gu')
        .select('gu.username')
        .whereRef('gu.id', '=', 'p.guarantor_id')
        .as('guarantor_username'),
      'p.responsible_unit_id',
      eb
        .selectFrom('units as ru')
        .select('ru.name')
        .whereRef('ru.id', '=', 'p.responsible_unit_id')
        .as('responsible_unit_name'),
      'p.introducer',
      'p.introducer_kind',
      'p.expected_landing_date',
      'p.notes',
      'p.polluting',
      'p.outdated_capacity',
      'p.screening_override_reason',
      'p.drop_reason',
      'p.version',
      'p.created_at',
      'p.updated_at',
    ]);
}
export type ProjectRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof projectDetails>['executeTakeFirst']>>
>;

export function findProject(db: Db, actor: Actor, id: string) {
  return projectDetails(db, actor).where('p.id', '=', id).executeTakeFirst();
}

export type RawProject = Selectable<ProjectsTable>;

/** The stored row (no scope): for the audit log's before/after, after the scoped read has passed. */
export function rawProject(db: Db, id: string) {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the live row for a stage change: concurrent transitions of one project take turns. */
export function lockProject(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('projects')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

const bool = (v: 'true' | 'false') => v === 'true';

/** The list filters (SPEC §3.1: "filters by every field") as one SQL condition on `p`. */
export function filterCondition(f: ProjectFilters): RawBuilder<boolean> {
  const c: RawBuilder<unknown>[] = [];
  if (f.region) c.push(inSubtree(sql`p.region`, regionPrefix(f.region)));
  if (f.stage) c.push(sql`p.stage in (${sql.join(f.stage.split(','))})`);
  if (f.industry) {
    if (/^[A-Z]$/.test(f.industry))
      c.push(sql`p.industry in (select code from industries where section = ${f.industry})`);
    else c.push(sql`p.industry like ${`${escapeLike(f.industry)}%`}`);
  }
  if (f.capital_kind) c.push(sql`p.capital_kind = ${f.capital_kind}`);
  if (f.key_level === 'none') c.push(sql`p.key_level is null`);
  else if (f.key_level === 'any') c.push(sql`p.key_level is not null`);
  else if (f.key_level) c.push(sql`p.key_level = ${f.key_level}`);
  if (f.major) c.push(sql`p.major = ${bool(f.major)}`);
  if (f.polluting) c.push(sql`p.polluting = ${bool(f.polluting)}`);
  if (f.outdated_capacity) c.push(sql`p.outdated_capacity = ${bool(f.outdated_capacity)}`);
  if (f.investor_id) c.push(sql`p.investor_id = ${f.investor_id}`);
  if (f.unit_id) c.push(sql`p.unit_id = ${f.unit_id}`);
  if (f.responsible_unit_id) c.push(sql`p.responsible_unit_id = ${f.responsible_unit_id}`);
  if (f.guarantor_id) c.push(sql`p.guarantor_id = ${f.guarantor_id}`);
  if (f.introducer_kind) c.push(sql`p.introducer_kind = ${f.introducer_kind}`);
  if (f.origin) {
    if (/^\d{6}$/.test(f.origin)) c.push(sql`p.origin like ${`${escapeLike(regionPrefix(f.origin))}%`}`);
    else c.push(sql`p.origin = ${f.origin}`);
  }
  if (f.planned_min) c.push(sql`p.planned_amount >= ${f.planned_min}::numeric`);
  if (f.planned_max) c.push(sql`p.planned_amount <= ${f.planned_max}::numeric`);
  if (f.contracted_min) c.push(sql`p.contracted_amount >= ${f.contracted_min}::numeric`);
  if (f.contracted_max) c.push(sql`p.contracted_amount <= ${f.contracted_max}::numeric`);
  if (f.expected_from) c.push(sql`p.expected_landing_date >= ${f.expected_from}::date`);
  if (f.expected_to) c.push(sql`p.expected_landing_date <= ${f.expected_to}::date`);
  if (f.stage_from) c.push(sql`p.stage_date >= ${f.stage_from}::date`);
  if (f.stage_to) c.push(sql`p.stage_date <= ${f.stage_to}::date`);
  // created_at is a timestamptz; the session runs in China time, so a date means a China-time day
  if (f.created_from) c.push(sql`p.created_at >= ${f.created_from}::date`);
  if (f.created_to) c.push(sql`p.created_at < ${f.created_to}::date + 1`);
  if (f.q) {
    // project and investor names through one pg_trgm index (projects.search_text); code and USCC exact
    const exact = f.q.trim().toUpperCase();
    c.push(sql`(p.search_text ilike ${`%${escapeLike(f.q)}%`} or p.code = ${exact}
      or p.investor_id = any(array(select e.id from enterprises e where e.uscc = ${exact} and e.deleted_at is null)))`);
  }
  if (!c.length) return sql<boolean>`true`;
  return sql<boolean>`${sql.join(c, sql` and `)}`;
}

const STAGE_ORDER = sql`array_position(array[${sql.join([...PIPELINE, 'dropped'])}]::text[], p.stage)`;

const SORT_COLUMNS: Record<ProjectSortKey, RawBuilder<unknown>> = {
  code: sql`p.code`,
  name: sql`p.name`,
  region: sql`p.region`,
  industry: sql`p.industry`,
  investor_name: sql`e.name`,
  stage: STAGE_ORDER,
  stage_date: sql`p.stage_date`,
  planned_amount: sql`p.planned_amount`,
  contracted_amount: sql`p.contracted_amount`,
  expected_landing_date: sql`p.expected_landing_date`,
  key_level: sql`p.key_level`,
  major: sql`p.major`,
  created_at: sql`p.created_at`,
  updated_at: sql`p.updated_at`,
};

/** `-planned_amount,name` → ORDER BY terms (whitelisted by the schema), always ending with the id. */
const NOT_NULL_SORT = new Set<ProjectSortKey>([
  'code',
  'name',
  'region',
  'industry',
  'investor_name',
  'stage',
  'planned_amount',
  'major',
  'created_at',
  'updated_at',
]);

export function orderTerms(sort: string | undefined): RawBuilder<unknown>[] {
  const keys = (sort ?? '-created_at').split(',');
  const terms = keys.map((k) => {
    const desc = k.startsWith('-');
    const key = k.replace(/^-/, '') as ProjectSortKey;
    const col = SORT_COLUMNS[key];
    // columns that are never null sort without a NULLS clause, so that their (x DESC, id DESC) indexes serve
    // both directions (the planner does not know that NULLS LAST changes nothing on a NOT NULL column)
    if (NOT_NULL_SORT.has(key)) return desc ? sql`${col} desc` : sql`${col} asc`;
    return desc ? sql`${col} desc nulls last` : sql`${col} asc nulls last`;
  });
  terms.push(keys[keys.length - 1]?.startsWith('-') ? sql`p.id desc` : sql`p.id asc`);
  return terms;
}

/** The sum of the change counters of projects (migrations 20261123010000, 20261123080000). */
const LIST_VERSION = sql<string>`(select coalesce(sum(version), 0)::text from list_versions)`;

export async function listProjects(
  db: Db,
  actor: Actor,
  f: ProjectFilters,
  page: { limit: number; offset: number },
) {
  const cond = filterCondition(f);
  // the page carries each project's funds in place and the list version: one round trip for a page whose
  // count is already known (the funds: the sum of its valid entries in its own currency, from project_funds)
  let q = projectDetails(db, actor)
    .where(cond)
    .select([
      sql<string>`coalesce((select case when p.capital_kind = 'foreign' then pf."foreign" else pf.domestic end
        from project_funds pf where pf.project_id = p.id), 0)`.as('funds_in_place'),
      LIST_VERSION.as('list_version'),
    ]);
  for (const t of orderTerms(f.sort)) q = q.orderBy(t);
  const rows = await q.limit(page.limit).offset(page.offset).execute();
  const total = await countProjects(db, actor, f, cond, rows[0]?.list_version);
  return { rows, total };
}

/**
 * Counts of the list per database, data scope and filters, each with the sum of `list_versions` it was
 * counted at (in the same statement, so in the same snapshot). A count is reused only while that sum is
 * unchanged — read from the database on every request, so another app process's write is seen at once.
 * See migration 20261123010000.
 */
const countCache = new WeakMap<object, Map<string, { version: string; n: number }>>();
const COUNT_CACHE_SIZE = 1000;

function scopeKey(actor: Actor): string {
  if (actor.role === 'leader') return `leader:${actor.id}`;
  if (actor.role === 'enterprise') return 'none';
  const s = actor.regionScope;
  return s.kind === 'subtree' ? `subtree:${s.prefix}` : s.kind;
}

/** `version`: the list version the page was read at (none when the page is empty: then it counts). */
async function countProjects(
  db: Db,
  actor: Actor,
  f: ProjectFilters,
  cond: RawBuilder<boolean>,
  version: string | undefined,
) {
  let cache = countCache.get(db);
  if (!cache) countCache.set(db, (cache = new Map()));
  const { sort: _sort, ...filters } = f;
  const key = `${scopeKey(actor)}|${JSON.stringify(filters, Object.keys(filters).sort())}`;
  const hit = cache.get(key);
  if (hit && version !== undefined && hit.version === version) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit.n;
  }
  const r = await visibleProjects(db, actor)
    .where(cond)
    .select((eb) => [eb.fn.countAll<string>().as('n'), LIST_VERSION.as('v')])
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  cache.delete(key);
  cache.set(key, { version: r.v, n });
  if (cache.size > COUNT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return n;
}

/** The ids of every matching project in list order (exports fetch the rows in chunks after this). */
export async function listProjectIds(db: Db, actor: Actor, f: ProjectFilters): Promise<string[]> {
  let q = visibleProjects(db, actor)
    .innerJoin('enterprises as e', 'e.id', 'p.investor_id')
    .where(filterCondition(f))
    .select('p.id');
  for (const t of orderTerms(f.sort)) q = q.orderBy(t);
  return (await q.execute()).map((r) => r.id);
}

/** One row of the Excel export: the names joined, the funds in the project's currency, times as China time. */
export interface ExportRow {
  id: string;
  code: string;
  name: string;
  investor_name: string;
  investor_uscc: string | null;
  investor_country: string;
  investor_ownership: string;
  origin: string;
  origin_region_name: string | null;
  capital_kind: 'domestic' | 'foreign';
  industry: string;
  industry_name: string | null;
  region: string;
  region_name: string | null;
  unit_name: string | null;
  carrier: string | null;
  planned_amount: string;
  contracted_amount: string | null;
  funds_in_place: string;
  stage: string;
  stage_date: string | null;
  key_level: string | null;
  major: boolean;
  guarantor_username: string | null;
  responsible_unit_name: string | null;
  introducer: string | null;
  introducer_kind: string | null;
  expected_landing_date: string | null;
  polluting: boolean;
  outdated_capacity: boolean;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The export rows of the given ids, in the order of the ids: one statement per chunk, the names by hash
 * joins (thousands of rows; the list's per-row subqueries are for a page of twenty), the times formatted by
 * PostgreSQL (parsing 200,000 timestamps in JavaScript cost seconds). Still scoped by visibleProjects' rule.
 */
export async function exportRowsByIds(db: Db, actor: Actor, ids: string[]): Promise<ExportRow[]> {
  if (!ids.length) return [];
  const cst = (col: string) =>
    sql<string>`to_char(${sql.ref(col)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`;
  const r = await sql<ExportRow>`
    select p.id, p.code, p.name, e.name as investor_name, e.uscc as investor_uscc,
      e.country as investor_country, e.ownership as investor_ownership, p.origin,
      og.name as origin_region_name, p.capital_kind, p.industry, ind.name as industry_name, p.region,
      rg.name as region_name, un.name as unit_name, p.carrier, p.planned_amount, p.contracted_amount,
      coalesce(case when p.capital_kind = 'foreign' then pf."foreign" else pf.domestic end, 0) as funds_in_place,
      p.stage, p.stage_date, p.key_level, p.major, gu.username as guarantor_username,
      ru.name as responsible_unit_name, p.introducer, p.introducer_kind, p.expected_landing_date, p.notes,
      p.polluting, p.outdated_capacity, ${cst('p.created_at')} as created_at, ${cst('p.updated_at')} as updated_at
    from projects p
      join enterprises e on e.id = p.investor_id
      left join regions rg on rg.code = p.region
      left join regions og on og.code = p.origin
      left join industries ind on ind.code = p.industry
      left join units un on un.id = p.unit_id
      left join units ru on ru.id = p.responsible_unit_id
      left join users gu on gu.id = p.guarantor_id
      left join project_funds pf on pf.project_id = p.id
    where p.id = any(${ids}::uuid[]) and p.deleted_at is null and ${projectScope(actor)}`.execute(db);
  const byId = new Map(r.rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is ExportRow => row !== undefined);
}

/**
 * Funds in place (资金到位) per project (SPEC §3.1): the sum of its valid capital entries (SPEC §3.2) in
 * the project's own currency — 万元 for domestic, 万美元 for foreign capital. The sums come from the
 * capital module's repository.
 */
export async function fundsInPlace(
  db: Db,
  projects: ReadonlyArray<{ id: string; capital_kind: 'domestic' | 'foreign' }>,
): Promise<Map<string, string>> {
  const sums = await capitalFunds(
    db,
    projects.map((p) => p.id),
  );
  return new Map(projects.map((p) => [p.id, sums.get(p.id)?.[p.capital_kind] ?? '0.00']));
}

/** `n` new numbers from `project_code_seq`, in one round trip. */
export async function nextProjectNumbers(db: Db, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const r = await sql<{
    n: number;
  }>`select nextval('project_code_seq') as n from generate_series(1, ${n}::int)`.execute(db);
  return r.rows.map((x) => Number(x.n));
}

export type NewProject = Insertable<ProjectsTable>;

export async function insertProject(trx: Db, values: NewProject) {
  return trx.insertInto('projects').values(values).returning('id').executeTakeFirstOrThrow();
}

export type ProjectChanges = Partial<
  Pick<
    ProjectsTable,
    | 'name'
    | 'region'
    | 'unit_id'
    | 'investor_id'
    | 'origin'
    | 'origin_province'
    | 'capital_kind'
    | 'industry'
    | 'carrier'
    | 'contracted_amount'
    | 'key_level'
    | 'guarantor_id'
    | 'responsible_unit_id'
    | 'introducer'
    | 'introducer_kind'
    | 'expected_landing_date'
    | 'notes'
    | 'screening_override_reason'
    | 'screening_override_by'
  > & { planned_amount: string; major: boolean; polluting: boolean; outdated_capacity: boolean }
>;

/** Updates a live project if it still has `version`; 0 rows means someone else changed it first. */
export async function updateProjectVersioned(trx: Db, id: string, version: number, changes: ProjectChanges) {
  const res = await trx
    .updateTable('projects')
    .set({ ...changes, updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function setStage(
  trx: Db,
  id: string,
  s: {
    stage: string;
    stage_date: string;
    drop_reason?: string | null;
    screening_override_reason?: string;
    screening_override_by?: string;
  },
) {
  await trx
    .updateTable('projects')
    .set({ ...s, updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function softDeleteProject(trx: Db, id: string) {
  await trx
    .updateTable('projects')
    .set({ deleted_at: sql`now()`, updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function insertTransition(
  trx: Db,
  t: {
    project_id: string;
    from_stage: string | null;
    to_stage: string;
    date: string;
    note: string | null;
    evidence: string[];
    override_reason: string | null;
    user_id: string | null;
    /** bulk loads (demo, synthetic) give each step its own time; otherwise now() */
    created_at?: string;
  },
) {
  return trx.insertInto('project_transitions').values(t).returning('id').executeTakeFirstOrThrow();
}

export function listTransitions(db: Db, projectId: string) {
  return (
    db
      .selectFrom('project_transitions as t')
      .leftJoin('users as u', 'u.id', 't.user_id')
      .select([
        't.id',
        't.from_stage',
        't.to_stage',
        't.date',
        't.note',
        't.evidence',
        't.override_reason',
        't.user_id',
        'u.display_name as user_name',
        't.created_at',
      ])
      .where('t.project_id', '=', projectId)
      .orderBy('t.created_at')
      .orderBy('t.date')
      // rows written in one statement share created_at: the pipeline order settles it
      .orderBy(sql`array_position(array[null, ${sql.join([...PIPELINE, 'dropped'])}]::text[], t.to_stage)`)
      .execute()
  );
}

export function findTransition(db: Db, id: string) {
  return db
    .selectFrom('project_transitions as t')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.from_stage',
      't.to_stage',
      't.date',
      't.note',
      't.evidence',
      't.override_reason',
      't.user_id',
      'u.display_name as user_name',
      't.created_at',
    ])
    .where('t.id', '=', id)
    .executeTakeFirstOrThrow();
}

/** A live enterprise, for checking `investor_id`. */
export function findInvestor(db: Db, id: string) {
  return db
    .selectFrom('enterprises')
    .select(['id', 'name', 'uscc', 'country', 'hq_region'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** An active user, for checking `guarantor_id`. */
export function findActiveUser(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role'])
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
}

/** A live unit, for checking `unit_id` and `responsible_unit_id`. */
export function findLiveUnit(db: Db, id: string) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'kind', 'region'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

// ---- Excel import: lookups and batched writes (one transaction, a few round trips per thousand rows) ----

const BATCH = 1000;
const UNNEST_BATCH = 5000;

export function allRegions(db: Db) {
  return db.selectFrom('regions').select(['code', 'name']).execute();
}

export function allIndustryCodes(db: Db) {
  return db.selectFrom('industries').select(['code', 'name']).execute();
}

export function liveUnits(db: Db) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'kind', 'region'])
    .where('deleted_at', 'is', null)
    .execute();
}

export function activeLeaders(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('role', '=', 'leader')
    .where('active', '=', true)
    .execute();
}

/** Raw rows of visible projects by code (the import's first way to match a row). */
export async function visibleProjectsByCode(db: Db, actor: Actor, codes: readonly string[]) {
  const out = [];
  for (let i = 0; i < codes.length; i += 5000) {
    out.push(
      ...(await visibleProjects(db, actor)
        .selectAll('p')
        .where('p.code', 'in', codes.slice(i, i + 5000))
        .execute()),
    );
  }
  return out;
}

/** Raw rows of the visible projects of some investors (the import's second way: investor + name). */
export async function visibleProjectsOfInvestors(db: Db, actor: Actor, investorIds: readonly string[]) {
  const out = [];
  for (let i = 0; i < investorIds.length; i += 5000) {
    out.push(
      ...(await visibleProjects(db, actor)
        .selectAll('p')
        .where('p.investor_id', 'in', investorIds.slice(i, i + 5000))
        .execute()),
    );
  }
  return out;
}

/**
 * Many new projects at once (the demo city): one `INSERT … SELECT FROM unnest(…)` per 5,000 rows, one
 * array parameter per column. Returns the ids in input order. (Imports use `insertImportedProjects`, which
 * also writes the first transitions and audit entries.)
 */
export async function insertProjects(trx: Db, rows: NewProject[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += UNNEST_BATCH) {
    const c = rows.slice(i, i + UNNEST_BATCH);
    const col = <T>(f: (r: NewProject) => T) => c.map(f);
    const ts = (v: unknown) =>
      v === undefined || v === null ? null : v instanceof Date ? v.toISOString() : String(v);
    const r = await sql<{ id: string; code: string }>`
      insert into projects (code, name, region, unit_id, investor_id, origin, origin_province, capital_kind,
        industry, chain_node_id, carrier, planned_amount, contracted_amount, stage, stage_date, key_level, major,
        guarantor_id, responsible_unit_id, introducer, introducer_kind, expected_landing_date, notes, polluting,
        outdated_capacity, screening_override_reason, screening_override_by, drop_reason, created_by,
        created_at, updated_at)
      select code, name, region, unit_id, investor_id, origin, origin_province, capital_kind, industry,
        chain_node_id, carrier, planned_amount, contracted_amount, stage, stage_date, key_level, major,
        guarantor_id, responsible_unit_id, introducer, introducer_kind, expected_landing_date, notes, polluting,
        outdated_capacity, screening_override_reason, screening_override_by, drop_reason, created_by,
        coalesce(created_at, now()), coalesce(updated_at, now())
      from unnest(
        ${col((r) => r.code)}::text[], ${col((r) => r.name)}::text[], ${col((r) => r.region)}::text[],
        ${col((r) => r.unit_id ?? null)}::uuid[], ${col((r) => r.investor_id)}::uuid[], ${col((r) => r.origin)}::text[],
        ${col((r) => r.origin_province ?? null)}::text[], ${col((r) => r.capital_kind)}::text[],
        ${col((r) => r.industry)}::text[], ${col((r) => r.chain_node_id ?? null)}::uuid[],
        ${col((r) => r.carrier ?? null)}::text[], ${col((r) => r.planned_amount ?? '0')}::numeric[],
        ${col((r) => r.contracted_amount ?? null)}::numeric[], ${col((r) => r.stage ?? 'lead')}::text[],
        ${col((r) => r.stage_date ?? null)}::date[], ${col((r) => r.key_level ?? null)}::text[],
        ${col((r) => r.major ?? false)}::boolean[], ${col((r) => r.guarantor_id ?? null)}::uuid[],
        ${col((r) => r.responsible_unit_id ?? null)}::uuid[], ${col((r) => r.introducer ?? null)}::text[],
        ${col((r) => r.introducer_kind ?? null)}::text[], ${col((r) => r.expected_landing_date ?? null)}::date[],
        ${col((r) => r.notes ?? null)}::text[], ${col((r) => r.polluting ?? false)}::boolean[],
        ${col((r) => r.outdated_capacity ?? false)}::boolean[],
        ${col((r) => r.screening_override_reason ?? null)}::text[],
        ${col((r) => r.screening_override_by ?? null)}::uuid[], ${col((r) => r.drop_reason ?? null)}::text[],
        ${col((r) => r.created_by ?? null)}::uuid[], ${col((r) => ts(r.created_at))}::timestamptz[],
        ${col((r) => ts(r.updated_at))}::timestamptz[]
      ) as v(code, name, region, unit_id, investor_id, origin, origin_province, capital_kind, industry,
        chain_node_id, carrier, planned_amount, contracted_amount, stage, stage_date, key_level, major,
        guarantor_id, responsible_unit_id, introducer, introducer_kind, expected_landing_date, notes, polluting,
        outdated_capacity, screening_override_reason, screening_override_by, drop_reason, created_by,
        created_at, updated_at)
      returning id, code`.execute(trx);
    // RETURNING order is not promised by SQL: map back by the (unique) code
    const byCode = new Map(r.rows.map((x) => [x.code, x.id]));
    ids.push(...c.map((x) => byCode.get(x.code)!));
  }
  return ids;
}

/**
 * What an imported row sets on a new project: what it may set on an existing one, and the new code (the rest
 * of a new project — stage, chain, screening override, drop — starts empty).
 */
export type ImportedProject = Omit<ProjectImportUpdate, 'id'> & { code: string };

/**
 * New projects of an import, each with its first transition (to `lead`) and its audit entry, in one
 * statement: the rows travel as one JSON document, and the transitions and audit entries are made by
 * PostgreSQL from it and the inserted ids (the audit entry holds the imported values as sent, amounts as
 * decimal strings, with the new id) instead of being built, serialised and sent again by the app. Returns
 * how many projects were inserted.
 */
export async function insertImportedProjects(
  trx: Db,
  ctx: { actor: { id: string; username: string; via: string }; ip: string | null; requestId: string | null },
  rows: readonly ImportedProject[],
  first: { date: string; note: string },
): Promise<number> {
  if (!rows.length) return 0;
  const userId = ctx.actor.via === 'system' ? null : ctx.actor.id;
  const doc = JSON.stringify(rows);
  // the document is parsed once (jsonb): its elements feed the insert and, joined back by code, the audit
  // entries; `search_text` comes from one join with the investors (the insert trigger then stays out of it)
  const r = await sql<{ n: number }>`
    with v as (
      select e.value as raw, v.* from jsonb_array_elements(${doc}::jsonb) e,
        jsonb_to_record(e.value) as v(code text, name text, region text, unit_id uuid,
        investor_id uuid, origin text, origin_province text, capital_kind text, industry text, carrier text,
        planned_amount numeric, contracted_amount numeric, key_level text, major boolean, guarantor_id uuid,
        responsible_unit_id uuid, introducer text, introducer_kind text, expected_landing_date date,
        notes text, polluting boolean, outdated_capacity boolean)
    ), p as (
      insert into projects (code, name, region, unit_id, investor_id, origin, origin_province, capital_kind,
        industry, carrier, planned_amount, contracted_amount, stage, stage_date, key_level, major, guarantor_id,
        responsible_unit_id, introducer, introducer_kind, expected_landing_date, notes, polluting,
        outdated_capacity, created_by, search_text)
      select v.code, v.name, v.region, v.unit_id, v.investor_id, v.origin, v.origin_province, v.capital_kind,
        v.industry, v.carrier, coalesce(v.planned_amount, 0), v.contracted_amount, 'lead', ${first.date}::date,
        v.key_level, coalesce(v.major, false), v.guarantor_id, v.responsible_unit_id, v.introducer,
        v.introducer_kind, v.expected_landing_date, v.notes, coalesce(v.polluting, false),
        coalesce(v.outdated_capacity, false), ${userId}::uuid, project_search_text_of(v.name, i.name)
      from v left join enterprises i on i.id = v.investor_id
      returning id, code
    ), t as (
      insert into project_transitions (project_id, from_stage, to_stage, date, note, evidence, user_id)
      select id, null, 'lead', ${first.date}::date, ${first.note}, '{}', ${userId}::uuid from p
    ), a as (
      insert into audit_log (user_id, username, action, entity, entity_id, before, after, ip, request_id)
      select ${userId}::uuid, ${ctx.actor.username}, 'project.create', 'project', p.id::text, null,
        v.raw || jsonb_build_object('id', p.id, 'stage', 'lead', 'stage_date', ${first.date}::date, 'via', 'import'),
        ${ctx.ip}, ${ctx.requestId}
      from p join v on v.code = p.code
    )
    select count(*)::int as n from p`.execute(trx);
  return r.rows[0].n;
}

/**
 * For a bulk import on PostgreSQL: new entries of the trigram index on `search_text` wait in the index's
 * pending list for the whole transaction instead of being merged into the index every 4 MB (the default
 * `gin_pending_list_limit`); a 50,000-row import paid ~250 ms a 5,000-row batch for those merges. The list
 * is merged once, after the commit, by `mergeSearchIndex`; until then a search reads the list too.
 */
export async function deferSearchIndexMerge(trx: Db) {
  await sql`SET LOCAL gin_pending_list_limit = '256MB'`.execute(trx);
}

/**
 * Merges the trigram index's pending list (what `deferSearchIndexMerge` left, ~1.5 s after 50,000 rows) on
 * a connection of its own, without holding up the import's answer. A failure costs nothing but speed:
 * autovacuum merges the list too, and so does the next insert that finds it over the limit.
 */
export function mergeSearchIndex(db: Db): void {
  sql`SELECT gin_clean_pending_list('projects_search_trgm_idx'::regclass)`.execute(db).catch(() => undefined);
}

export type NewTransition = Parameters<typeof insertTransition>[1];

export async function insertTransitions(trx: Db, rows: NewTransition[]) {
  for (let i = 0; i < rows.length; i += UNNEST_BATCH) {
    const c = rows.slice(i, i + UNNEST_BATCH);
    await sql`
      insert into project_transitions (project_id, from_stage, to_stage, date, note, evidence, override_reason,
        user_id, created_at)
      select project_id, from_stage, to_stage, date, note, coalesce(string_to_array(evidence, ',')::uuid[], '{}'),
        override_reason, user_id, coalesce(created_at, now())
      from unnest(${c.map((r) => r.project_id)}::uuid[], ${c.map((r) => r.from_stage)}::text[],
        ${c.map((r) => r.to_stage)}::text[], ${c.map((r) => r.date)}::date[], ${c.map((r) => r.note)}::text[],
        ${c.map((r) => (r.evidence.length ? r.evidence.join(',') : null))}::text[],
        ${c.map((r) => r.override_reason)}::text[], ${c.map((r) => r.user_id)}::uuid[],
        ${c.map((r) => r.created_at ?? null)}::timestamptz[])
        as v(project_id, from_stage, to_stage, date, note, evidence, override_reason, user_id, created_at)`.execute(
      trx,
    );
  }
}

/** Every column an import may set on an existing project. */
export interface ProjectImportUpdate {
  id: string;
  name: string;
  region: string;
  unit_id: string | null;
  investor_id: string;
  origin: string;
  origin_province: string | null;
  capital_kind: string;
  industry: string;
  carrier: string | null;
  planned_amount: string;
  contracted_amount: string | null;
  key_level: string | null;
  major: boolean;
  guarantor_id: string | null;
  responsible_unit_id: string | null;
  introducer: string | null;
  introducer_kind: string | null;
  expected_landing_date: string | null;
  notes: string | null;
  polluting: boolean;
  outdated_capacity: boolean;
}

/** Updates many projects with one statement per thousand rows (`UPDATE … FROM (VALUES …)`). */
export async function updateProjectsBatch(trx: Db, rows: ProjectImportUpdate[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const values = rows.slice(i, i + BATCH).map(
      (
        r,
      ) => sql`(${r.id}::uuid, ${r.name}, ${r.region}, ${r.unit_id}::uuid, ${r.investor_id}::uuid, ${r.origin},
        ${r.origin_province}, ${r.capital_kind}, ${r.industry}, ${r.carrier}, ${r.planned_amount}::numeric,
        ${r.contracted_amount}::numeric, ${r.key_level}, ${r.major}::boolean, ${r.guarantor_id}::uuid,
        ${r.responsible_unit_id}::uuid, ${r.introducer}, ${r.introducer_kind}, ${r.expected_landing_date}::date,
        ${r.notes}, ${r.polluting}::boolean, ${r.outdated_capacity}::boolean)`,
    );
    await sql`
      update projects p set
        name = v.name, region = v.region, unit_id = v.unit_id, investor_id = v.investor_id, origin = v.origin,
        origin_province = v.origin_province, capital_kind = v.capital_kind, industry = v.industry,
        carrier = v.carrier, planned_amount = v.planned_amount, contracted_amount = v.contracted_amount,
        key_level = v.key_level, major = v.major, guarantor_id = v.guarantor_id,
        responsible_unit_id = v.responsible_unit_id, introducer = v.introducer,
        introducer_kind = v.introducer_kind, expected_landing_date = v.expected_landing_date, notes = v.notes,
        polluting = v.polluting, outdated_capacity = v.outdated_capacity,
        version = p.version + 1, updated_at = now()
      from (values ${sql.join(values)}) as v(id, name, region, unit_id, investor_id, origin, origin_province,
        capital_kind, industry, carrier, planned_amount, contracted_amount, key_level, major, guarantor_id,
        responsible_unit_id, introducer, introducer_kind, expected_landing_date, notes, polluting,
        outdated_capacity)
      where p.id = v.id and p.deleted_at is null`.execute(trx);
  }
}

/**
 * Audit entries for a bulk change, in the format of `recordAudit` (same columns, JSON before/after), a
 * thousand per statement. Used by imports next to the `recordAudit` call that records the import itself.
 */
export async function insertAuditBatch(
  trx: Db,
  ctx: { actor: { id: string; username: string; via: string }; ip: string | null; requestId: string | null },
  entries: Array<{ action: string; entity: string; entityId: string; before?: unknown; after?: unknown }>,
) {
  const userId = ctx.actor.via === 'system' ? null : ctx.actor.id;
  // one JSON document per 5,000 entries: measured twice as fast as jsonb[] arrays for these large values
  for (let i = 0; i < entries.length; i += UNNEST_BATCH) {
    const doc = JSON.stringify(
      entries.slice(i, i + UNNEST_BATCH).map((e) => ({
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId,
        before: e.before ?? null,
        after: e.after ?? null,
      })),
    );
    await sql`
      insert into audit_log (user_id, username, action, entity, entity_id, before, after, ip, request_id)
      select ${userId}::uuid, ${ctx.actor.username}, action, entity, entity_id, before, after, ${ctx.ip}, ${ctx.requestId}
      from json_to_recordset(${doc}::json)
        as v(action text, entity text, entity_id text, before jsonb, after jsonb)`.execute(trx);
  }
}
