import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CSSProperties } from 'react';

export interface MonthPickerProps {
  /** `YYYY-MM` */
  value: string;
  onChange: (month: string) => void;
  /** The latest month that can be picked (`YYYY-MM`), e.g. the current month. */
  max?: string;
  allowClear?: false;
  style?: CSSProperties;
  'aria-label'?: string;
  id?: string;
}

/** Picks a month as the API spells it (`YYYY-MM`). */
export function MonthPicker({ value, onChange, max, style, ...rest }: MonthPickerProps) {
  const handleChange = (d: Dayjs | null) => {
    if (d) onChange(d.format('YYYY-MM'));
  };
  return (
    <DatePicker
      picker="month"
      value={dayjs(`${value}-01`)}
      onChange={handleChange}
      allowClear={false}
      format="YYYY-MM"
      disabledDate={max ? (d) => d.format('YYYY-MM') > max : undefined}
      style={{ width: 130, ...style }}
      {...rest}
    />
  );
}

export interface YearPickerProps {
  value: number;
  onChange: (year: number) => void;
  max?: number;
  style?: CSSProperties;
  'aria-label'?: string;
  id?: string;
}

/** Picks a year. */
export function YearPicker({ value, onChange, max, style, ...rest }: YearPickerProps) {
  const handleChange = (d: Dayjs | null) => {
    if (d) onChange(d.year());
  };
  return (
    <DatePicker
      picker="year"
      value={dayjs(`${value}-01-01`)}
      onChange={handleChange}
      allowClear={false}
      disabledDate={max ? (d) => d.year() > max : undefined}
      style={{ width: 110, ...style }}
      {...rest}
    />
  );
}
