import Decimal from 'decimal.js';

/**
 * Money and ratios never pass through a JS float. Amounts are decimal strings with two decimals
 * on the wire and `numeric` in the database; arithmetic goes through decimal.js.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

/** A money amount on the wire: optional minus, up to 16 integer digits, up to 2 decimals. */
export const MONEY_PATTERN = /^-?\d{1,16}(\.\d{1,2})?$/;
/** Amounts that must not be negative (planned investment, capital in place). */
export const NON_NEGATIVE_MONEY_PATTERN = /^\d{1,16}(\.\d{1,2})?$/;

export function dec(v: string | number | Dec | null | undefined): Dec {
  if (v === null || v === undefined || v === '') return new D(0);
  return new D(v);
}

/** Normalise to the wire form: two decimals, half-up. */
export function money(v: string | number | Dec | null | undefined): string {
  return dec(v).toFixed(2);
}

export function moneyOrNull(v: string | number | Dec | null | undefined): string | null {
  return v === null || v === undefined ? null : money(v);
}

export function sumMoney(values: Iterable<string | Dec | null | undefined>): string {
  let s = new D(0);
  for (const v of values) s = s.plus(dec(v));
  return s.toFixed(2);
}

/** A ratio as a decimal string with 4 decimals, or null when the denominator is zero or missing. */
export function ratio(
  numerator: string | Dec | null | undefined,
  denominator: string | Dec | null | undefined,
): string | null {
  if (denominator === null || denominator === undefined) return null;
  const d = dec(denominator);
  if (d.isZero()) return null;
  return dec(numerator).div(d).toFixed(4);
}

export function compareDec(a: string | Dec, b: string | Dec): number {
  return dec(a).comparedTo(dec(b));
}

export { D as Decimal };
