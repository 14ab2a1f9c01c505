import { describe, expect, it } from 'vitest';
import {
  chineseDate,
  excelNumber,
  formatAmount,
  formatPercent,
  formatPercentAbs,
  pageNumberLabel,
  percentPoints,
} from './format.ts';
import { cstDate, fitColumnWidths, mmToTwip } from './notice.ts';

describe('document formatting', () => {
  it('formats amounts with thousands separators and two decimals', () => {
    expect(formatAmount('1234567.89')).toBe('1,234,567.89');
    expect(formatAmount('1234567.8')).toBe('1,234,567.80');
    expect(formatAmount('0')).toBe('0.00');
    expect(formatAmount('999.99')).toBe('999.99');
    expect(formatAmount('-1000.5')).toBe('-1,000.50');
    expect(formatAmount('9999999999999999.99')).toBe('9,999,999,999,999,999.99');
    expect(formatAmount(null)).toBe('—');
  });

  it('shows 4-decimal ratios as percentages with two decimals, exactly', () => {
    expect(formatPercent('0.8125')).toBe('81.25%');
    expect(formatPercent('0.0001')).toBe('0.01%');
    expect(formatPercent('1.2345')).toBe('123.45%');
    expect(formatPercent('-0.0769')).toBe('-7.69%');
    // 0.57 * 100 is 56.99999999999999 in floats
    expect(formatPercent('0.5700')).toBe('57.00%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercentAbs('-0.0500')).toBe('5.00%');
  });

  it('gives signed percentage points against the schedule', () => {
    expect(percentPoints('0.8125', '0.8333')).toBe('-2.08');
    expect(percentPoints('0.9000', '0.8333')).toBe('+6.67');
    expect(percentPoints('0.8333', '0.8333')).toBe('0.00');
    expect(percentPoints(null, '0.8333')).toBeNull();
  });

  it('stores the nearest double for Excel', () => {
    expect(excelNumber('0.8125')).toBe(0.8125);
    expect(excelNumber('1234567.89')).toBe(1234567.89);
  });

  it('writes dates and page numbers as the standard does', () => {
    expect(chineseDate('2026-11-05')).toBe('2026年11月5日');
    expect(chineseDate('2026-01-01')).toBe('2026年1月1日');
    expect(pageNumberLabel(3)).toBe('— 3 —');
    // 17:30 UTC is 01:30 the next day in Beijing, whatever the server's time zone
    expect(cstDate('2026-11-04T17:30:00.000Z')).toBe('2026-11-05');
  });

  it('converts page geometry', () => {
    expect(mmToTwip(37)).toBe(2098);
    expect(mmToTwip(210)).toBe(11906);
  });

  it('fits columns: minimums first, the rest by weight, null when they cannot fit', () => {
    expect(fitColumnWidths([{ width: 1 }, { width: 3 }], [10, 10], 100)).toEqual([30, 70]);
    expect(fitColumnWidths([{ width: 1 }, { width: 1 }], [60, 60], 100)).toBeNull();
  });
});
