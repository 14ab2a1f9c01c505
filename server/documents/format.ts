import { dec } from '../../shared/money.ts';

/**
 * Display formatting for documents. Inputs are the validated decimal strings of the API (amounts with two
 * decimals, ratios with four); every step goes through decimal.js, never a JS float.
 */

/** The placeholder for an undefined figure (no target, no previous-year figure …). */
export const DASH = '—';

function groupThousands(fixed: string): string {
  const negative = fixed.startsWith('-');
  const body = negative ? fixed.slice(1) : fixed;
  const [int, frac] = body.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** `"1234567.8"` → `"1,234,567.80"`; null → `—`. */
export function formatAmount(v: string | null | undefined): string {
  if (v === null || v === undefined) return DASH;
  return groupThousands(dec(v).toFixed(2));
}

/** A 4-decimal ratio as a percentage with two decimals: `"0.8125"` → `"81.25%"`; null → `—`. */
export function formatPercent(v: string | null | undefined): string {
  if (v === null || v === undefined) return DASH;
  return `${dec(v).times(100).toFixed(2)}%`;
}

/** The same percentage without the sign, for prose (`同比下降5.00%`): `"-0.05"` → `"5.00%"`. */
export function formatPercentAbs(v: string): string {
  return `${dec(v).abs().times(100).toFixed(2)}%`;
}

/**
 * The difference of two ratios in percentage points, signed, two decimals: (`"0.8125"`, `"0.8333"`) → `"-2.08"`;
 * null when either is null.
 */
export function percentPoints(a: string | null | undefined, b: string | null | undefined): string | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  const d = dec(a).minus(dec(b)).times(100);
  const s = d.toFixed(2);
  return d.isPositive() && !d.isZero() ? `+${s}` : s === '-0.00' ? '0.00' : s;
}

/** A decimal string as the JS number Excel stores (the nearest double, as Excel itself would read it). */
export function excelNumber(v: string): number {
  return dec(v).toNumber();
}

/**
 * A date as written in a notice (成文日期, GB/T 9704-2012 7.3.5): Arabic numerals, the year in full, no leading
 * zeros: `"2026-11-05"` → `"2026年11月5日"`.
 */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new Error(`not a date: ${isoDate}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The page number as GB/T 9704-2012 7.5 writes it: a figure between two em dashes, `— 1 —`. */
export function pageNumberLabel(n: number): string {
  return `— ${n} —`;
}
