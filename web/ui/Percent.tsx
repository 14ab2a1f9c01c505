import { Typography } from 'antd';
import { dec } from '../../shared/money.ts';

/** "0.8125" → "81.25%": a ratio as the API sends it (a decimal string), never through a float. */
export function formatPercent(value: string, decimals = 2): string {
  return `${dec(value).times(100).toFixed(decimals)}%`;
}

export interface PercentProps {
  /** A ratio as a decimal string (`"0.8125"`); null shows “—”. */
  value: string | null | undefined;
  decimals?: number;
  /** Shows a leading + for positive values (growth rates). */
  signed?: boolean;
  /** Colours negative values red and positive ones green (growth rates). */
  colored?: boolean;
}

/** A ratio shown as a percentage with tabular digits. */
export function Percent({ value, decimals = 2, signed = false, colored = false }: PercentProps) {
  if (value === null || value === undefined || value === '')
    return <Typography.Text type="secondary">—</Typography.Text>;
  const d = dec(value);
  const text = `${signed && d.greaterThan(0) ? '+' : ''}${formatPercent(value, decimals)}`;
  const color = !colored || d.isZero() ? undefined : d.isNegative() ? '#cf1322' : '#389e0d';
  return <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', color }}>{text}</span>;
}
