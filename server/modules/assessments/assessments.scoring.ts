import { dec, money, type Dec } from '../../../shared/money.ts';
import type {
  Indicator,
  IndicatorGroup,
  InterviewReason,
  RunFlag,
  ScoringRule,
} from '../../../shared/schemas/assessments.ts';
import type { MetricValue } from './metrics.ts';

/**
 * The scoring engine, a pure function of the scheme's indicators and the metric values, so that every
 * score can be checked by hand:
 *
 * - linear: points = weight × min(value ÷ target, cap), never below 0; target = the rule's `target_value`,
 *   else the metric's benchmark (completion: 1). A target of 0: full weight when value ≥ 0.
 * - steps:  the points of the highest threshold `min` that the value reaches; below every threshold: 0.
 * - rank:   regions ranked by value (highest first, equal values share a rank: 1, 1, 3); points of that
 *           position, `default` beyond the list.
 * - A metric value that is `exempt` (a zero target: no task assigned) scores the full weight; a value that
 *   cannot be computed (null) scores 0 (`rank`: `default`).
 * Points are rounded to 2 decimals (half up) and the score is their sum.
 *
 * Ranking: score, highest first; equal scores are ordered by the scale (规模) points; equal on both share a
 * rank (competition ranking 1, 1, 3).
 * Flags, with n regions and k = min(3, ⌊n/2⌋) (with fewer than six regions the top and the bottom groups
 * shrink so that they never overlap; with a single region there is no ranking flag at all):
 * - award:     rank ≤ k, i.e. fewer than k regions rank strictly better (the top three; a tie on the boundary
 *              includes every tied region);
 * - interview: fewer than k regions rank strictly worse (the bottom three; every region tied for the last
 *              places is included) unless the region is awarded (a tie spanning both boundaries stays awarded),
 *              or the region missed its pro-rated domestic or foreign target (actual < target × elapsed share,
 *              target > 0).
 */

export interface KindFigure {
  actual: string;
  annual_target: string | null;
  target: string | null;
  completion: string | null;
  /** below the pro-rated target; null without a target */
  missed: boolean | null;
}

export interface RegionInput {
  region: string;
  name: string;
  /** metric id → value */
  values: Record<string, MetricValue>;
  figures: { domestic: KindFigure; foreign: KindFigure };
}

export interface BreakdownLine {
  indicator: string;
  name: string;
  group: IndicatorGroup;
  metric: string;
  weight: string;
  rule: ScoringRule;
  value: string | null;
  /** what the value was compared against (linear), or null */
  target: string | null;
  points: string;
  exempt: boolean;
  inputs: MetricValue['inputs'];
  /** how the points came about, e.g. `40 × min(0.8125 ÷ 1, 1) = 32.50` */
  formula: string;
  /** rank of the value among the regions (rank rule) */
  value_rank?: number | null;
  note?: string;
}

export interface RegionResult {
  region: string;
  name: string;
  score: string;
  scale_score: string;
  quality_score: string;
  rank: number;
  flags: RunFlag[];
  interview_reasons: InterviewReason[];
  figures: { domestic: KindFigure; foreign: KindFigure };
  breakdown: BreakdownLine[];
}

const ZERO = () => dec(0);

function clamp(v: Dec, lo: Dec, hi: Dec): Dec {
  return v.lessThan(lo) ? lo : v.greaterThan(hi) ? hi : v;
}

/** Competition ranks (1, 1, 3) of values, highest first; null values get null. */
export function competitionRanks(values: Array<string | null>): Array<number | null> {
  const present = values.filter((v): v is string => v !== null).map((v) => dec(v));
  return values.map((v) => {
    if (v === null) return null;
    const d = dec(v);
    return 1 + present.filter((o) => o.greaterThan(d)).length;
  });
}

function scoreLinear(
  rule: Extract<ScoringRule, { type: 'linear' }>,
  weight: Dec,
  mv: MetricValue,
): Pick<BreakdownLine, 'points' | 'target' | 'formula' | 'note'> {
  const target = rule.target_value ?? mv.benchmark;
  if (mv.value === null)
    return { points: money(0), target, formula: `无值 → 0`, note: mv.note ?? 'no_value' };
  if (target === null) return { points: money(0), target: null, formula: `无基准 → 0`, note: 'no_target' };
  const t = dec(target);
  const v = dec(mv.value);
  if (t.isZero()) {
    const points = v.isNegative() ? ZERO() : weight;
    return { points: money(points), target, formula: `目标为 0 → ${money(points)}` };
  }
  const cap = dec(rule.cap);
  const points = weight.times(clamp(v.div(t), ZERO(), cap));
  return {
    points: money(points),
    target,
    formula: `${weight.toString()} × min(${mv.value} ÷ ${target}, ${rule.cap}) = ${money(points)}`,
  };
}

function scoreSteps(
  rule: Extract<ScoringRule, { type: 'steps' }>,
  mv: MetricValue,
): Pick<BreakdownLine, 'points' | 'target' | 'formula' | 'note'> {
  if (mv.value === null)
    return { points: money(0), target: null, formula: '无值 → 0', note: mv.note ?? 'no_value' };
  const v = dec(mv.value);
  const reached = [...rule.steps]
    .map(([min, points]) => ({ min: dec(min), points: dec(points), text: min }))
    .sort((a, b) => a.min.comparedTo(b.min))
    .filter((s) => v.greaterThanOrEqualTo(s.min))
    .pop();
  if (!reached) return { points: money(0), target: null, formula: `${mv.value} 未达最低档 → 0` };
  return {
    points: money(reached.points),
    target: null,
    formula: `${mv.value} ≥ ${reached.text} → ${money(reached.points)}`,
  };
}

function scoreRank(
  rule: Extract<ScoringRule, { type: 'rank' }>,
  mv: MetricValue,
  valueRank: number | null,
): Pick<BreakdownLine, 'points' | 'target' | 'formula' | 'note'> {
  if (valueRank === null)
    return {
      points: money(rule.default),
      target: null,
      formula: `无值 → ${money(rule.default)}`,
      note: mv.note ?? 'no_value',
    };
  const p = rule.points[valueRank - 1] ?? rule.default;
  return { points: money(p), target: null, formula: `第 ${valueRank} 名 → ${money(p)}` };
}

function missed(f: KindFigure): boolean {
  return f.missed === true;
}

/** Scores, ranks and flags every region (see the module comment for every rule). */
export function scoreRegions(indicators: Indicator[], regions: RegionInput[]): RegionResult[] {
  // rank positions of each rank-rule indicator's values, exempt regions first
  const valueRanks = new Map<string, Array<number | null>>();
  for (const ind of indicators) {
    if (ind.rule.type !== 'rank') continue;
    valueRanks.set(
      ind.key,
      competitionRanks(
        regions.map((r) => {
          const mv = r.values[ind.metric];
          return mv && !mv.exempt ? mv.value : null;
        }),
      ),
    );
  }

  const scored = regions.map((r, i) => {
    const breakdown: BreakdownLine[] = indicators.map((ind) => {
      const mv: MetricValue = r.values[ind.metric] ?? {
        value: null,
        benchmark: null,
        exempt: false,
        inputs: {},
        note: 'unknown_metric',
      };
      const weight = dec(ind.weight);
      const valueRank = valueRanks.get(ind.key)?.[i] ?? null;
      const res = mv.exempt
        ? { points: money(weight), target: null, formula: `无任务（目标为 0）→ 满分 ${money(weight)}` }
        : ind.rule.type === 'linear'
          ? scoreLinear(ind.rule, weight, mv)
          : ind.rule.type === 'steps'
            ? scoreSteps(ind.rule, mv)
            : scoreRank(ind.rule, mv, valueRank);
      return {
        indicator: ind.key,
        name: ind.name,
        group: ind.group,
        metric: ind.metric,
        weight: money(weight),
        rule: ind.rule,
        value: mv.value,
        exempt: mv.exempt,
        inputs: mv.inputs,
        ...res,
        ...(ind.rule.type === 'rank' ? { value_rank: mv.exempt ? null : valueRank } : {}),
        ...(mv.note && !('note' in res && res.note) ? { note: mv.note } : {}),
      };
    });
    const sum = (g?: IndicatorGroup) =>
      breakdown.filter((b) => !g || b.group === g).reduce((s, b) => s.plus(dec(b.points)), dec(0));
    return { r, breakdown, score: sum(), scale: sum('scale'), quality: sum('quality') };
  });

  const n = scored.length;
  const k = Math.min(3, Math.floor(n / 2));
  type Scored = (typeof scored)[number];
  const outranks = (a: Scored, b: Scored) =>
    a.score.greaterThan(b.score) || (a.score.equals(b.score) && a.scale.greaterThan(b.scale));
  return scored.map((s) => {
    const better = scored.filter((o) => outranks(o, s)).length;
    const worse = scored.filter((o) => outranks(s, o)).length;
    const rank = better + 1;
    const award = rank <= k;
    const reasons: InterviewReason[] = [];
    if (missed(s.r.figures.domestic)) reasons.push('domestic_target');
    if (missed(s.r.figures.foreign)) reasons.push('foreign_target');
    if (worse < k && !award) reasons.push('bottom_three');
    const flags: RunFlag[] = [];
    if (award) flags.push('award');
    if (reasons.length) flags.push('interview');
    return {
      region: s.r.region,
      name: s.r.name,
      score: money(s.score),
      scale_score: money(s.scale),
      quality_score: money(s.quality),
      rank,
      flags,
      interview_reasons: reasons,
      figures: s.r.figures,
      breakdown: s.breakdown,
    };
  });
}

/** The pro-rated figure of a kind from its completion metric value. */
export function kindFigure(mv: MetricValue): KindFigure {
  const actual = String(mv.inputs.actual ?? '0.00');
  const target = (mv.inputs.target as string | null) ?? null;
  const hasTarget = target !== null && !dec(target).isZero();
  return {
    actual,
    annual_target: (mv.inputs.annual_target as string | null) ?? null,
    target,
    completion: hasTarget ? mv.value : null,
    missed: hasTarget ? dec(actual).lessThan(dec(target)) : null,
  };
}
