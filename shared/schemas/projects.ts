import { z } from 'zod';
import { CAPITAL_KINDS, STAGES, type CapitalKind, type Stage } from '../enums.ts';
import { NON_NEGATIVE_MONEY_PATTERN } from '../money.ts';
import { isValidDate } from '../month.ts';
import { countryCode, industryCode, regionCode } from './enterprises.ts';

/**
 * The project pipeline (项目库, SPEC §3.1, §4): what a project reads and writes as, its list filters and
 * sort keys, the stage rules' vocabulary. The API validates with these schemas; the web builds its forms
 * and query strings from them.
 */
export const STAGE_LABELS: Record<Stage, string> = {
  lead: '线索',
  negotiating: '在谈',
  signed: '签约',
  registered: '注册',
  construction: '开工',
  operating: '投产/开业',
  dropped: '终止',
};
/** The live stages in pipeline order (`dropped` is reachable from each of them). */
export const PIPELINE: readonly Stage[] = STAGES.filter((s) => s !== 'dropped');
/** From `signed` on, a transition needs at least one evidence file. */
export const EVIDENCE_FROM: Stage = 'signed';
/** Screened projects (生态底线) cannot pass this stage without an office override. */
export const SCREENING_LIMIT: Stage = 'negotiating';

export function stageIndex(s: Stage): number {
  return PIPELINE.indexOf(s);
}
export function needsEvidence(to: Stage): boolean {
  return to !== 'dropped' && stageIndex(to) >= stageIndex(EVIDENCE_FROM);
}
export function beyondScreeningLimit(to: Stage): boolean {
  return to !== 'dropped' && stageIndex(to) > stageIndex(SCREENING_LIMIT);
}

export const CAPITAL_KIND_LABELS: Record<CapitalKind, string> = { domestic: '内资', foreign: '外资' };

export const KEY_LEVELS = ['city', 'district'] as const;
export type KeyLevel = (typeof KEY_LEVELS)[number];
export const KEY_LEVEL_LABELS: Record<KeyLevel, string> = { city: '市重点', district: '区重点' };

export const INTRODUCER_KINDS = [
  'event',
  'intermediary',
  'chamber',
  'liaison',
  'cloud',
  'business',
  'self',
  'other',
] as const;
export type IntroducerKind = (typeof INTRODUCER_KINDS)[number];
export const INTRODUCER_KIND_LABELS: Record<IntroducerKind, string> = {
  event: '招商活动',
  intermediary: '中介机构',
  chamber: '商会协会',
  liaison: '定点联系单位',
  cloud: '云招商',
  business: '以商招商',
  self: '自主招商',
  other: '其他',
};

/** A non-negative amount in 万元 (万美元 for foreign capital): a decimal string, ≤ 16 integer digits, ≤ 2 decimals. */
export const moneySchema = z
  .string()
  .trim()
  .regex(NON_NEGATIVE_MONEY_PATTERN, '金额须为不小于 0 的数字，最多 16 位整数、2 位小数');
export const dateSchema = z.string().refine(isValidDate, '须为有效日期 YYYY-MM-DD');
/** Where the money comes from: a GB/T 2260 region code, or an ISO 3166 alpha-2 country (not CN). */
export const originSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{6}|[A-Z]{2})$/, '须为 6 位行政区划代码或两位国家代码')
  .refine((s) => s !== 'CN', '境内来源请填写行政区划代码');

const text = (max: number) => z.string().trim().max(max).nullable().optional();

const projectFields = {
  name: z.string().trim().min(1, '请填写项目名称').max(200),
  region: regionCode,
  unit_id: z.uuid().nullable().optional(),
  investor_id: z.uuid(),
  origin: originSchema.optional(),
  capital_kind: z.enum(CAPITAL_KINDS).optional(),
  industry: industryCode,
  carrier: text(200),
  planned_amount: moneySchema.optional(),
  contracted_amount: moneySchema.nullable().optional(),
  key_level: z.enum(KEY_LEVELS).nullable().optional(),
  major: z.boolean().optional(),
  guarantor_id: z.uuid().nullable().optional(),
  responsible_unit_id: z.uuid().nullable().optional(),
  introducer: text(200),
  introducer_kind: z.enum(INTRODUCER_KINDS).nullable().optional(),
  expected_landing_date: dateSchema.nullable().optional(),
  notes: text(4000),
  polluting: z.boolean().optional(),
  outdated_capacity: z.boolean().optional(),
};

export const projectCreateSchema = z.strictObject(projectFields);
export type ProjectCreate = z.infer<typeof projectCreateSchema>;

export const projectPatchSchema = z
  .strictObject(projectFields)
  .partial()
  .extend({ version: z.number().int().min(1) });
export type ProjectPatch = z.infer<typeof projectPatchSchema>;

export const transitionSchema = z.strictObject({
  to: z.enum(STAGES),
  date: dateSchema,
  note: z.string().trim().max(2000).optional(),
  evidence: z.array(z.uuid()).max(20).optional(),
  override_reason: z.string().trim().min(1).max(2000).optional(),
});
export type TransitionInput = z.infer<typeof transitionSchema>;

/** Sort keys of the project list; `-` in front for descending, several joined with commas. */
export const PROJECT_SORT_KEYS = [
  'code',
  'name',
  'region',
  'industry',
  'investor_name',
  'stage',
  'stage_date',
  'planned_amount',
  'contracted_amount',
  'expected_landing_date',
  'key_level',
  'major',
  'created_at',
  'updated_at',
] as const;
export type ProjectSortKey = (typeof PROJECT_SORT_KEYS)[number];

const sortSchema = z
  .string()
  .trim()
  .regex(/^-?[a-z_]+(,-?[a-z_]+){0,4}$/, '排序格式如 -planned_amount,name')
  .refine(
    (s) => s.split(',').every((k) => (PROJECT_SORT_KEYS as readonly string[]).includes(k.replace(/^-/, ''))),
    `可排序字段：${PROJECT_SORT_KEYS.join(', ')}`,
  );
const bool = z.enum(['true', 'false']);
const stageList = z
  .string()
  .regex(new RegExp(`^(${STAGES.join('|')})(,(${STAGES.join('|')}))*$`), `阶段取值：${STAGES.join(', ')}`);

/** The filters of the project list, its export and the Excel export (all the same). */
export const projectFilterFields = {
  q: z.string().trim().max(100).optional(),
  region: regionCode.optional(),
  stage: stageList.optional(),
  industry: industryCode.optional(),
  capital_kind: z.enum(CAPITAL_KINDS).optional(),
  key_level: z.enum([...KEY_LEVELS, 'any', 'none']).optional(),
  major: bool.optional(),
  investor_id: z.uuid().optional(),
  unit_id: z.uuid().optional(),
  responsible_unit_id: z.uuid().optional(),
  guarantor_id: z.uuid().optional(),
  /** a region code (its subtree) or a country */
  origin: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(\d{6}|[A-Z]{2})$/)
    .optional(),
  introducer_kind: z.enum(INTRODUCER_KINDS).optional(),
  polluting: bool.optional(),
  outdated_capacity: bool.optional(),
  planned_min: moneySchema.optional(),
  planned_max: moneySchema.optional(),
  contracted_min: moneySchema.optional(),
  contracted_max: moneySchema.optional(),
  expected_from: dateSchema.optional(),
  expected_to: dateSchema.optional(),
  stage_from: dateSchema.optional(),
  stage_to: dateSchema.optional(),
  created_from: dateSchema.optional(),
  created_to: dateSchema.optional(),
  sort: sortSchema.optional(),
};

export const projectExportQuery = z.strictObject(projectFilterFields);
export type ProjectFilters = z.infer<typeof projectExportQuery>;

export const projectListQuery = z.strictObject({
  ...projectFilterFields,
  page: z.coerce.number().int().min(1).max(100000).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});
export type ProjectListQuery = z.infer<typeof projectListQuery>;

export { countryCode, industryCode, regionCode };

/** A double-count warning attached to a save (the save itself succeeded). */
export interface DoubleCountWarning {
  kind: 'double_count';
  rule: 'same_investor_other_region' | 'similar_project_same_region' | 'similar_investor';
  message: string;
  key: string;
  regions?: Array<{ code: string; name: string }>;
  project?: { id: string; code: string; name: string; similarity: number };
  enterprise?: { id: string; name: string; similarity: number };
}

/** A project as the API returns it. */
export interface ProjectDto {
  id: string;
  code: string;
  name: string;
  region: string;
  region_name: string | null;
  unit_id: string | null;
  unit_name: string | null;
  investor_id: string;
  investor_name: string;
  investor_uscc: string | null;
  origin: string;
  origin_name: string | null;
  origin_province: string | null;
  capital_kind: CapitalKind;
  industry: string;
  industry_name: string | null;
  carrier: string | null;
  planned_amount: string;
  contracted_amount: string | null;
  funds_in_place: string;
  stage: Stage;
  stage_date: string | null;
  key_level: KeyLevel | null;
  major: boolean;
  guarantor_id: string | null;
  guarantor_name: string | null;
  responsible_unit_id: string | null;
  responsible_unit_name: string | null;
  introducer: string | null;
  introducer_kind: IntroducerKind | null;
  expected_landing_date: string | null;
  notes: string | null;
  polluting: boolean;
  outdated_capacity: boolean;
  screening_override_reason: string | null;
  drop_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  warnings?: DoubleCountWarning[];
}
