/**
 * Dates and months are in China Standard Time (Asia/Shanghai, UTC+8, no daylight saving) whatever the
 * server's time zone (SPEC §3.8).
 */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const CST_OFFSET_MS = 8 * 3600 * 1000;

/** Today's date in China Standard Time, `YYYY-MM-DD`. */
export function todayCst(now: Date = new Date()): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function currentMonthCst(now: Date = new Date()): string {
  return todayCst(now).slice(0, 7);
}

export function isValidDate(s: string): boolean {
  if (!DATE_PATTERN.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function parseMonth(m: string): { year: number; month: number } {
  const match = MONTH_PATTERN.exec(m);
  if (!match) throw new Error(`not a month: ${m}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function formatMonth(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function addMonths(m: string, n: number): string {
  const { year, month } = parseMonth(m);
  const idx = year * 12 + (month - 1) + n;
  return formatMonth(Math.floor(idx / 12), (idx % 12) + 1);
}

/** Months `YYYY-01 .. YYYY-MM` of the year of `m`, up to and including `m`. */
export function monthsToDate(m: string): string[] {
  const { year, month } = parseMonth(m);
  return Array.from({ length: month }, (_, i) => formatMonth(year, i + 1));
}

/** `YYYY-MM` → the `date` the database keys months on (`YYYY-MM-01`). */
export function monthToDate(m: string): string {
  return `${m}-01`;
}

/** `YYYY-MM-DD` (or a Date) → `YYYY-MM`. */
export function dateToMonth(d: string | Date): string {
  return typeof d === 'string' ? d.slice(0, 7) : todayCst(d).slice(0, 7);
}

/** The last day of a month, `YYYY-MM-DD`. */
export function monthEnd(m: string): string {
  const { year, month } = parseMonth(m);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${m}-${String(last).padStart(2, '0')}`;
}
