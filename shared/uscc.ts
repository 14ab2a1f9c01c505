/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015).
 *
 * 18 characters: registration authority (1), organisation category (1), administrative division of the
 * registering authority (6 digits, GB/T 2260), the organisation's body identifier (9, GB 11714) and a check
 * character. The alphabet is 0-9 and A-Z without I, O, Z, S, V (31 characters); the check character is
 * `31 - (Σ value(cᵢ) × wᵢ mod 31)` with the standard's weights, 31 written as 0.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The shape alone (charset and digits where the standard wants digits); the check character is separate. */
export const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Upper-cases and removes blanks, as users paste codes with spaces or lower case. */
export function normalizeUscc(raw: string): string {
  return raw.replace(/[\s\u3000]/g, '').toUpperCase();
}

/** The check character for the first 17 characters, or null if one of them is outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[c];
}

export type UsccProblem = 'length' | 'charset' | 'check';

/** Why a code is not a valid USCC, or null when it is. Expects a normalized code. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  if (!USCC_PATTERN.test(code)) return 'charset';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

/** A Chinese message for a problem, for validation errors. */
export function usccMessage(problem: UsccProblem): string {
  switch (problem) {
    case 'length':
      return '统一社会信用代码须为 18 位';
    case 'charset':
      return '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）或格式不符';
    case 'check':
      return '统一社会信用代码校验位不正确';
  }
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** The GB 11714 check character of an 8-character organisation code body (digits here). */
function orgCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** 32-bit FNV-1a, to turn any seed into digits deterministically. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A valid, deterministic USCC for test and demo data: a company (登记管理部门 9, 企业 1) registered in
 * `region` (a 6-digit GB/T 2260 code) with a GB 11714-valid organisation code derived from `seed`.
 * Integer seeds 0 … 99,999,999 map one-to-one onto codes (distinct seeds, distinct codes, within a region);
 * string seeds are hashed.
 */
export function makeUscc(seed: number | string, region = '110000'): string {
  if (!/^\d{6}$/.test(region)) throw new Error(`makeUscc: region must be 6 digits, got ${region}`);
  let n: number;
  if (typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0) {
    // multiplication by a constant coprime to 10^8 permutes 0 … 10^8 - 1: unique and not sequential-looking
    n = Number((BigInt(seed % 100_000_000) * 48_271_937n + 12_345_678n) % 100_000_000n);
  } else {
    n = (hash32(`a:${String(seed)}`) % 10_000) * 10_000 + (hash32(`b:${String(seed)}`) % 10_000);
  }
  const body = String(n).padStart(8, '0');
  const first17 = `91${region}${body}${orgCodeCheck(body)}`;
  return first17 + usccCheckChar(first17);
}
