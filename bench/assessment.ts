import { sql } from 'kysely';
import { compareDec } from '../shared/money.ts';
import { currentMonthCst } from '../shared/month.ts';
import { indicatorSchema, parsePeriod } from '../shared/schemas/assessments.ts';
import type { Deps } from '../server/context.ts';
import { SYSTEM_ACTOR, type Actor } from '../server/plugins/access.ts';
import { METRICS } from '../server/modules/assessments/metrics.ts';
import { computeResults, metricContext } from '../server/modules/assessments/runs.service.ts';
import { cockpit } from '../server/modules/cockpit/cockpit.service.ts';

/**
 * Assessment and cockpit timings on the database `deps` points at (issue 5: an annual run at national scale
 * on PostgreSQL < 2 s; the cockpit at province scale < 500 ms). Read-only: the annual run is computed (every
 * metric of the default scheme for every region directly under the root, scored and ranked) but not stored —
 * storing adds one insert of the run and its result rows.
 *
 * - `assessment.annual_run.compute`: median of `runs` computations of the last full year;
 * - `assessment.breakdown`: the explanation of every indicator of the region with the most capital;
 * - `cockpit.year`: median of `runs` cockpit reads of the current year (the root of `deps.config`).
 */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

const LEADER: Actor = { ...SYSTEM_ACTOR, role: 'leader' };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

const round = (v: number) => Math.round(v * 10) / 10;

export async function benchAssessment(
  deps: Deps,
  opts: { year?: number; runs?: number } = {},
): Promise<BenchFigure[]> {
  const runs = opts.runs ?? 5;
  const root = deps.config.MAGNET_ROOT_REGION;
  const thisYear = Number(currentMonthCst().slice(0, 4));
  const year = opts.year ?? thisYear - 1;
  const period = parsePeriod(String(year))!;
  const scheme = await deps.reader
    .selectFrom('assessment_schemes as s')
    .innerJoin('assessment_scheme_versions as v', (j) =>
      j.onRef('v.scheme_id', '=', 's.id').onRef('v.version', '=', 's.current_version'),
    )
    .select(['v.indicators'])
    .orderBy('s.is_default', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const indicators = (scheme.indicators as unknown[]).map((i) => indicatorSchema.parse(i));

  const computeOnce = async () => computeResults(await metricContext(deps.reader, period, root), indicators);
  await computeOnce(); // warm
  const times: number[] = [];
  let results: Awaited<ReturnType<typeof computeOnce>> = [];
  for (let i = 0; i < runs; i++) {
    const r = await time(computeOnce);
    times.push(r.ms);
    results = r.result;
  }

  // the breakdown of the region with the largest domestic capital
  const biggest = [...results].sort((a, b) =>
    compareDec(b.figures.domestic.actual, a.figures.domestic.actual),
  )[0];
  let breakdownMs = -1;
  let breakdownItems = 0;
  if (biggest) {
    const ctx = await metricContext(deps.reader, period, root);
    const regions = ctx.mapping.regions.filter((_, i) => ctx.mapping.rows[i] === biggest.region);
    const r = await time(async () => {
      let n = 0;
      for (const m of new Set(indicators.map((i) => i.metric))) {
        const e = await METRICS.get(m)?.explain(ctx, biggest.region, regions, 200);
        n += e?.total_items ?? 0;
      }
      return n;
    });
    breakdownMs = r.ms;
    breakdownItems = r.result;
  }

  await cockpit(deps, LEADER, thisYear); // warm
  const cockpitTimes: number[] = [];
  for (let i = 0; i < runs; i++) cockpitTimes.push((await time(() => cockpit(deps, LEADER, thisYear))).ms);

  const counts = await sql<{ entries: number; transitions: number }>`
    SELECT (SELECT count(*)::int FROM capital_entries
             WHERE month >= ${`${year}-01-01`}::date AND month <= ${`${year}-12-01`}::date) AS entries,
           (SELECT count(*)::int FROM project_transitions) AS transitions`.execute(deps.reader);

  return [
    { name: `assessment.annual_run.${deps.engine}.regions`, value: results.length, unit: 'rows' },
    {
      name: `assessment.annual_run.${deps.engine}.entries_of_year`,
      value: counts.rows[0].entries,
      unit: 'rows',
    },
    {
      name: `assessment.annual_run.${deps.engine}.compute`,
      value: round(median(times)),
      unit: 'ms',
      target: '< 2000 ms (national, PostgreSQL)',
    },
    {
      name: `assessment.breakdown.${deps.engine}.largest_region`,
      value: round(breakdownMs),
      unit: `ms (${breakdownItems} items)`,
    },
    {
      name: `cockpit.${deps.engine}.year`,
      value: round(median(cockpitTimes)),
      unit: 'ms',
      target: '< 500 ms (province)',
    },
  ];
}
