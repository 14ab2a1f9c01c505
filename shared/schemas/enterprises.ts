import { z } from 'zod';
import { COUNTRY_PATTERN, isCountryCode } from '../countries.ts';
import { normalizeUscc, usccMessage, usccProblem } from '../uscc.ts';

/**
 * Investor enterprises (企业库, SPEC §3.1, §3.4): the one schema the API validates with and the web
 * builds its forms from.
 */
export const OWNERSHIPS = ['central_soe', 'local_soe', 'private', 'hmt', 'foreign'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const OWNERSHIP_LABELS: Record<Ownership, string> = {
  central_soe: '央企',
  local_soe: '地方国企',
  private: '民营企业',
  hmt: '港澳台资企业',
  foreign: '外资企业',
};

export const ENTERPRISE_TAGS = [
  'central_hq',
  'regional_hq',
  'settlement_center',
  'private500',
  'global500',
  'listed',
] as const;
export type EnterpriseTag = (typeof ENTERPRISE_TAGS)[number];
export const ENTERPRISE_TAG_LABELS: Record<EnterpriseTag, string> = {
  central_hq: '央企一级总部',
  regional_hq: '二三级区域总部',
  settlement_center: '结算中心',
  private500: '民营500强',
  global500: '世界500强',
  listed: '上市公司',
};
/** Tags that name a ranking: `private500` needs its year and rank, `global500` may carry them. */
export const RANKED_TAGS: readonly EnterpriseTag[] = ['private500', 'global500'];

export const regionCode = z.string().regex(/^\d{6}$/, '须为 6 位行政区划代码（GB/T 2260）');
export const industryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([A-T]|\d{2,4})$/, '须为国民经济行业分类代码（GB/T 4754-2017）');
export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(COUNTRY_PATTERN, '须为 ISO 3166 两位国家代码')
  .refine(isCountryCode, '不是有效的 ISO 3166 国家代码');

/** A USCC: blanks removed, upper-cased, GB 32100-2015 check character verified. */
export const usccSchema = z
  .string()
  .transform(normalizeUscc)
  .superRefine((v, ctx) => {
    const p = usccProblem(v);
    if (p) ctx.addIssue({ code: 'custom', message: usccMessage(p) });
  });

export const enterpriseTagSchema = z
  .strictObject({
    tag: z.enum(ENTERPRISE_TAGS),
    year: z.number().int().min(1990).max(2100).optional(),
    rank: z.number().int().min(1).max(500).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.tag === 'private500' && (t.year === undefined || t.rank === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['rank'], message: '民营500强须填写年份和名次' });
    }
    if (!RANKED_TAGS.includes(t.tag) && (t.year !== undefined || t.rank !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['tag'], message: '只有榜单类标签可填写年份和名次' });
    }
  });
export type EnterpriseTagValue = z.infer<typeof enterpriseTagSchema>;

export const contactSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().max(50).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[\d+\-() ]{5,30}$/, '电话号码格式不正确')
    .optional(),
  email: z.email('邮箱格式不正确').optional(),
  note: z.string().trim().max(200).optional(),
});
export type Contact = z.infer<typeof contactSchema>;

const tagsSchema = z
  .array(enterpriseTagSchema)
  .max(ENTERPRISE_TAGS.length)
  .refine((tags) => new Set(tags.map((t) => t.tag)).size === tags.length, '标签不能重复');

const enterpriseFields = {
  name: z.string().trim().min(1, '请填写企业名称').max(200),
  uscc: usccSchema.nullable().optional(),
  /** Country of the investor (registration / headquarters); CN for domestic enterprises. */
  country: countryCode.optional(),
  ownership: z.enum(OWNERSHIPS),
  hq_region: regionCode.nullable().optional(),
  industry: industryCode.nullable().optional(),
  tags: tagsSchema.optional(),
  contacts: z.array(contactSchema).max(50).optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
};

/** A domestic enterprise must have a USCC; a foreign investor without one needs its country. */
export function usccOrForeignIssue(e: { uscc?: string | null; country?: string | null }): string | null {
  if (e.uscc) return null;
  if (!e.country || e.country === 'CN')
    return '境内企业须填写统一社会信用代码；没有代码的境外投资方须填写国家/地区';
  return null;
}

export const enterpriseCreateSchema = z.strictObject(enterpriseFields).superRefine((e, ctx) => {
  const msg = usccOrForeignIssue(e);
  if (msg) ctx.addIssue({ code: 'custom', path: ['uscc'], message: msg });
});
export type EnterpriseCreate = z.infer<typeof enterpriseCreateSchema>;

export const enterprisePatchSchema = z
  .strictObject(enterpriseFields)
  .partial()
  .extend({ version: z.number().int().min(1) });
export type EnterprisePatch = z.infer<typeof enterprisePatchSchema>;

export const enterpriseListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  ownership: z.enum(OWNERSHIPS).optional(),
  tag: z.enum(ENTERPRISE_TAGS).optional(),
  hq_region: regionCode.optional(),
  country: countryCode.optional(),
  industry: industryCode.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(['name', '-name', 'created_at', '-created_at', 'updated_at', '-updated_at']).default('name'),
});
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuery>;

/** An enterprise as the API returns it. */
export interface EnterpriseDto {
  id: string;
  name: string;
  uscc: string | null;
  country: string;
  country_name: string | null;
  ownership: Ownership;
  hq_region: string | null;
  hq_region_name: string | null;
  industry: string | null;
  industry_name: string | null;
  tags: EnterpriseTagValue[];
  contacts: Contact[];
  notes: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
