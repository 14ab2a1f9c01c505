import type { ExplainItem } from '../../../shared/schemas/assessments.ts';
import type { Kysely } from 'kysely';
import { dec, money, ratio } from '../../../shared/money.ts';
import { formatMonth, monthEnd } from '../../../shared/month.ts';
import type { PeriodInfo } from '../../../shared/schemas/assessments.ts';
import type { DB } from '../../db/schema.ts';
import { approvedSums, type SumRow } from '../bulletins/bulletins.repository.ts';
import * as mrepo from './metrics.repository.ts';

/**
 * The metric catalog (指标库): every metric an assessment scheme can score, as a registry. An entry says
 * what the metric is (names, unit), how to compute it for every row region of a run (the regions directly
 * under the root) and how to explain one row's value down to the entries or projects behind it.
 *
 * Periods are cumulative from January (2026Q3 = January–September) and annual targets are pro-rated by
 * elapsed time (`factor` = months / 12: H1 = ½, Q3 = ¾). Ratios are decimal strings with 4 decimals; scoring
 * uses the value as shown, so that anyone can check a score by hand.
 *
 * A new metric (a demand handling rate, say) is one more entry in `METRICS`: nothing in the engine changes.
 */

export type MetricUnit = 'ratio' | 'count';

export interface MetricValue {
  /** the value scored: a ratio with 4 decimals or a count; null when it cannot be computed */
  value: string | null;
  /** the metric's own benchmark for a linear rule without `target_value` (completion: 1; Beijing share: 1/3) */
  benchmark: string | null;
  /** no task was assigned (a zero target): the indicator scores its full weight */
  exempt: boolean;
  /** the figures the value came from (amounts as decimal strings, counts as numbers) */
  inputs: Record<string, string | number | null>;
  /** why there is no value, or what to know about it */
  note?: string;
}

export interface AssessmentSettings {
  strategic: mrepo.IndustryFilter;
  investors: mrepo.InvestorFilter;
}

export const DEFAULT_INVESTORS: mrepo.InvestorFilter = {
  top500Tags: ['private500', 'global500'],
  centralSoe: true,
};

/** Everything a metric needs to compute: the period, the rows and their regions, targets, settings. */
export interface MetricContext {
  db: Kysely<DB>;
  period: PeriodInfo;
  /** `YYYY-01-01` */
  start: string;
  /** the first day of the period's last month (entries are keyed on months) */
  endMonth: string;
  /** the last day of the period (transitions are keyed on dates) */
  endDate: string;
  prevStart: string;
  prevEndMonth: string;
  parentPrefix: string;
  rows: Array<{ code: string; name: string }>;
  mapping: mrepo.Mapping;
  /** the annual targets of each row and of the root */
  targets: Map<string, mrepo.TargetRow>;
  rootTarget: mrepo.TargetRow | null;
  settings: AssessmentSettings;
  /** memoises the queries several metrics share (approved sums, share sums) */
  once<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export type { ExplainItem };

export interface MetricExplanation {
  /** what the items are and how they add up to the value */
  basis: { zh: string; en: string };
  items: ExplainItem[];
  /** how many items there are in all (the list stops at the limit) */
  total_items: number;
  truncated: boolean;
  /** the sums/counts of every item, recomputed now: compare with the run's frozen inputs */
  totals: Record<string, string | number | null>;
}

export interface MetricDef {
  id: string;
  name: { zh: string; en: string };
  unit: MetricUnit;
  description: { zh: string; en: string };
  /** what a linear rule without `target_value` compares against, or null when the rule must give one */
  benchmark: { zh: string; en: string } | null;
  compute(ctx: MetricContext): Promise<Map<string, MetricValue>>;
  explain(ctx: MetricContext, row: string, regions: string[], limit: number): Promise<MetricExplanation>;
}

// ---- shared figures --------------------------------------------------------------------------------------

/** Approved ytd / ytd_beijing / ytd_prev per row and kind: the bulletin's own query over the rollup. */
function approved(ctx: MetricContext): Promise<SumRow[]> {
  return ctx.once('approvedSums', () =>
    approvedSums(ctx.db, ctx.mapping, ctx.parentPrefix, {
      month: ctx.endMonth,
      yearStart: ctx.start,
      prevStart: ctx.prevStart,
      prevMonth: ctx.prevEndMonth,
    }),
  );
}

function sumOf(rows: SumRow[], row: string, kind: string) {
  const s = rows.find((x) => x.row === row && x.kind === kind);
  return { ytd: money(s?.ytd), beijing: money(s?.ytd_beijing), prev: money(s?.ytd_prev) };
}

function shares(ctx: MetricContext): Promise<mrepo.ShareRow[]> {
  return ctx.once('shareSums', () =>
    mrepo.shareSums(ctx.db, ctx.mapping, ctx.parentPrefix, ctx.start, ctx.endMonth),
  );
}

/** The annual target pro-rated by elapsed time, two decimals. */
export function proRate(annual: string, factor: string): string {
  return money(dec(annual).times(dec(factor)));
}

/** Completion of a kind against the pro-rated target: the base of the interview flag and of the scale indicators. */
export function completionValue(actual: string, annual: string | null, factor: string): MetricValue {
  const target = annual === null ? null : proRate(annual, factor);
  const inputs = {
    actual: money(actual),
    annual_target: annual === null ? null : money(annual),
    factor,
    target,
  };
  if (target === null) return { value: null, benchmark: '1', exempt: false, inputs, note: 'no_target' };
  if (dec(target).isZero()) return { value: null, benchmark: '1', exempt: true, inputs, note: 'zero_target' };
  return { value: ratio(actual, target), benchmark: '1', exempt: false, inputs };
}

function completionMetric(kind: 'domestic' | 'foreign'): MetricDef {
  const zh = kind === 'domestic' ? '实际利用内资' : '实际使用外资';
  const en = kind === 'domestic' ? 'domestic capital' : 'foreign capital';
  const unit = kind === 'domestic' ? '万元' : '万美元';
  return {
    id: `${kind}_completion`,
    name: { zh: `${zh}完成率`, en: `${en[0].toUpperCase()}${en.slice(1)} completion` },
    unit: 'ratio',
    description: {
      zh: `已审核的${zh}（${unit}）÷ 按时间进度折算的年度目标（时间过半、任务过半）。目标为 0 的地区视为无任务，得满分；未设目标的地区无值，得 0 分。`,
      en: `Approved ${en} ÷ the annual target pro-rated by elapsed time. A region with a zero target has no task and scores full marks; one without a target has no value and scores 0.`,
    },
    benchmark: { zh: '100%', en: '100%' },
    async compute(ctx) {
      const sums = await approved(ctx);
      const out = new Map<string, MetricValue>();
      for (const r of ctx.rows) {
        const t = ctx.targets.get(r.code);
        out.set(
          r.code,
          completionValue(
            sumOf(sums, r.code, kind).ytd,
            t ? (kind === 'domestic' ? t.domestic : t.foreign) : null,
            ctx.period.factor,
          ),
        );
      }
      return out;
    },
    explain: (ctx, _row, regions, limit) =>
      explainEntries(ctx, regions, kind, limit, {
        withPrevious: false,
        counted: () => true,
        totals: (t) => ({ actual: money(t.total) }),
        basis: {
          zh: `${ctx.period.year}年1—${ctx.period.endMonth}月已审核的${zh}记录，合计即完成额`,
          en: `Approved ${en} entries of January–month ${ctx.period.endMonth}; their sum is the actual amount`,
        },
      }),
  };
}

type EntryFlag = 'top500' | 'strategic' | 'beijing';

/** A share of approved domestic capital (top-500 investors, strategic industries, Beijing origin). */
function shareMetric(opts: {
  id: string;
  flag: EntryFlag;
  name: { zh: string; en: string };
  description: { zh: string; en: string };
  benchmark: MetricDef['benchmark'];
  benchmarkOf?: (ctx: MetricContext, row: string) => string | null;
}): MetricDef {
  return {
    id: opts.id,
    name: opts.name,
    unit: 'ratio',
    description: opts.description,
    benchmark: opts.benchmark,
    async compute(ctx) {
      const out = new Map<string, MetricValue>();
      if (opts.flag === 'beijing') {
        const sums = await approved(ctx);
        for (const r of ctx.rows) {
          const s = sumOf(sums, r.code, 'domestic');
          out.set(r.code, share(s.beijing, s.ytd, opts.benchmarkOf?.(ctx, r.code) ?? null));
        }
        return out;
      }
      const rows = await shares(ctx);
      for (const r of ctx.rows) {
        const s = rows.find((x) => x.row === r.code && x.kind === 'domestic');
        out.set(
          r.code,
          share(money(s?.[opts.flag]), money(s?.total), opts.benchmarkOf?.(ctx, r.code) ?? null),
        );
      }
      return out;
    },
    explain: (ctx, _row, regions, limit) =>
      explainEntries(ctx, regions, 'domestic', limit, {
        withPrevious: false,
        counted: (e) => e[opts.flag],
        totals: (t) => ({ numerator: money(t[opts.flag]), denominator: money(t.total) }),
        basis: {
          zh: '已审核的内资记录；“计入”者之和 ÷ 全部之和即占比',
          en: 'Approved domestic entries; the counted ones divided by all of them is the share',
        },
      }),
  };
}

function share(part: string, total: string, benchmark: string | null): MetricValue {
  const inputs = { numerator: part, denominator: total };
  if (dec(total).isZero()) return { value: null, benchmark, exempt: false, inputs, note: 'no_capital' };
  return { value: ratio(part, total), benchmark, exempt: false, inputs };
}

async function explainEntries(
  ctx: MetricContext,
  regions: string[],
  kind: 'domestic' | 'foreign',
  limit: number,
  opts: {
    withPrevious: boolean;
    counted: (e: mrepo.EntryItemRow) => boolean;
    /** the totals under the names of the metric's inputs, so that they can be compared with the run */
    totals: (t: mrepo.EntryTotalsRow) => Record<string, string | number | null>;
    basis: { zh: string; en: string };
  },
): Promise<MetricExplanation> {
  const { withPrevious, counted, basis } = opts;
  const range = {
    from: ctx.start,
    to: ctx.endMonth,
    ...(withPrevious ? { prevFrom: ctx.prevStart, prevTo: ctx.prevEndMonth } : {}),
  };
  const [rows, totals] = await Promise.all([
    mrepo.entryItems(ctx.db, regions, kind, range, limit + 1),
    mrepo.entryTotals(ctx.db, regions, kind, range),
  ]);
  const items: ExplainItem[] = rows.slice(0, limit).map((e) => ({
    type: 'entry',
    id: e.id,
    project_id: e.project_id,
    project_code: e.project_code,
    project_name: e.project_name,
    region: e.region,
    month: e.month,
    kind: e.kind,
    amount: money(e.amount),
    investor_id: e.investor_id,
    investor_name: e.investor_name,
    industry: e.industry,
    industry_name: e.industry_name,
    counted: !e.previous && counted(e),
    previous: e.previous,
    labels: [
      ...(e.top500 ? ['top500'] : []),
      ...(e.strategic ? ['strategic'] : []),
      ...(e.beijing ? ['beijing'] : []),
      ...(e.previous ? ['previous_year'] : []),
    ],
  }));
  return {
    basis,
    items,
    total_items: totals.entries,
    truncated: rows.length > limit,
    totals: { entries: totals.entries, ...opts.totals(totals) },
  };
}

function projectItems(rows: mrepo.ProjectItemRow[], limit: number, labels: string[]): ExplainItem[] {
  return rows.slice(0, limit).map((p) => ({ type: 'project', ...p, counted: true, labels }));
}

/** A count of projects that reached a stage in the period. */
function stageMetric(opts: {
  id: string;
  stage: string;
  keyOnly: boolean;
  name: { zh: string; en: string };
  description: { zh: string; en: string };
}): MetricDef {
  return {
    id: opts.id,
    name: opts.name,
    unit: 'count',
    description: opts.description,
    benchmark: null,
    async compute(ctx) {
      const counts = await mrepo.stageCounts(
        ctx.db,
        ctx.mapping,
        opts.stage,
        ctx.start,
        ctx.endDate,
        opts.keyOnly,
      );
      const out = new Map<string, MetricValue>();
      for (const r of ctx.rows) {
        const n = counts.find((c) => c.row === r.code)?.n ?? 0;
        out.set(r.code, { value: String(n), benchmark: null, exempt: false, inputs: { count: n } });
      }
      return out;
    },
    async explain(ctx, _row, regions, limit) {
      const rows = await mrepo.stageItems(
        ctx.db,
        regions,
        opts.stage,
        ctx.start,
        ctx.endDate,
        opts.keyOnly,
        100_000,
      );
      return {
        basis: {
          zh: `${ctx.start} 至 ${ctx.endDate} 进入“${opts.stage === 'construction' ? '开工' : '签约'}”阶段的${opts.keyOnly ? '重点（重大）' : ''}项目`,
          en: `${opts.keyOnly ? 'Key or major projects' : 'Projects'} that reached “${opts.stage}” between ${ctx.start} and ${ctx.endDate}`,
        },
        items: projectItems(rows, limit, [opts.stage]),
        total_items: rows.length,
        truncated: rows.length > limit,
        totals: { count: rows.length },
      };
    },
  };
}

const rowTarget = (ctx: MetricContext, row: string) => ctx.targets.get(row) ?? null;

// ---- the catalog -----------------------------------------------------------------------------------------

const METRIC_LIST: MetricDef[] = [
  completionMetric('domestic'),
  completionMetric('foreign'),
  {
    id: 'domestic_growth',
    name: { zh: '实际利用内资增长率', en: 'Growth of domestic capital' },
    unit: 'ratio',
    description: {
      zh: '（本期已审核内资 − 上年同期）÷ 上年同期；上年同期为 0 时无值。基准为年度目标中的增长率（本区，或全市）。',
      en: "(approved domestic capital − the same months of last year) ÷ last year's; none when last year's is 0. Benchmark: the growth-rate target (the region's, else the city's).",
    },
    benchmark: { zh: '增长率目标', en: 'the growth-rate target' },
    async compute(ctx) {
      const sums = await approved(ctx);
      const out = new Map<string, MetricValue>();
      for (const r of ctx.rows) {
        const s = sumOf(sums, r.code, 'domestic');
        const benchmark = rowTarget(ctx, r.code)?.growth_rate ?? ctx.rootTarget?.growth_rate ?? null;
        const inputs = { current: s.ytd, previous: s.prev };
        out.set(
          r.code,
          dec(s.prev).isZero()
            ? { value: null, benchmark, exempt: false, inputs, note: 'no_previous_year' }
            : {
                value: ratio(dec(s.ytd).minus(dec(s.prev)), s.prev),
                benchmark: benchmark === null ? null : dec(benchmark).toFixed(4),
                exempt: false,
                inputs,
              },
        );
      }
      return out;
    },
    explain: (ctx, _row, regions, limit) =>
      explainEntries(ctx, regions, 'domestic', limit, {
        withPrevious: true,
        counted: () => true,
        totals: (t) => ({ current: money(t.total), previous: money(t.previous_total) }),
        basis: {
          zh: '本期与上年同期已审核的内资记录（“上年同期”标注者为对比基数）',
          en: 'Approved domestic entries of this period and of the same months last year (marked previous year)',
        },
      }),
  },
  shareMetric({
    id: 'beijing_share',
    flag: 'beijing',
    name: { zh: '北京来源投资占比', en: 'Beijing share of domestic capital' },
    description: {
      zh: '已审核内资中投资方来源地为北京的部分所占比重；基准为年度目标中的北京占比（默认 1/3）。',
      en: 'Share of approved domestic capital whose investor comes from Beijing; benchmark: the Beijing-share target (1/3 by default).',
    },
    benchmark: { zh: '北京占比目标（默认 1/3）', en: 'the Beijing-share target (1/3 by default)' },
    benchmarkOf: (ctx, row) =>
      dec(rowTarget(ctx, row)?.beijing_share ?? ctx.rootTarget?.beijing_share ?? '0.3333').toFixed(4),
  }),
  shareMetric({
    id: 'top500_share',
    flag: 'top500',
    name: { zh: '500强及央企投资占比', en: 'Share from top-500 and central-SOE investors' },
    description: {
      zh: '已审核内资中来自民营500强、世界500强或中央企业投资方的部分所占比重。',
      en: 'Share of approved domestic capital from private top-500, Fortune Global 500 or central-SOE investors.',
    },
    benchmark: null,
  }),
  stageMetric({
    id: 'key_projects_started',
    stage: 'construction',
    keyOnly: true,
    name: { zh: '重点项目开工数', en: 'Key projects started' },
    description: {
      zh: '本期内进入“开工”阶段的市/区重点项目及重大项目个数（以项目阶段变更记录的日期为准）。',
      en: 'Key (city/district) or major projects that reached construction in the period (by the date of the stage change).',
    },
  }),
  shareMetric({
    id: 'strategic_share',
    flag: 'strategic',
    name: { zh: '战略性新兴产业投资占比', en: 'Strategic emerging industry share' },
    description: {
      zh: '已审核内资中投向战略性新兴产业（可配置的国民经济行业代码清单）的部分所占比重。',
      en: 'Share of approved domestic capital in strategic emerging industries (a configurable list of GB/T 4754 codes).',
    },
    benchmark: null,
  }),
  {
    id: 'top500_introduced',
    name: { zh: '引进500强企业数', en: 'Top-500 enterprises introduced' },
    unit: 'count',
    description: {
      zh: '本期内首次在本区签约项目的民营500强、世界500强企业个数（按投资方去重）；基准为年度目标中的500强企业数，按时间进度折算。',
      en: 'Distinct private top-500 / Global 500 investors whose first project in the region was signed in the period; benchmark: the top-500 target pro-rated.',
    },
    benchmark: { zh: '500强企业数目标（按时间进度折算）', en: 'the top-500 target, pro-rated' },
    async compute(ctx) {
      const counts = await mrepo.top500Introduced(
        ctx.db,
        ctx.mapping,
        ctx.settings.investors.top500Tags,
        ctx.start,
        ctx.endDate,
      );
      const out = new Map<string, MetricValue>();
      for (const r of ctx.rows) {
        const n = counts.find((c) => c.row === r.code)?.n ?? 0;
        const annual = rowTarget(ctx, r.code)?.top500_count ?? null;
        out.set(r.code, {
          value: String(n),
          benchmark: annual === null ? null : dec(annual).times(dec(ctx.period.factor)).toFixed(2),
          exempt: false,
          inputs: { count: n, annual_target: annual },
        });
      }
      return out;
    },
    async explain(ctx, _row, regions, limit) {
      const rows = await mrepo.top500Items(
        ctx.db,
        regions,
        ctx.settings.investors.top500Tags,
        ctx.start,
        ctx.endDate,
        100_000,
      );
      return {
        basis: {
          zh: '本期内首次在本区签约的500强企业及其首个签约项目',
          en: 'Top-500 investors whose first signing in the region fell in the period, with that project',
        },
        items: projectItems(rows, limit, ['top500', 'signed']),
        total_items: rows.length,
        truncated: rows.length > limit,
        totals: { count: rows.length },
      };
    },
  },
  stageMetric({
    id: 'projects_signed',
    stage: 'signed',
    keyOnly: false,
    name: { zh: '签约项目数', en: 'Projects signed' },
    description: {
      zh: '本期内进入“签约”阶段的项目个数。',
      en: 'Projects that reached the signed stage in the period.',
    },
  }),
];

export const METRICS: ReadonlyMap<string, MetricDef> = new Map(METRIC_LIST.map((m) => [m.id, m]));

export function metricOf(id: string): MetricDef | undefined {
  return METRICS.get(id);
}

/** The catalog as the API lists it. */
export function catalog() {
  return METRIC_LIST.map((m) => ({
    id: m.id,
    name: m.name,
    unit: m.unit,
    description: m.description,
    benchmark: m.benchmark,
  }));
}

/** The dates a period covers, for the context. */
export function periodDates(p: PeriodInfo) {
  const endMonth = formatMonth(p.year, p.endMonth);
  return {
    start: `${p.year}-01-01`,
    endMonth: `${endMonth}-01`,
    endDate: monthEnd(endMonth),
    prevStart: `${p.year - 1}-01-01`,
    prevEndMonth: `${formatMonth(p.year - 1, p.endMonth)}-01`,
  };
}
