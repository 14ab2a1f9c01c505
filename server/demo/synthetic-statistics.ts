import { sql, type Kysely } from 'kysely';
import { addMonths, currentMonthCst } from '../../shared/month.ts';
import { regionPrefix } from '../../shared/regions.ts';
import type { DB } from '../db/schema.ts';
import { rebuildCapitalRollup } from '../modules/capital/capital.repository.ts';

export interface SyntheticStatisticsOptions {
  /** the deployment root whose projects get entries (all of China: 000000) */
  root: string;
  /** how many months back from the current month (36 = three years) */
  months: number;
  /** entries per project, each in a different month (≤ months / 3) */
  entriesPerProject: number;
  /** 0 < seed < 1, for PostgreSQL's setseed: the same seed gives the same data */
  seed?: number;
  progress?: (done: number, total: number, what: string) => void;
}

/**
 * Monthly capital for every live project under `root` that has reached `signed`, approved reports for
 * every region and month, and targets (last year's actual + 10 %) — generated inside the database with
 * generate_series, in batches, with the rollup trigger off and the rollup rebuilt once at the end.
 * Used by `magnet seed` and the benchmarks; deterministic for a given seed.
 */
export async function seedSyntheticStatistics(db: Kysely<DB>, o: SyntheticStatisticsOptions) {
  const prefix = `${regionPrefix(o.root)}%`;
  const last = currentMonthCst();
  const first = addMonths(last, -(o.months - 1));
  const step = o.months % 3 === 0 && o.entriesPerProject * 3 <= o.months ? 3 : 1;
  const ids = await db
    .selectFrom('projects')
    .select(['id'])
    .where('deleted_at', 'is', null)
    .where('stage', 'in', ['signed', 'registered', 'construction', 'operating'])
    .where('region', 'like', prefix)
    .orderBy('id')
    .execute();
  const total = ids.length;
  await db.connection().execute(async (conn) => {
    await sql`SELECT setseed(${o.seed ?? 0.42})`.execute(conn);
    // both rollups are rebuilt once at the end instead of row by row
    await sql`ALTER TABLE capital_entries DISABLE TRIGGER capital_entries_rollup`.execute(conn);
    await sql`ALTER TABLE capital_entries DISABLE TRIGGER capital_entries_assessment_rollup`.execute(conn);
    try {
      const batch = 20_000;
      for (let i = 0; i < total; i += batch) {
        const slice = ids.slice(i, i + batch).map((r) => r.id);
        // each project gets `entriesPerProject` distinct months: (offset + k·step) mod months
        await sql`
          INSERT INTO capital_entries (project_id, region, month, kind, amount, beijing)
          SELECT p.id, p.region,
                 (${`${first}-01`}::date + ((((abs(hashtext(p.id::text)) % ${o.months}) + k * ${step}) % ${o.months}) * interval '1 month'))::date,
                 p.capital_kind,
                 round(greatest(p.planned_amount, 1) * (0.002 + power(random(), 2) * 0.05)::numeric
                       / CASE WHEN p.capital_kind = 'foreign' THEN 7.1 ELSE 1 END, 2),
                 coalesce(p.origin_province = '110000', false)
          FROM projects p CROSS JOIN generate_series(0, ${o.entriesPerProject - 1}::int) k
          WHERE p.id = ANY(${slice}::uuid[])
          ON CONFLICT (project_id, month, kind) DO NOTHING`.execute(conn);
        o.progress?.(Math.min(i + batch, total), total, 'capital entries');
      }
    } finally {
      await sql`ALTER TABLE capital_entries ENABLE TRIGGER capital_entries_rollup`.execute(conn);
      await sql`ALTER TABLE capital_entries ENABLE TRIGGER capital_entries_assessment_rollup`.execute(conn);
    }
  });
  o.progress?.(0, 1, 'rollup');
  await rebuildCapitalRollup(db);
  await sql`SELECT assessment_rebuild()`.execute(db);
  await sql`
    INSERT INTO monthly_reports (region, month, status, submitted_at, approved_at)
    SELECT r.code, m::date, 'approved', m + interval '1 month 2 days', m + interval '1 month 3 days'
    FROM regions r CROSS JOIN generate_series(${`${first}-01`}::date, ${`${addMonths(last, -1)}-01`}::date, interval '1 month') m
    WHERE r.level <> 'country' AND r.code LIKE ${prefix}
      AND EXISTS (SELECT 1 FROM capital_monthly c WHERE c.region = r.code)
    ON CONFLICT (region, month) DO NOTHING`.execute(db);
  const year = Number(last.slice(0, 4));
  // targets for every region with capital (counties, and their cities and provinces as sums)
  await sql`
    INSERT INTO targets (year, region, domestic, "foreign")
    SELECT ${year}, r.code,
      round(coalesce(sum(c.amount) FILTER (WHERE c.kind = 'domestic'), 0) * 1.1 + 100, -2),
      round(coalesce(sum(c.amount) FILTER (WHERE c.kind = 'foreign'), 0) * 1.1 + 10, -1)
    FROM regions r JOIN capital_monthly c
      ON c.region LIKE (CASE WHEN r.code LIKE '%0000' THEN left(r.code, 2) WHEN r.code LIKE '%00' THEN left(r.code, 4) ELSE r.code END) || '%'
     AND c.month >= ${`${year - 1}-01-01`}::date AND c.month <= ${`${year - 1}-12-01`}::date
    WHERE r.level <> 'country' AND r.code LIKE ${prefix}
    GROUP BY r.code
    ON CONFLICT (year, region) DO NOTHING`.execute(db);
  await sql`ANALYZE capital_entries`.execute(db);
  await sql`ANALYZE capital_monthly`.execute(db);
  await sql`ANALYZE monthly_reports`.execute(db);
  const n = await db
    .selectFrom('capital_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { projects: total, entries: Number(n.n) };
}
