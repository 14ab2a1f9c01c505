import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTRIES } from '../../shared/countries.ts';

export interface CountrySelectProps {
  id?: string;
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  /** Leave China out (origins abroad). */
  excludeChina?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** Picks an ISO 3166 country by its Chinese or English name or its code (shared/countries.ts). */
export function CountrySelect({ excludeChina, value, onChange, ...rest }: CountrySelectProps) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const options = useMemo(
    () =>
      COUNTRIES.filter((c) => !excludeChina || c.code !== 'CN').map((c) => ({
        value: c.code,
        label: `${en ? c.name_en : c.name}（${c.code}）`,
        search: `${c.code} ${c.name} ${c.name_en}`.toLowerCase(),
      })),
    [en, excludeChina],
  );
  return (
    <Select
      showSearch={{
        filterOption: (input, option) => !!option?.search.includes(input.trim().toLowerCase()),
      }}
      options={options}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear
      {...rest}
    />
  );
}
