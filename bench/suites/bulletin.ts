import { sql } from 'kysely';
import { money } from '../../shared/money.ts';
import { currentMonthCst, addMonths } from '../../shared/month.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadReferenceData } from '../../server/db/reference/load.ts';
import type { Deps } from '../../server/context.ts';
import { computeLive } from '../../server/modules/bulletins/bulletins.service.ts';
import { seedSyntheticStatistics } from '../../server/demo/synthetic-statistics.ts';
import { generateSynthetic } from '../../server/demo/synthetic.ts';
import { type Figure, median, pgUrl, round, timeIt } from '../lib.ts';
import type { Kysely } from 'kysely';

async function timeBulletin(deps: Deps, month: string, parent: string, runs = 7) {
  await computeLive(deps, month, parent); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timeIt(() => computeLive(deps, month, parent))).ms);
  return round(median(times), 1);
}

/** The same ytd straight from the raw entries (the floor: one SQL, no app) — also a cross-check. */
async function rawYtd(deps: Deps, month: string) {
  const { ms, result } = await timeIt(() =>
    sql<{ s: string }>`SELECT sum(e.amount) AS s FROM capital_entries e
      JOIN monthly_reports r ON r.region = e.region AND r.month = e.month AND r.status = 'approved'
      WHERE e.status = 'valid' AND e.kind = 'domestic' AND e.month >= ${`${month.slice(0, 4)}-01-01`}::date AND e.month <= ${`${month}-01`}::date`.execute(
      deps.db,
    ),
  );
  return { ms, sum: result.rows[0].s };
}

function depsOf(database: Database, root: string): Deps {
  const config = loadConfig({ MAGNET_ROOT_REGION: root, MAGNET_DEMO: '0', LOG_LEVEL: 'silent' });
  return { db: database.db, reader: database.reader, engine: database.engine, config };
}

/** City scale on PGlite: 16 districts, 20,000 projects, 3 years of monthly entries. */
export async function benchBulletinCity(): Promise<Figure[]> {
  const database = await openDatabase({ engine: 'pglite' });
  try {
    await migrate(database.db as unknown as Kysely<unknown>);
    await loadReferenceData(database.db);
    const seedT = await timeIt(async () => {
      await generateSynthetic({ db: database.db, scale: 'city', seed: 1, projects: 20_000 });
      return seedSyntheticStatistics(database.db, { root: '120000', months: 36, entriesPerProject: 12 });
    });
    const deps = depsOf(database, '120000');
    const month = addMonths(currentMonthCst(), -1);
    const ms = await timeBulletin(deps, month, '120000');
    const raw = await rawYtd(deps, month);
    const b = await computeLive(deps, month, '120000');
    return [
      { name: 'bulletin.city.pglite.seed', value: round(seedT.ms / 1000, 1), unit: 's' },
      { name: 'bulletin.city.pglite.entries', value: seedT.result.entries, unit: 'rows' },
      {
        name: 'bulletin.city.pglite.compute',
        value: ms,
        unit: 'ms',
        floor: { name: 'raw ytd SUM over entries', value: round(raw.ms, 1), unit: 'ms' },
      },
      {
        name: 'bulletin.city.pglite.totals_equal_raw',
        value: b.totals.ytd === money(raw.sum ?? 0) ? 1 : 0,
        unit: 'bool',
      },
    ];
  } finally {
    await database.close();
  }
}

/**
 * National scale on PostgreSQL: a national root, all counties, 1,000,000 projects, 12,000,000 entries.
 * The data lives in the database `magnet_bench` of the server and is generated once (minutes); later runs
 * reuse it. Target: < 1 s.
 */
export async function benchBulletinNational(opts: { projects?: number } = {}): Promise<Figure[]> {
  const base = pgUrl();
  if (!base)
    return [
      {
        name: 'bulletin.national.postgres',
        value: -1,
        unit: 'skipped (no BENCH_DATABASE_URL/TEST_DATABASE_URL)',
      },
    ];
  const url = base.replace(/\/[^/?]+(\?|$)/, '/magnet_bench$1');
  const admin = await openDatabase({ engine: 'postgres', url: base, poolSize: 1 });
  const exists = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM pg_database WHERE datname = 'magnet_bench'`.execute(admin.db);
  if (!exists.rows[0].n) await sql.raw('CREATE DATABASE magnet_bench').execute(admin.db);
  await admin.close();
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  const figures: Figure[] = [];
  try {
    await migrate(database.db as unknown as Kysely<unknown>);
    await loadReferenceData(database.db);
    const want = opts.projects ?? 1_000_000;
    const have = await sql<{ n: number }>`SELECT count(*)::int AS n FROM projects`.execute(database.db);
    const t = await timeIt(async () => {
      if (have.rows[0].n < want) {
        await generateSynthetic({
          db: database.db,
          scale: 'national',
          seed: 1,
          projects: want - have.rows[0].n,
          onProgress: (p) => process.stderr.write(`\r  ${p.phase} ${p.done}/${p.total}      `),
        });
      }
      // ~12 entries per project: the live half of the projects (signed and beyond) gets 24 months each
      // (idempotent: a database seeded with fewer entries is topped up)
      const entries = await sql<{ n: number }>`SELECT count(*)::int AS n FROM capital_entries`.execute(
        database.db,
      );
      if (entries.rows[0].n < want * 11) {
        await seedSyntheticStatistics(database.db, {
          root: '000000',
          months: 36,
          entriesPerProject: 24,
          progress: (d, n, what) => process.stderr.write(`\r  ${what} ${d}/${n}      `),
        });
        return true;
      }
      return false;
    });
    if (t.result) {
      process.stderr.write('\n');
      figures.push({ name: 'bulletin.national.postgres.seed', value: round(t.ms / 1000, 0), unit: 's' });
    }
    const counts = await sql<{
      p: number;
      e: number;
    }>`SELECT (SELECT count(*)::int FROM projects) AS p, (SELECT count(*)::int FROM capital_entries) AS e`.execute(
      database.db,
    );
    const deps = depsOf(database, '000000');
    const month = addMonths(currentMonthCst(), -1);
    const national = await timeBulletin(deps, month, '000000');
    const province = await timeBulletin(deps, month, '440000');
    const raw = await rawYtd(deps, month);
    figures.push(
      { name: 'bulletin.national.postgres.projects', value: counts.rows[0].p, unit: 'rows' },
      { name: 'bulletin.national.postgres.entries', value: counts.rows[0].e, unit: 'rows' },
      {
        name: 'bulletin.national.postgres.compute',
        value: national,
        unit: 'ms',
        target: '< 1000 ms',
        floor: { name: 'raw ytd SUM over 12M entries', value: round(raw.ms, 0), unit: 'ms' },
      },
      { name: 'bulletin.province.postgres.compute', value: province, unit: 'ms' },
    );
    return figures;
  } finally {
    await database.close();
  }
}
