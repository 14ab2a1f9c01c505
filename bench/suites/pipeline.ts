import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { addMonths, currentMonthCst } from '../../shared/month.ts';
import { regionPrefix } from '../../shared/regions.ts';
import { projectListQuery } from '../../shared/schemas/projects.ts';
import { makeUscc } from '../../shared/uscc.ts';
import { loadConfig } from '../../server/config.ts';
import type { Deps } from '../../server/context.ts';
import { openDatabase } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadReferenceData } from '../../server/db/reference/load.ts';
import type { DB } from '../../server/db/schema.ts';
import { seedSyntheticStatistics } from '../../server/demo/synthetic-statistics.ts';
import { generateSynthetic } from '../../server/demo/synthetic.ts';
import * as capital from '../../server/modules/capital/capital.service.ts';
import { EXPORT_CHUNK } from '../../server/modules/projects/projects.excel.ts';
import * as projectsRepo from '../../server/modules/projects/projects.repository.ts';
import * as projects from '../../server/modules/projects/projects.service.ts';
import { SYSTEM_ACTOR, type Actor } from '../../server/plugins/access.ts';
import {
  type Figure,
  median,
  pgUrl,
  round,
  rssSampler,
  startServerProcess,
  stopProcess,
  timeIt,
} from '../lib.ts';
import { load, startFloor, type LoadResult } from './http.ts';

/**
 * Issue 6's hot paths on PostgreSQL at city scale (root 120000 天津市): the project list (plain, pg_trgm
 * search, filters), one project, the capital entry grid (read at 50 connections, saved one change at a
 * time), the Excel export of the whole list and a 50,000-row Excel import, and the server's memory.
 *
 * The data lives in the database `magnet_bench_city` of the bench server, seeded once with the project's
 * synthetic generator (the `magnet seed --scale city` data: projects, three years of monthly capital,
 * approved reports) and reused while its seeding parameters (kept in the database's COMMENT) match.
 * The app runs as its own process (`server/main.ts`, `DATABASE_URL` → that database) and is loaded with
 * autocannon from this one, at 50 connections. Floors measured in the same run:
 * - the same SQL through `pg` at 50 clients: the statements are captured by running the service function
 *   the route calls once through a Kysely whose `log` records every compiled query, then replayed verbatim
 *   (unnamed parameterised statements, like the app) — so the floor is exactly the module's SQL, without
 *   HTTP, auth (one session lookup per request), validation and serialisation;
 * - a bare Fastify route answering a body of the same size (bench/floor-server.ts).
 *
 * Environment: BENCH_PROJECTS (city projects, default 100,000 — the city scale of the generator),
 * BENCH_SECONDS (each load run, default 10), BENCH_IMPORT_ROWS (default 50,000), BENCH_PARTS (which of
 * list,grid,export,import to run; default all — the list and one project always run).
 */

/** The database a run works on: a fresh copy of SEED_DB every run. */
const DB_NAME = 'magnet_bench_city';
/** The seeded city, never written by a run (a template for DB_NAME). */
const SEED_DB = 'magnet_bench_city_seed';
const ROOT_REGION = '120000';
const DEFAULT_PROJECTS = 100_000;
const SEED = 1;
const CONNECTIONS = 50;
const ADMIN_PASSWORD = 'Pipe#Bench2026';
const FIRST_PASSWORD = 'Pipe#First2026';
const FINAL_PASSWORD = 'Pipe#Final2026';
/** a common fragment of synthetic project and investor names (新能源汽车…), long enough for pg_trgm */
const Q = '新能源';
const IMPORT_PROJECT = '基准导入项目';
const IMPORT_INVESTOR = '基准导入投资方';
const IMPORT_REGIONS = ['120101', '120102', '120103', '120104', '120110', '120111', '120114', '120116'];
const IMPORT_INDUSTRIES = ['3911', '2710', '3441', '6513', '7010', '3411', '4411', '5411'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SESSION_OPTIONS = '-c TimeZone=Asia/Shanghai'; // as server/db/database.ts opens its sessions

// ---------------------------------------------------------------------------------------------------
// data

/** The seeding parameters, stored as the database's COMMENT: a database seeded otherwise is rebuilt. */
function seedTag(projectCount: number) {
  return JSON.stringify({ scale: 'city', root: ROOT_REGION, seed: SEED, projects: projectCount });
}

/**
 * `magnet_bench_city_seed`, created and seeded if missing or seeded with other parameters (then dropped and
 * rebuilt: the generator adds to what a database holds, so a partial or different seed is not topped up),
 * and `magnet_bench_city`, a fresh copy of it for this run. Every run measures the same database: runs that
 * worked on one database and deleted what they had imported left it a little more bloated each time (a
 * growing audit log, dead index entries), and their import times drifted upwards by seconds over a day.
 */
export async function cityDatabase(base: string, projectCount: number) {
  const urlOf = (name: string) => base.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
  const url = urlOf(SEED_DB);
  const admin = await openDatabase({ engine: 'postgres', url: base, poolSize: 1 });
  const tag = seedTag(projectCount);
  try {
    const r = await sql<{ comment: string | null }>`
      SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = ${SEED_DB}`.execute(
      admin.db,
    );
    let seeded: { ms: number; projects: number; entries: number } | null = null;
    if (!r.rows.length || r.rows[0].comment !== tag)
      seeded = await seedCity(admin.db, url, tag, projectCount);
    const copy = await timeIt(async () => {
      await sql.raw(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).execute(admin.db);
      // a file copy: the default strategy (WAL_LOG) writes the whole database to the WAL
      await sql.raw(`CREATE DATABASE ${DB_NAME} TEMPLATE ${SEED_DB} STRATEGY FILE_COPY`).execute(admin.db);
    });
    return { url: urlOf(DB_NAME), seeded, copyMs: copy.ms };
  } finally {
    await admin.close();
  }
}

/** Seeds the city into SEED_DB (dropped first if it exists) and tags it with its parameters. */
async function seedCity(adminDb: Kysely<DB>, url: string, tag: string, projectCount: number) {
  await sql.raw(`DROP DATABASE IF EXISTS ${SEED_DB} WITH (FORCE)`).execute(adminDb);
  await sql.raw(`CREATE DATABASE ${SEED_DB}`).execute(adminDb);
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  let seeded;
  try {
    await migrate(database.db as unknown as Kysely<unknown>);
    await loadReferenceData(database.db);
    const progress = (what: string, done: number, total: number) =>
      process.stderr.write(`\r  ${what} ${done}/${total}      `);
    const t = await timeIt(async () => {
      const manifest = await generateSynthetic({
        db: database.db,
        scale: 'city',
        seed: SEED,
        root: ROOT_REGION,
        projects: projectCount,
        onProgress: (p) => progress(p.phase, p.done, p.total),
      });
      const stats = await seedSyntheticStatistics(database.db, {
        root: ROOT_REGION,
        months: 36,
        entriesPerProject: 12,
        progress: (d, n, what) => progress(what, d, n),
      });
      await sql`ANALYZE`.execute(database.db);
      return { projects: manifest.projects, entries: stats.entries };
    });
    process.stderr.write('\n');
    seeded = { ms: t.ms, ...t.result };
  } finally {
    await database.close();
  }
  await sql.raw(`COMMENT ON DATABASE ${SEED_DB} IS '${tag.replace(/'/g, "''")}'`).execute(adminDb);
  return seeded;
}

/** The import file: `rows` new projects of 5,000 new investors, built like import-big.test.ts does. */
export async function importFile(rows: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (b: Buffer) => chunks.push(b));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const ws = wb.addWorksheet('项目');
  ws.addRow([
    '项目名称',
    '投资方名称',
    '投资方统一社会信用代码',
    '投资方性质',
    '行业代码',
    '落地区域代码',
    '计划总投资（万元）',
    '重大项目',
  ]).commit();
  for (let i = 0; i < rows; i++) {
    const inv = i % 5000;
    ws.addRow([
      `${IMPORT_PROJECT}${i}号`,
      `${IMPORT_INVESTOR}${inv}有限公司`,
      makeUscc(90_000_000 + inv, '110105'), // far from the generator's USCC seeds (30M + …)
      '民营企业',
      IMPORT_INDUSTRIES[i % IMPORT_INDUSTRIES.length],
      IMPORT_REGIONS[i % IMPORT_REGIONS.length],
      `${(i * 37) % 100000}.${String(i % 100).padStart(2, '0')}`,
      i % 10 === 0 ? '是' : '否',
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------------
// measuring

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * Records the SQL a piece of app code runs: the service function runs once on a Kysely whose `log` keeps
 * every compiled statement (with its real parameters and results, so later statements get the ids the
 * earlier ones returned).
 */
function recorder(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2, options: SESSION_OPTIONS });
  let captured: CompiledQuery[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') captured.push(e.query);
    },
  });
  const config = loadConfig({
    DATABASE_URL: url,
    MAGNET_ROOT_REGION: ROOT_REGION,
    MAGNET_DEMO: '0',
    LOG_LEVEL: 'silent',
  });
  const deps: Deps = { db, reader: db, engine: 'postgres', config };
  return {
    async capture(fn: (deps: Deps) => Promise<unknown>): Promise<CompiledQuery[]> {
      captured = [];
      await fn(deps);
      return captured;
    },
    close: () => db.destroy(),
  };
}

/** Replays `statements` in order on each of `connections` clients for `seconds`: rps and latency. */
async function rawLoad(
  pool: pg.Pool,
  statements: CompiledQuery[],
  seconds: number,
  connections = CONNECTIONS,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const t0 = Date.now();
  const deadline = t0 + seconds * 1000;
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (Date.now() < deadline) {
        const s = process.hrtime.bigint();
        try {
          for (const q of statements) await client.query(q.sql, [...q.parameters]);
          latencies.push(Number(process.hrtime.bigint() - s) / 1e6);
        } catch {
          errors++;
        }
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (Date.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: round(percentile(latencies, 0.5), 1),
    p99: round(percentile(latencies, 0.99), 1),
    errors,
    non2xx: 0,
  };
}

// ---------------------------------------------------------------------------------------------------
// the app's API

interface Api {
  (
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
}

function apiOf(base: string): Api {
  return async (method, path, token, body) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = { text };
    }
    return { status: r.status, json };
  };
}

async function must(
  p: Promise<{ status: number; json: Record<string, unknown> }>,
  what: string,
  ok: number[] = [200, 201],
) {
  const r = await p;
  if (!ok.includes(r.status))
    throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
  return r.json;
}

async function login(api: Api, username: string, password: string): Promise<string> {
  const j = await must(
    api('POST', '/api/v1/auth/login', undefined, { username, password }),
    `login ${username}`,
  );
  return j.token as string;
}

/** The id of a unit of that name, created if missing. */
async function ensureUnit(api: Api, admin: string, unit: { name: string; kind: string; region: string }) {
  const r = await api('POST', '/api/v1/units', admin, unit);
  if (r.status === 201) return r.json.id as string;
  const err = r.json.error as { code?: string; details?: { existing_id?: string } } | undefined;
  if (r.status === 409 && err?.details?.existing_id) return err.details.existing_id;
  throw new Error(`unit ${unit.name}: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
}

/**
 * A signed-in user as a new user goes through it: created by the admin (or, from an earlier run, given a
 * new password by the admin), first sign-in, own password changed (the session stays). Returns the token.
 */
async function ensureUser(
  api: Api,
  admin: string,
  u: { username: string; role: string; unit_id: string; display_name: string },
) {
  const r = await api('POST', '/api/v1/users', admin, {
    ...u,
    password: FIRST_PASSWORD,
    must_change_password: true,
  });
  if (r.status !== 201) {
    const err = r.json.error as { details?: { existing_id?: string } } | undefined;
    const id = err?.details?.existing_id;
    if (r.status !== 409 || !id)
      throw new Error(`user ${u.username}: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
    await must(api('POST', `/api/v1/users/${id}/password`, admin, { password: FIRST_PASSWORD }), 'reset');
  }
  const token = await login(api, u.username, FIRST_PASSWORD);
  await must(
    api('POST', '/api/v1/auth/password', token, {
      current_password: FIRST_PASSWORD,
      new_password: FINAL_PASSWORD,
    }),
    `first password change of ${u.username}`,
  );
  return token;
}

// ---------------------------------------------------------------------------------------------------
// the suite

type Row = Record<string, unknown>;

export async function benchPipeline(): Promise<Figure[]> {
  const base = pgUrl();
  if (!base)
    return [
      { name: 'pipeline.postgres', value: -1, unit: 'skipped (no BENCH_DATABASE_URL/TEST_DATABASE_URL)' },
    ];
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const projectCount = Number(process.env.BENCH_PROJECTS ?? DEFAULT_PROJECTS);
  const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
  // BENCH_PARTS=list,grid,export,import (default all; the list and the detail always run)
  const parts = new Set((process.env.BENCH_PARTS ?? 'list,grid,export,import').split(','));
  const figures: Figure[] = [];

  const city = await cityDatabase(base, projectCount);
  if (city.seeded)
    figures.push(
      { name: 'pipeline.city.seed', value: round(city.seeded.ms / 1000, 1), unit: 's' },
      { name: 'pipeline.city.seed.entries', value: city.seeded.entries, unit: 'rows' },
    );
  figures.push({
    name: 'pipeline.city.copy',
    value: round(city.copyMs / 1000, 1),
    unit: 's (fresh copy of the seed)',
  });
  const database = await openDatabase({ engine: 'postgres', url: city.url, poolSize: 2 });

  const server = await startServerProcess({
    DATABASE_URL: city.url,
    DATABASE_REPLICA_URL: '',
    MAGNET_DEMO: '0',
    MAGNET_ROOT_REGION: ROOT_REGION,
    MAGNET_ADMIN_PASSWORD: ADMIN_PASSWORD,
  }).catch(async (e: unknown) => {
    await database.close();
    throw e;
  });
  const pid = server.child.pid!;
  const rss = rssSampler(pid);
  const raw = new pg.Pool({ connectionString: city.url, max: CONNECTIONS, options: SESSION_OPTIONS });
  const rec = recorder(city.url);
  const errors = { app: 0, floor: 0 };
  const appLoad = async (url: string, token: string) => {
    const headers = { authorization: `Bearer ${token}` };
    await load(url, { duration: 2, headers }); // warm-up
    const r = await load(url, { duration: seconds, headers });
    errors.app += r.errors + r.non2xx;
    if (r.errors + r.non2xx)
      process.stderr.write(`  ${url}: ${r.errors} socket errors/timeouts, ${r.non2xx} non-2xx\n`);
    return r;
  };
  const rawFloor = async (statements: CompiledQuery[]) => {
    await rawLoad(raw, statements, 2); // warm-up
    const r = await rawLoad(raw, statements, seconds);
    errors.floor += r.errors;
    return r;
  };
  try {
    const api = apiOf(server.url);
    const admin = await login(api, 'admin', ADMIN_PASSWORD);
    const rssStart = rss.sample();

    // the district of median size (by live projects), as a typical district user's scope
    const districts = await sql<{ region: string; n: number }>`
      SELECT region, count(*)::int AS n FROM projects
      WHERE deleted_at IS NULL AND region LIKE ${`${regionPrefix(ROOT_REGION)}%`}
      GROUP BY region ORDER BY n, region`.execute(database.db);
    if (!districts.rows.length) throw new Error(`${DB_NAME} holds no projects under ${ROOT_REGION}`);
    const district = districts.rows[Math.floor(districts.rows.length / 2)].region;
    const live = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM projects WHERE deleted_at IS NULL`.execute(database.db);
    figures.push(
      { name: 'pipeline.city.projects', value: live.rows[0].n, unit: 'rows' },
      { name: 'pipeline.city.district', value: Number(district), unit: 'region code (median size)' },
    );

    const officeUnit = await ensureUnit(api, admin, {
      name: '基准测试合作交流办',
      kind: 'office',
      region: ROOT_REGION,
    });
    const districtUnit = await ensureUnit(api, admin, {
      name: `基准测试区县单位${district}`,
      kind: 'district',
      region: district,
    });
    const office = await ensureUser(api, admin, {
      username: 'bench_office',
      role: 'office',
      unit_id: officeUnit,
      display_name: '基准测试（办公室）',
    });
    const districtUser = await ensureUser(api, admin, {
      username: `bench_district_${district}`,
      role: 'district',
      unit_id: districtUnit,
      display_name: '基准测试（区县）',
    });
    const officeActor: Actor = {
      ...SYSTEM_ACTOR,
      username: 'bench_office',
      role: 'office',
      unitId: officeUnit,
      unitKind: 'office',
      unitRegion: ROOT_REGION,
      regionScope: { kind: 'all' },
      via: 'bearer',
    };
    const districtActor: Actor = {
      ...SYSTEM_ACTOR,
      username: `bench_district_${district}`,
      role: 'district',
      unitId: districtUnit,
      unitKind: 'district',
      unitRegion: district,
      regionScope: { kind: 'subtree', region: district, prefix: regionPrefix(district) },
      via: 'bearer',
    };

    // 1. the project list: plain (default sort), pg_trgm search, filters
    const variants: Array<[string, Record<string, string>]> = [
      ['default', { page_size: '20' }],
      ['q', { page_size: '20', q: Q }],
      ['filters', { page_size: '20', region: district, stage: 'signed' }],
    ];
    let firstId = '';
    for (const [name, query] of variants) {
      const path = `/api/v1/projects?${new URLSearchParams(query)}`;
      const first = await must(api('GET', path, office), `list ${name}`);
      const items = first.items as Row[];
      if (name === 'default') firstId = String(items[0]?.id ?? '');
      // what a repeated request runs: the count of this filter is known after the first one
      const listIt = (deps: Deps) => projects.listProjects(deps, officeActor, projectListQuery.parse(query));
      await rec.capture(listIt);
      const statements = await rec.capture(listIt);
      process.stderr.write(`  list ${name}: ${statements.length} statements, ${first.total} matches\n`);
      const app = await appLoad(`${server.url}${path}`, office);
      const floor = await rawFloor(statements);
      const p = `pipeline.list.${name}`;
      figures.push(
        { name: `${p}.matches`, value: Number(first.total), unit: 'rows' },
        {
          name: `${p}.p50`,
          value: app.p50,
          unit: 'ms',
          floor: { name: 'same SQL via pg p50', value: floor.p50, unit: 'ms' },
        },
        {
          name: `${p}.p99`,
          value: app.p99,
          unit: 'ms',
          target: '< 50 ms',
          floor: { name: 'same SQL via pg p99', value: floor.p99, unit: 'ms' },
        },
        {
          name: `${p}.rps`,
          value: round(app.rps, 0),
          unit: 'req/s',
          floor: {
            name: `same SQL via pg, ${CONNECTIONS} clients`,
            value: round(floor.rps, 0),
            unit: 'req/s',
          },
        },
        { name: `${p}.app_vs_raw_pg`, value: round(app.rps / floor.rps, 3), unit: 'x', target: '≥ 0.66' },
      );
      if (name === 'default') {
        const body = await (
          await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${office}` } })
        ).text();
        const bare = await startFloor(body);
        try {
          await load(bare.url, { duration: 2 });
          const f = await load(bare.url, { duration: seconds });
          figures.push(
            {
              name: `${p}.app_vs_fastify`,
              value: round(app.rps / f.rps, 3),
              unit: 'x',
              floor: {
                name: `bare fastify, same ${Buffer.byteLength(body)} B body`,
                value: round(f.rps, 0),
                unit: 'req/s',
              },
            },
            { name: `${p}.fastify_floor.p99`, value: f.p99, unit: 'ms' },
          );
        } finally {
          await stopProcess(bare.child);
        }
      }
    }

    // 2. one project
    {
      const path = `/api/v1/projects/${firstId}`;
      await must(api('GET', path, office), 'project detail');
      const statements = await rec.capture((deps) => projects.getProject(deps, officeActor, firstId));
      const app = await appLoad(`${server.url}${path}`, office);
      const floor = await rawFloor(statements);
      figures.push(
        {
          name: 'pipeline.detail.p99',
          value: app.p99,
          unit: 'ms',
          floor: { name: 'same SQL via pg p99', value: floor.p99, unit: 'ms' },
        },
        {
          name: 'pipeline.detail.rps',
          value: round(app.rps, 0),
          unit: 'req/s',
          floor: {
            name: `same SQL via pg, ${CONNECTIONS} clients`,
            value: round(floor.rps, 0),
            unit: 'req/s',
          },
        },
      );
    }

    // 3. the capital entry grid of the district for last month: its default page (100 rows) read at 50
    //    connections, then one page of 1,000 rows, then saved
    const month = addMonths(currentMonthCst(), -1);
    if (parts.has('grid')) {
      const path = `/api/v1/capital-entries/grid?region=${district}&month=${month}`;
      const grid = await must(api('GET', path, districtUser), 'grid');
      const rows = grid.rows as Row[];
      const statements = await rec.capture((deps) =>
        capital.grid(deps, districtActor, { region: district, month, page: 1, page_size: 100 }),
      );
      const app = await appLoad(`${server.url}${path}`, districtUser);
      const floor = await rawFloor(statements);
      const big = await appLoad(`${server.url}${path}&page_size=1000`, districtUser);
      figures.push(
        { name: 'pipeline.grid.rows', value: Number(grid.total), unit: `rows (${district}, ${month})` },
        { name: 'pipeline.grid.page_rows', value: rows.length, unit: 'rows (default page)' },
        {
          name: 'pipeline.grid.get.p99',
          value: app.p99,
          unit: 'ms',
          floor: { name: 'same SQL via pg p99', value: floor.p99, unit: 'ms' },
        },
        {
          name: 'pipeline.grid.get.rps',
          value: round(app.rps, 0),
          unit: 'req/s',
          floor: {
            name: `same SQL via pg, ${CONNECTIONS} clients`,
            value: round(floor.rps, 0),
            unit: 'req/s',
          },
        },
        { name: 'pipeline.grid.get_1000.p99', value: big.p99, unit: 'ms (page_size=1000)' },
        { name: 'pipeline.grid.get_1000.rps', value: round(big.rps, 0), unit: 'req/s (page_size=1000)' },
      );

      // The seeded month is approved (locked): the admin reopens it, the district saves 20 times one
      // changed amount (as the web sends only changed rows), then everything is put back as it was.
      const status = grid.report_status as string;
      if (status === 'approved')
        await must(
          api('POST', `/api/v1/monthly-reports/${district}/${month}/reopen`, admin, {
            reason: '基准测试：修改填报',
          }),
          'reopen',
        );
      if (status === 'submitted')
        await must(
          api('POST', `/api/v1/monthly-reports/${district}/${month}/return`, admin, {
            reason: '基准测试：修改填报',
          }),
          'return',
        );
      const domestic = rows.filter((r) => r.capital_kind === 'domestic');
      const chosen = [
        ...domestic.filter((r) => r.domestic !== null),
        ...domestic.filter((r) => r.domestic === null),
      ]
        .slice(0, 20)
        .map((r) => ({ project_id: String(r.project_id), domestic: r.domestic as string | null }));
      if (!chosen.length) throw new Error(`grid of ${district} ${month} has no domestic project`);
      const times: number[] = [];
      try {
        for (let i = 0; i < 20; i++) {
          const row = chosen[i % chosen.length];
          let amount = `${12_345 + i}.67`;
          if (amount === row.domestic) amount = `${12_345 + i}.68`;
          const t = await timeIt(() =>
            must(
              api('PUT', '/api/v1/capital-entries/grid', districtUser, {
                region: district,
                month,
                rows: [{ project_id: row.project_id, domestic: amount }],
              }),
              'grid save',
            ),
          );
          times.push(t.ms);
        }
      } finally {
        await must(
          api('PUT', '/api/v1/capital-entries/grid', districtUser, { region: district, month, rows: chosen }),
          'grid restore',
        );
        if (status === 'approved' || status === 'submitted')
          await must(
            api('POST', `/api/v1/monthly-reports/${district}/${month}/submit`, districtUser, {}),
            'submit',
          );
        if (status === 'approved')
          await must(
            api('POST', `/api/v1/monthly-reports/${district}/${month}/approve`, admin, {}),
            'approve',
          );
      }
      const sorted = [...times].sort((a, b) => a - b);
      figures.push(
        { name: 'pipeline.grid.put.median', value: round(median(times), 1), unit: 'ms (one changed amount)' },
        { name: 'pipeline.grid.put.p95', value: round(percentile(sorted, 0.95), 1), unit: 'ms (20 saves)' },
      );
    }

    // 4. Excel export of the whole list (every project, default sort), with the server's RSS meanwhile
    if (parts.has('export')) {
      const total = Number((await must(api('GET', '/api/v1/projects?page_size=1', office), 'count')).total);
      const before = rss.startWindow();
      const t = await timeIt(async () => {
        const r = await fetch(`${server.url}/api/v1/projects.xlsx`, {
          headers: { authorization: `Bearer ${office}` },
        });
        if (r.status !== 200 || !r.body) throw new Error(`export: HTTP ${r.status}`);
        const reader = r.body.getReader();
        let bytes = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return bytes;
          bytes += value.length;
        }
      });
      const peak = rss.window();
      // the floor: the export's own queries (ids in list order, then the row chunks) through the
      // repository functions, in this process, without writing the workbook
      const q = await timeIt(async () => {
        const ids = await projectsRepo.listProjectIds(database.db, officeActor, {});
        for (let i = 0; i < ids.length; i += EXPORT_CHUNK)
          await projectsRepo.exportRowsByIds(database.db, officeActor, ids.slice(i, i + EXPORT_CHUNK));
      });
      figures.push(
        {
          name: 'pipeline.export.xlsx',
          value: round(t.ms / 1000, 2),
          unit: `s (${total} rows, ${round(t.result / 2 ** 20, 1)} MiB)`,
          target: '< 5 s (100,000 rows)',
          floor: { name: 'its queries alone, no workbook', value: round(q.ms / 1000, 2), unit: 's' },
        },
        {
          name: 'pipeline.export.rss_peak',
          value: round(peak, 0),
          unit: 'MB',
          target: 'flat',
          floor: { name: 'RSS before the export', value: round(before, 0), unit: 'MB' },
        },
      );
    }

    // 5. Excel import of 50,000 new projects: upload, job, poll until done
    const rssBeforeImport = rss.sample();
    if (parts.has('import')) {
      const file = await importFile(importRows);
      rss.startWindow();
      const started = performance.now();
      const t = await timeIt(async () => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(file)], { type: XLSX }), 'bench-import.xlsx');
        const r = await fetch(`${server.url}/api/v1/projects/import`, {
          method: 'POST',
          headers: { authorization: `Bearer ${office}` },
          body: form,
        });
        const j = (await r.json()) as Row;
        if (r.status === 200) return j;
        if (r.status !== 202) throw new Error(`import: HTTP ${r.status} ${JSON.stringify(j).slice(0, 300)}`);
        // the job's phases as it reports them (读取已有数据, 校验中, 写入中…), with the time each was first seen
        let phase = '';
        for (;;) {
          const job = await must(api('GET', `/api/v1/jobs/${String(j.job_id)}`, office), 'job');
          const now = `${String(job.status)} ${String(job.message ?? '')}`;
          if (now !== phase)
            process.stderr.write(
              `  import ${((performance.now() - started) / 1000).toFixed(1)} s: ${(phase = now)}\n`,
            );
          if (job.status === 'done') return job.result as Row;
          if (job.status === 'failed')
            throw new Error(`import job failed: ${JSON.stringify(job).slice(0, 300)}`);
          await new Promise((res) => setTimeout(res, 200));
        }
      });
      const created = Number(t.result.created ?? 0);
      if (created !== importRows) throw new Error(`import created ${created} of ${importRows} rows`);
      figures.push(
        {
          name: 'pipeline.import.xlsx',
          value: round(t.ms / 1000, 1),
          unit: `s (${importRows} new rows, ${round(file.length / 2 ** 20, 1)} MiB file)`,
        },
        { name: 'pipeline.import.rss_peak', value: round(rss.window(), 0), unit: 'MB' },
      );
    }

    // 6. the server's memory after all of it: a second later, and half a minute later (V8 gives the heap it
    //    grew for the export and the import back to the system once the process is idle for a while)
    await new Promise((res) => setTimeout(res, 1000));
    const rssAfter = rss.sample();
    await new Promise((res) => setTimeout(res, 30_000));
    figures.push(
      {
        name: 'pipeline.server.rss_after_load',
        value: round(rssAfter, 0),
        unit: 'MB',
        target: '< 300 MB',
        floor: { name: 'RSS after start and sign-in', value: round(rssStart, 0), unit: 'MB' },
      },
      { name: 'pipeline.server.rss_idle_30s', value: round(rss.sample(), 0), unit: 'MB (30 s later, idle)' },
      { name: 'pipeline.server.rss_before_import', value: round(rssBeforeImport, 0), unit: 'MB' },
      { name: 'pipeline.server.rss_peak', value: round(rss.peak(), 0), unit: 'MB' },
      {
        name: 'pipeline.floor_errors',
        value: errors.floor,
        unit: 'count (failed statements in the pg floors)',
      },
      {
        name: 'pipeline.errors',
        value: errors.app,
        unit: 'count (non-2xx + socket errors under load)',
        target: '0',
      },
    );
    return figures;
  } finally {
    rss.stop();
    await rec.close();
    await raw.end();
    await stopProcess(server.child);
    await database.close();
  }
}
