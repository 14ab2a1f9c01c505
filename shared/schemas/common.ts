import { z } from 'zod';
import { NON_NEGATIVE_MONEY_PATTERN } from '../money.ts';
import { MONTH_PATTERN } from '../month.ts';

/** A month on the wire: `YYYY-MM`. */
export const monthSchema = z.string().regex(MONTH_PATTERN, '须为 YYYY-MM 格式的月份');

/** A non-negative amount as a decimal string with at most 2 decimals (万元 / 万美元). Numbers are refused. */
export const amountSchema = z
  .string()
  .trim()
  .regex(NON_NEGATIVE_MONEY_PATTERN, '须为不小于 0、最多两位小数的金额字符串，如 "1234.50"');

/** A GB/T 2260 region code. */
export const regionCodeSchema = z.string().regex(/^\d{6}$/, '须为 6 位行政区划代码');

export const pageSchema = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
};
