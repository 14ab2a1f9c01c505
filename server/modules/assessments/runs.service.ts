import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { currentMonthCst, formatMonth } from '../../../shared/month.ts';
import { regionPrefix } from '../../../shared/regions.ts';
import {
  indicatorSchema,
  parsePeriod,
  periodLabelZh,
  type Indicator,
  type PeriodInfo,
  type RunStatus,
} from '../../../shared/schemas/assessments.ts';
import type { Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { inRegionScope, type Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import { regionRowMapping } from '../bulletins/bulletins.service.ts';
import * as repo from './assessments.repository.ts';
import {
  kindFigure,
  scoreRegions,
  type BreakdownLine,
  type KindFigure,
  type RegionResult,
} from './assessments.scoring.ts';
import {
  METRICS,
  metricOf,
  periodDates,
  type AssessmentSettings,
  type MetricContext,
  type MetricValue,
} from './metrics.ts';
import { targetsOf, type TargetRow } from './metrics.repository.ts';
import { loadSettings } from './schemes.service.ts';

/**
 * Assessment runs: a scheme version applied to a period, scored for every region directly under the root,
 * stored frozen with all its inputs (scheme version, targets, settings, the metric values and their
 * figures). A run's status moves draft → reviewed → final; its figures never change (a trigger refuses it);
 * recomputing makes a new run, and `diff` shows what moved.
 */

/** What a run froze besides the results: enough to explain and to reproduce it. */
export interface RunInputs {
  period: string;
  year: number;
  end_month: string;
  factor: string;
  parent: string;
  scheme: { id: string; version: number; name: string; effective_year: number; indicators: Indicator[] };
  settings: AssessmentSettings;
  targets: TargetRow[];
  root_target: TargetRow | null;
  rows: Array<{ code: string; name: string }>;
  computed_at: string;
}

export interface RunWarning {
  region: string | null;
  code: 'no_target' | 'months_not_approved';
  message: string;
  months?: string[];
}

const READ_ALL = new Set(['admin', 'office', 'leader']);

function isOffice(actor: Actor) {
  return actor.role === 'admin' || actor.role === 'office';
}

/** Builds the metric context of a period for the root (live mapping; targets and settings as given). */
export async function metricContext(
  db: Kysely<DB>,
  period: PeriodInfo,
  parent: string,
  frozen?: Pick<RunInputs, 'settings' | 'targets' | 'root_target'>,
): Promise<MetricContext & { rowsAll: Awaited<ReturnType<typeof regionRowMapping>> }> {
  const mapping = await regionRowMapping(db, parent);
  const dates = periodDates(period);
  let targets: TargetRow[];
  let rootTarget: TargetRow | null;
  let settings: AssessmentSettings;
  if (frozen) {
    targets = frozen.targets;
    rootTarget = frozen.root_target;
    settings = frozen.settings;
  } else {
    const all = await targetsOf(db, period.year, [...mapping.rows.map((r) => r.code), parent]);
    targets = all.filter((t) => t.region !== parent);
    rootTarget = all.find((t) => t.region === parent) ?? null;
    settings = await loadSettings(db);
  }
  const memo = new Map<string, Promise<unknown>>();
  return {
    db,
    period,
    ...dates,
    parentPrefix: regionPrefix(parent),
    rows: mapping.rows.map((r) => ({ code: r.code, name: r.name })),
    mapping: { regions: mapping.regions, rows: mapping.rowCodes },
    targets: new Map(targets.map((t) => [t.region, t])),
    rootTarget,
    settings,
    once<T>(key: string, fn: () => Promise<T>) {
      if (!memo.has(key)) memo.set(key, fn());
      return memo.get(key) as Promise<T>;
    },
    rowsAll: mapping,
  };
}

/** Computes (does not store) the results of a scheme's indicators for a period. */
export async function computeResults(ctx: MetricContext, indicators: Indicator[]): Promise<RegionResult[]> {
  const needed = new Set(['domestic_completion', 'foreign_completion', ...indicators.map((i) => i.metric)]);
  // metrics run side by side (on a pool); the queries they share run once (ctx.once)
  const computed = await Promise.all(
    [...needed].map(async (id) => [id, await metricOf(id)?.compute(ctx)] as const),
  );
  const values = new Map<string, Map<string, MetricValue>>();
  for (const [id, byRow] of computed) if (byRow) values.set(id, byRow);
  const results = scoreRegions(
    indicators,
    ctx.rows.map((r) => {
      const vals: Record<string, MetricValue> = {};
      for (const [id, byRow] of values) {
        const v = byRow.get(r.code);
        if (v) vals[id] = v;
      }
      return {
        region: r.code,
        name: r.name,
        values: vals,
        figures: {
          domestic: kindFigure(vals.domestic_completion),
          foreign: kindFigure(vals.foreign_completion),
        },
      };
    }),
  );
  return results.sort((a, b) => a.rank - b.rank || a.region.localeCompare(b.region));
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function hashRun(inputs: RunInputs, results: RegionResult[]): string {
  const { computed_at: _c, ...rest } = inputs;
  return createHash('sha256')
    .update(stable({ inputs: rest, results }))
    .digest('hex');
}

function checkPeriod(period: string): PeriodInfo {
  const p = parsePeriod(period);
  if (!p) {
    throw new AppError('VALIDATION', {
      message: 'period: 须为 YYYY、YYYYH1 或 YYYYQ1–Q4',
      details: [{ path: 'period', message: 'YYYY, YYYYH1 or YYYYQ1..Q4' }],
    });
  }
  if (formatMonth(p.year, p.endMonth) > currentMonthCst()) {
    throw new AppError('RULE', {
      message: `${periodLabelZh(period)}尚未结束，不能考核`,
      details: { rule: 'period_not_over', period },
    });
  }
  return p;
}

/** Scores a scheme for a period and stores the run, frozen, as a draft. */
export async function createRun(
  deps: Deps,
  input: { scheme_id: string; period: string; note?: string },
  ctx: AuditContext,
) {
  const period = checkPeriod(input.period);
  const parent = deps.config.MAGNET_ROOT_REGION;
  const id = await deps.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`assessment:${input.scheme_id}:${input.period}:${parent}`}))`.execute(
      trx,
    );
    const scheme = await repo.findScheme(trx, input.scheme_id);
    if (!scheme) throw notFound('考核办法');
    if (scheme.status === 'archived') {
      throw new AppError('RULE', {
        message: '该考核办法已停用，不能用于考核',
        details: { rule: 'scheme_archived' },
      });
    }
    const version = (await repo.findVersion(trx, scheme.id, scheme.current_version))!;
    if (period.year < version.effective_year) {
      throw new AppError('RULE', {
        message: `该考核办法自 ${version.effective_year} 年起施行，不适用于${periodLabelZh(input.period)}`,
        details: { rule: 'scheme_not_effective', effective_year: version.effective_year },
      });
    }
    const indicators = (version.indicators as unknown[]).map((i) => indicatorSchema.parse(i));
    const mctx = await metricContext(trx, period, parent);
    const results = await computeResults(mctx, indicators);
    const dates = periodDates(period);
    const inputs: RunInputs = {
      period: input.period,
      year: period.year,
      end_month: formatMonth(period.year, period.endMonth),
      factor: period.factor,
      parent,
      scheme: {
        id: scheme.id,
        version: version.version,
        name: version.name,
        effective_year: version.effective_year,
        indicators,
      },
      settings: mctx.settings,
      targets: [...mctx.targets.values()],
      root_target: mctx.rootTarget,
      rows: mctx.rows,
      computed_at: new Date().toISOString(),
    };
    const warnings: RunWarning[] = [];
    const approved = await repo.approvedMonths(trx, mctx.mapping, dates.start, dates.endMonth);
    const months = Array.from({ length: period.endMonth }, (_, i) => formatMonth(period.year, i + 1));
    for (const r of mctx.rows) {
      if (!mctx.targets.has(r.code))
        warnings.push({
          region: r.code,
          code: 'no_target',
          message: `${r.name}未设置${period.year}年度目标`,
        });
      const have = new Set(approved.filter((a) => a.row === r.code).map((a) => a.month));
      const missing = months.filter((m) => !have.has(m));
      if (missing.length)
        warnings.push({
          region: r.code,
          code: 'months_not_approved',
          message: `${r.name}有 ${missing.length} 个月的月报未审核通过，未计入`,
          months: missing,
        });
    }
    const previous = await repo.latestRun(trx, scheme.id, input.period, parent);
    const summary = {
      regions: results.length,
      interview: results.filter((r) => r.flags.includes('interview')).length,
      award: results.filter((r) => r.flags.includes('award')).length,
      top: results.slice(0, 3).map((r) => ({ region: r.region, name: r.name, score: r.score, rank: r.rank })),
    };
    const run = await trx
      .insertInto('assessment_runs')
      .values({
        scheme_id: scheme.id,
        scheme_version: version.version,
        period: input.period,
        year: period.year,
        end_month: dates.endMonth,
        parent,
        inputs: JSON.stringify(inputs),
        summary: JSON.stringify(summary),
        warnings: JSON.stringify(warnings),
        content_hash: hashRun(inputs, results),
        previous_run_id: previous?.id ?? null,
        note: input.note ?? null,
        created_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (results.length) {
      await trx
        .insertInto('assessment_results')
        .values(
          results.map((r) => ({
            run_id: run.id,
            region: r.region,
            name: r.name,
            score: r.score,
            scale_score: r.scale_score,
            quality_score: r.quality_score,
            rank: r.rank,
            flags: r.flags,
            interview_reasons: r.interview_reasons,
            figures: JSON.stringify(r.figures),
            breakdown: JSON.stringify(r.breakdown),
          })),
        )
        .execute();
    }
    await repo.markVersionUsed(trx, scheme.id, version.version);
    await recordAudit(trx, ctx, {
      action: 'assessment_run.create',
      entity: 'assessment_run',
      entityId: run.id,
      after: {
        scheme_id: scheme.id,
        scheme_version: version.version,
        period: input.period,
        summary,
        previous_run_id: previous?.id ?? null,
      },
    });
    return run.id;
  });
  return loadRun(deps.db, id, null);
}

type RunRow = NonNullable<Awaited<ReturnType<typeof repo.findRun>>>;
type ResultRow = Awaited<ReturnType<typeof repo.results>>[number];

function presentRunHead(r: Omit<RunRow, 'inputs'>) {
  return {
    id: r.id,
    period: r.period,
    year: r.year,
    parent: r.parent,
    scheme_id: r.scheme_id,
    scheme_name: r.scheme_name,
    scheme_version: r.scheme_version,
    status: r.status,
    summary: r.summary,
    warnings: r.warnings as RunWarning[],
    content_hash: r.content_hash,
    previous_run_id: r.previous_run_id,
    note: r.note,
    created_at: r.created_at.toISOString(),
    created_by: r.created_by_name,
    reviewed_at: r.reviewed_at?.toISOString() ?? null,
    reviewed_by: r.reviewed_by_name,
    finalized_at: r.finalized_at?.toISOString() ?? null,
    finalized_by: r.finalized_by_name,
  };
}

export function presentResult(x: ResultRow) {
  return {
    region: x.region,
    name: x.name,
    score: x.score,
    scale_score: x.scale_score,
    quality_score: x.quality_score,
    rank: x.rank,
    flags: x.flags,
    interview_reasons: x.interview_reasons,
    figures: x.figures as { domestic: KindFigure; foreign: KindFigure },
    breakdown: x.breakdown as BreakdownLine[],
  };
}

/** The rows a caller may see of a run: all for office/leaders, their own region for districts. */
function visibleRegions(actor: Actor | null, rows: Array<{ code: string }>): string[] | undefined {
  if (!actor || READ_ALL.has(actor.role)) return undefined;
  return rows.filter((r) => inRegionScope(actor.regionScope, r.code)).map((r) => r.code);
}

async function loadRun(db: Kysely<DB>, id: string, actor: Actor | null) {
  const run = await repo.findRun(db, id);
  if (!run) throw notFound('考核结果');
  if (actor && !READ_ALL.has(actor.role) && run.status !== 'final') throw notFound('考核结果');
  const inputs = run.inputs as RunInputs;
  const regions = visibleRegions(actor, inputs.rows);
  const rows = await repo.results(db, id, regions);
  const { inputs: _i, ...head } = run;
  return {
    ...presentRunHead(head),
    factor: inputs.factor,
    end_month: inputs.end_month,
    indicators: inputs.scheme.indicators,
    results: rows.map(presentResult),
  };
}

export async function getRun(deps: Deps, actor: Actor, id: string) {
  return loadRun(deps.db, id, actor);
}

/** The frozen inputs of a run (office and leaders): scheme version, targets, settings, rows. */
export async function runInputs(deps: Deps, actor: Actor, id: string) {
  const run = await repo.findRun(deps.db, id);
  if (!run || !READ_ALL.has(actor.role)) throw notFound('考核结果');
  return run.inputs as RunInputs;
}

export async function listRuns(
  deps: Deps,
  actor: Actor,
  f: { period?: string; scheme_id?: string; status?: RunStatus; year?: number },
) {
  const rows = await repo.listRuns(deps.db, {
    ...f,
    ...(READ_ALL.has(actor.role) ? {} : { statuses: ['final' as const] }),
  });
  return { items: rows.map(presentRunHead), total: rows.length };
}

const NEXT: Record<'review' | 'finalize', { from: RunStatus; to: RunStatus; zh: string }> = {
  review: { from: 'draft', to: 'reviewed', zh: '审核' },
  finalize: { from: 'reviewed', to: 'final', zh: '定稿' },
};

/** draft → reviewed → final; nothing else ever changes on a run. */
export async function advanceRun(
  deps: Deps,
  actor: Actor,
  id: string,
  step: 'review' | 'finalize',
  ctx: AuditContext,
) {
  const { from, to, zh } = NEXT[step];
  await deps.db.transaction().execute(async (trx) => {
    const run = await repo.findRun(trx, id);
    if (!run) throw notFound('考核结果');
    if (run.status !== from) {
      throw new AppError('RULE', {
        message: `考核结果当前为“${run.status}”，不能${zh}`,
        details: { rule: 'run_status', status: run.status, expected: from },
      });
    }
    const res = await repo.setRunStatus(trx, id, from, to, actor.id);
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
    await recordAudit(trx, ctx, {
      action: `assessment_run.${step}`,
      entity: 'assessment_run',
      entityId: id,
      before: { status: from },
      after: { status: to, content_hash: run.content_hash },
    });
  });
  return loadRun(deps.db, id, actor);
}

export interface DiffLine {
  region: string;
  name: string;
  field: string;
  from: string | number | null;
  to: string | number | null;
}

/** What differs between two runs (`against` is the older one): scores, ranks, flags, indicator values and points. */
export async function diffRuns(deps: Deps, actor: Actor, id: string, againstId?: string) {
  const run = await loadRun(deps.db, id, actor);
  const against = againstId ?? run.previous_run_id;
  if (!against) {
    throw new AppError('VALIDATION', {
      message: 'against: 该结果没有上一次计算，请指定对比的考核结果',
      details: [{ path: 'against', message: 'no previous run' }],
    });
  }
  const old = await loadRun(deps.db, against, actor);
  const oldBy = new Map(old.results.map((r) => [r.region, r]));
  const changes: DiffLine[] = [];
  const regions = run.results.map((r) => {
    const o = oldBy.get(r.region);
    const push = (field: string, from: string | number | null, to: string | number | null) => {
      if (from !== to) changes.push({ region: r.region, name: r.name, field, from, to });
    };
    push('score', o?.score ?? null, r.score);
    push('rank', o?.rank ?? null, r.rank);
    push('flags', o ? o.flags.join(',') : null, r.flags.join(','));
    const oldLines = new Map((o?.breakdown ?? []).map((b) => [b.indicator, b]));
    const indicators = r.breakdown.map((b) => {
      const ob = oldLines.get(b.indicator);
      push(`${b.indicator}.value`, ob?.value ?? null, b.value);
      push(`${b.indicator}.points`, ob?.points ?? null, b.points);
      return {
        indicator: b.indicator,
        name: b.name,
        value_from: ob?.value ?? null,
        value_to: b.value,
        points_from: ob?.points ?? null,
        points_to: b.points,
      };
    });
    for (const ob of o?.breakdown ?? []) {
      if (!r.breakdown.some((b) => b.indicator === ob.indicator)) {
        push(`${ob.indicator}.points`, ob.points, null);
      }
    }
    return {
      region: r.region,
      name: r.name,
      score_from: o?.score ?? null,
      score_to: r.score,
      rank_from: o?.rank ?? null,
      rank_to: r.rank,
      flags_from: o?.flags ?? null,
      flags_to: r.flags,
      indicators,
    };
  });
  return {
    run: { id: run.id, period: run.period, scheme_version: run.scheme_version, status: run.status },
    against: { id: old.id, period: old.period, scheme_version: old.scheme_version, status: old.status },
    same_scheme_version: run.scheme_id === old.scheme_id && run.scheme_version === old.scheme_version,
    changes,
    regions,
  };
}

/**
 * One region's score opened into its inputs: each indicator → the metric value and its figures → the
 * entries or projects behind it, recomputed now under the run's frozen parameters. `matches_run` says
 * whether they still add up to the frozen figures (an entry found false later, a report reopened: the run
 * keeps its numbers, the difference shows here).
 */
export async function regionDetail(deps: Deps, actor: Actor, id: string, region: string, limit = 200) {
  const run = await repo.findRun(deps.db, id);
  if (!run) throw notFound('考核结果');
  if (!READ_ALL.has(actor.role) && (run.status !== 'final' || !inRegionScope(actor.regionScope, region)))
    throw notFound('考核结果');
  const res = await repo.result(deps.db, id, region);
  if (!res) throw notFound('考核结果');
  const inputs = run.inputs as RunInputs;
  const period = parsePeriod(inputs.period)!;
  const ctx = await metricContext(deps.reader, period, inputs.parent, inputs);
  const regions = ctx.mapping.regions.filter((_, i) => ctx.mapping.rows[i] === region);
  const result = presentResult(res);
  const explained = new Map<
    string,
    Awaited<ReturnType<NonNullable<ReturnType<typeof metricOf>>['explain']>>
  >();
  const metricsUsed = [...new Set(result.breakdown.map((b) => b.metric))];
  for (const m of metricsUsed) {
    const def = METRICS.get(m);
    if (def) explained.set(m, await def.explain(ctx, region, regions, limit));
  }
  const { inputs: _i, ...head } = run;
  return {
    run: {
      ...presentRunHead(head),
      factor: inputs.factor,
      end_month: inputs.end_month,
      rows: inputs.rows.length,
    },
    ...result,
    target: inputs.targets.find((t) => t.region === region) ?? null,
    indicators: result.breakdown.map((b) => {
      const e = explained.get(b.metric);
      const def = METRICS.get(b.metric);
      return {
        ...b,
        metric_name: def?.name ?? { zh: b.metric, en: b.metric },
        metric_unit: def?.unit ?? 'ratio',
        metric_description: def?.description ?? null,
        explanation: e ?? null,
        matches_run: e ? matches(b, e.totals) : null,
      };
    }),
  };
}

/** Do the items found now add up to the figures the run froze? (totals carry the names of the inputs) */
function matches(b: BreakdownLine, totals: Record<string, string | number | null>): boolean {
  return Object.entries(b.inputs).every(([k, v]) => !(k in totals) || k === 'entries' || totals[k] === v);
}

export function canManage(actor: Actor) {
  return isOffice(actor);
}
