import { z } from 'zod';

/**
 * Assessment schemes (考核办法) as data (SPEC §3.3): the wire shapes of schemes, indicators and scoring
 * rules, and the periods a run can cover. Both the server (validation) and the web (types) use them.
 */

export const INDICATOR_GROUPS = ['scale', 'quality'] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];

export const SCHEME_STATUSES = ['draft', 'active', 'archived'] as const;
export type SchemeStatus = (typeof SCHEME_STATUSES)[number];

export const RUN_STATUSES = ['draft', 'reviewed', 'final'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const INTERVIEW_STATUSES = ['planned', 'held', 'rectifying', 'closed'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export const INTERVIEW_REASONS = ['domestic_target', 'foreign_target', 'bottom_three'] as const;
export type InterviewReason = (typeof INTERVIEW_REASONS)[number];

export type RunFlag = 'interview' | 'award';

/** A non-negative decimal as a string (`"40"`, `"0.3"`, `"1.2"`): weights, points, thresholds, caps. */
export const decimalSchema = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,4})?$/, '须为不小于 0、最多四位小数的数字字符串，如 "40" 或 "0.3"');

/** `2026Q1`..`2026Q4`, `2026H1`, `2026`: cumulative from January to the end of the period. */
export const PERIOD_PATTERN = /^(\d{4})(Q[1-4]|H1)?$/;
export const periodSchema = z.string().trim().regex(PERIOD_PATTERN, '须为 YYYY、YYYYH1 或 YYYYQ1–Q4');

/** linear: points = weight × min(value ÷ target, cap), never below 0. `target_value` null: the metric's own benchmark. */
export const linearRuleSchema = z.strictObject({
  type: z.literal('linear'),
  target_value: decimalSchema.nullable().default(null),
  cap: decimalSchema.default('1'),
});

/** steps: the points of the highest threshold the value reaches (`[[min, points], …]`); below all: 0. */
export const stepsRuleSchema = z.strictObject({
  type: z.literal('steps'),
  steps: z
    .array(
      z.tuple([
        z
          .string()
          .trim()
          .regex(/^-?\d{1,12}(\.\d{1,4})?$/, '须为数字字符串'),
        decimalSchema,
      ]),
    )
    .min(1)
    .max(20),
});

/** rank: points by rank position among the regions (1st, 2nd, …); beyond the list or without a value: `default`. */
export const rankRuleSchema = z.strictObject({
  type: z.literal('rank'),
  points: z.array(decimalSchema).min(1).max(100),
  default: decimalSchema.default('0'),
});

export const ruleSchema = z.discriminatedUnion('type', [linearRuleSchema, stepsRuleSchema, rankRuleSchema]);
export type ScoringRule = z.output<typeof ruleSchema>;
export type RuleType = ScoringRule['type'];

export const indicatorSchema = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, '须为小写字母开头的字母、数字或下划线'),
  name: z.string().trim().min(1).max(60),
  group: z.enum(INDICATOR_GROUPS),
  metric: z.string().trim().min(1).max(60),
  weight: decimalSchema,
  rule: ruleSchema,
});
export type Indicator = z.output<typeof indicatorSchema>;

export const schemeInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  effective_year: z.number().int().min(2000).max(2100),
  status: z.enum(SCHEME_STATUSES).optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
  indicators: z.array(indicatorSchema).min(1).max(30),
});
export type SchemeInput = z.output<typeof schemeInputSchema>;

export const schemeUpdateSchema = schemeInputSchema.extend({
  /** the scheme's `revision` as the editor read it: a stale one answers 409 */
  revision: z.number().int().min(1),
});
export type SchemeUpdate = z.output<typeof schemeUpdateSchema>;

export interface PeriodInfo {
  period: string;
  year: number;
  /** the last month of the period, 1..12 */
  endMonth: number;
  /** share of the annual target due by the end of the period: endMonth / 12 as a decimal string */
  factor: string;
  kind: 'quarter' | 'half' | 'year';
}

/** Parses `2026Q3` → months 1..9 of 2026, factor 0.75; null when it is not a period. */
export function parsePeriod(period: string): PeriodInfo | null {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const part = m[2];
  let endMonth = 12;
  let kind: PeriodInfo['kind'] = 'year';
  if (part === 'H1') {
    endMonth = 6;
    kind = 'half';
  } else if (part?.startsWith('Q')) {
    endMonth = Number(part.slice(1)) * 3;
    kind = 'quarter';
  }
  const factors: Record<number, string> = { 3: '0.25', 6: '0.5', 9: '0.75', 12: '1' };
  return { period, year, endMonth, factor: factors[endMonth], kind };
}

/** `2026H1` → `2026年上半年`, `2026Q3` → `2026年1—3季度`, `2026` → `2026年度`. */
export function periodLabelZh(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (p.kind === 'year') return `${p.year}年度`;
  if (p.kind === 'half') return `${p.year}年上半年`;
  const q = p.endMonth / 3;
  return q === 1 ? `${p.year}年一季度` : `${p.year}年1—${q}季度`;
}

export function periodLabelEn(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  if (p.kind === 'year') return `${p.year} (full year)`;
  if (p.kind === 'half') return `${p.year} first half`;
  const q = p.endMonth / 3;
  return q === 1 ? `${p.year} Q1` : `${p.year} Q1–Q${q}`;
}

/** One item behind an assessment figure (an entry or a project), as the breakdown API returns it. */
export type ExplainItem =
  | {
      type: 'entry';
      id: string;
      project_id: string;
      project_code: string;
      project_name: string;
      region: string;
      month: string;
      kind: string;
      amount: string;
      investor_id: string;
      investor_name: string;
      industry: string;
      industry_name: string | null;
      /** counted in the metric's numerator (a top-500 investor, a strategic industry, Beijing) */
      counted: boolean;
      /** the same months of the previous year (growth) */
      previous: boolean;
      labels: string[];
    }
  | {
      type: 'project';
      project_id: string;
      project_code: string;
      project_name: string;
      region: string;
      date: string;
      stage: string;
      key_level: string | null;
      major: boolean;
      investor_id: string;
      investor_name: string;
      counted: boolean;
      labels: string[];
    };
