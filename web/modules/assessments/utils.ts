import { dec } from '../../../shared/money.ts';
import { periodLabelEn, periodLabelZh } from '../../../shared/schemas/assessments.ts';

/** `2026H1` as the UI language writes it. */
export function periodLabel(period: string, lang: string): string {
  return lang.startsWith('en') ? periodLabelEn(period) : periodLabelZh(period);
}

/** A 4-decimal ratio as a percentage (`"0.8125"` → `81.25%`), never through a float; null → `—`. */
export function pct(v: string | null | undefined, decimals = 2): string {
  if (v === null || v === undefined || v === '') return '—';
  return `${dec(v).times(100).toFixed(decimals)}%`;
}

/** `2026-11-22T08:00:00Z` → `2026-11-22 16:00` in China Standard Time. */
export function cstDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** The name in the UI language of a `{zh, en}` pair. */
export function localName(n: { zh: string; en: string } | null | undefined, lang: string): string {
  if (!n) return '';
  return lang.startsWith('en') ? n.en : n.zh;
}

/** Periods a run can cover for a year: Q1, H1 (= Q2), Q3, the year. */
export const PERIOD_PARTS = ['Q1', 'H1', 'Q3', 'year'] as const;
export type PeriodPart = (typeof PERIOD_PARTS)[number];

export function periodOf(year: number, part: PeriodPart): string {
  return part === 'year' ? String(year) : `${year}${part}`;
}
