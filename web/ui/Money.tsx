import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export type MoneyUnit = 'yuan10k' | 'usd10k';

/** "1234567.5" → "1,234,567.50" without ever going through a float (SPEC §4: money is a decimal string). */
export function formatMoney(value: string, decimals = 2): string {
  const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m) return value;
  const [, sign = '', int = '0', frac = ''] = m;
  const grouped = (int.replace(/^0+(?=\d)/, '') || '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const f = decimals > 0 ? `.${frac.padEnd(decimals, '0').slice(0, decimals)}` : '';
  return `${sign}${grouped}${f}`;
}

export interface MoneyProps {
  /** A decimal string as the API sends it; null shows “—”. */
  value: string | null | undefined;
  /** 万元 (domestic) or 万美元 (foreign). */
  unit?: MoneyUnit;
  showUnit?: boolean;
}

/** An amount in 万元/万美元, right-aligned digits with thousands separators. */
export function Money({ value, unit = 'yuan10k', showUnit = false }: MoneyProps) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '')
    return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatMoney(value)}
      {showUnit ? <Typography.Text type="secondary"> {t(`ui.${unit}`)}</Typography.Text> : null}
    </span>
  );
}
