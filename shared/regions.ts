/** The code of the whole country: the root of a national deployment (its children are the provinces). */
export const NATIONAL_ROOT = '000000';

/**
 * The code prefix shared by a GB/T 2260 region and everything under it: a province `XX0000` → `XX`,
 * a prefecture `XXXX00` → `XXXX`, a county → all six digits, the whole country → ''. Checked against the
 * whole reference table by a test (every child's code starts with its parent's prefix).
 */
export function regionPrefix(code: string): string {
  if (code === NATIONAL_ROOT) return '';
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Is `code` the region `ancestor` or inside it? */
export function inRegion(ancestor: string, code: string): boolean {
  return code.startsWith(regionPrefix(ancestor));
}
