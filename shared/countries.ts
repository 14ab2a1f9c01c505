// the entry without the 80 bundled locales (Node's default entry loads them all: ~9 MB of server memory)
import countries from 'i18n-iso-countries/index.js';
import zh from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

/**
 * ISO 3166-1 alpha-2 countries with Chinese names (from `i18n-iso-countries`), for investor origins and
 * enterprise countries. Hong Kong, Macao and Taiwan are named as Chinese official usage has it.
 */
countries.registerLocale(zh);
countries.registerLocale(en);

const ZH_OVERRIDES: Record<string, string> = {
  CN: '中国',
  HK: '中国香港',
  MO: '中国澳门',
  TW: '中国台湾',
};

export interface Country {
  code: string;
  name: string;
  name_en: string;
}

const ALPHA2 = Object.keys(countries.getAlpha2Codes()).sort();

/** Every country, sorted by code. */
export const COUNTRIES: readonly Country[] = ALPHA2.map((code) => ({
  code,
  name: ZH_OVERRIDES[code] ?? countries.getName(code, 'zh') ?? code,
  name_en: countries.getName(code, 'en') ?? code,
}));

const BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c]));

export const COUNTRY_PATTERN = /^[A-Z]{2}$/;

export function isCountryCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** The Chinese name of an ISO alpha-2 code, or null if it is not one. */
export function countryName(code: string | null | undefined, lang: 'zh' | 'en' = 'zh'): string | null {
  if (!code) return null;
  const c = BY_CODE.get(code);
  if (!c) return null;
  return lang === 'en' ? c.name_en : c.name;
}

/** Looks a country up by its code or its Chinese/English name (Excel import accepts either). */
export function findCountry(input: string): Country | null {
  const s = input.trim();
  const up = s.toUpperCase();
  if (BY_CODE.has(up)) return BY_CODE.get(up) ?? null;
  const lower = s.toLowerCase();
  return COUNTRIES.find((c) => c.name === s || c.name_en.toLowerCase() === lower) ?? null;
}
