import { useTranslation } from 'react-i18next';
import { countryName } from '../../../shared/countries.ts';

/** A country's name in the UI language (the API sends the Chinese name). */
export function useCountryLabel() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return (code: string, fallback?: string | null) => countryName(code, lang) ?? fallback ?? code;
}
