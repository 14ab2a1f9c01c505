import { describe, expect, it } from 'vitest';
import { computeBulletin, zeroSums, type FormulaRowInput, type KindSums } from './bulletins.formulas.ts';

const sums = (month: string, ytd: string, ytd_prev = '0', ytd_beijing = '0'): KindSums => ({
  month,
  ytd,
  ytd_prev,
  ytd_beijing,
});
const row = (
  region: string,
  d: KindSums,
  target: string | null,
  extra: Partial<FormulaRowInput> = {},
): FormulaRowInput => ({
  region,
  name: region,
  has_children: false,
  reported: true,
  domestic: d,
  foreign: zeroSums(),
  target_domestic: target,
  target_foreign: null,
  ...extra,
});
const compute = (month: string, rows: FormulaRowInput[], parentTarget: string | null = null) =>
  computeBulletin({
    month,
    parent: { code: '120000', name: '天津市' },
    rows,
    parent_target_domestic: parentTarget,
    parent_target_foreign: null,
  });

describe('bulletin formulas (hand-computed)', () => {
  it('January: schedule 1/12, completion, behind schedule, yoy, Beijing share', () => {
    const b = compute('2026-01', [
      row('A', sums('100', '100', '80', '40'), '1000'),
      row('B', sums('50', '50', '0'), '1000'),
    ]);
    expect(b.schedule).toBe('0.0833');
    const [a, bb] = b.rows;
    expect(a).toMatchObject({
      month: '100.00',
      ytd: '100.00',
      ytd_prev: '80.00',
      yoy: '0.2500',
      target: '1000.00',
      completion: '0.1000',
      behind_schedule: false,
      beijing_share: '0.4000',
      rank: 1,
    });
    // 50 / 1000 = 0.05 < 1/12 = 0.0833…
    expect(bb).toMatchObject({ completion: '0.0500', behind_schedule: true, yoy: null, rank: 2 });
  });

  it('behind schedule compares exactly, not on rounded ratios: 1/12 of the target is on schedule', () => {
    // target 1200, M = 1: 100 is exactly on schedule, 99.99 is behind
    const b = compute('2026-01', [
      row('A', sums('100', '100'), '1200'),
      row('B', sums('99.99', '99.99'), '1200'),
    ]);
    expect(b.rows[0].behind_schedule).toBe(false);
    expect(b.rows[1].behind_schedule).toBe(true);
  });

  it('December: schedule 1; 99% of the target is behind, 100% is not', () => {
    const b = compute('2026-12', [row('A', sums('10', '990'), '1000'), row('B', sums('10', '1000'), '1000')]);
    expect(b.schedule).toBe('1.0000');
    expect(b.rows[0]).toMatchObject({ completion: '0.9900', behind_schedule: true, rank: 2 });
    expect(b.rows[1]).toMatchObject({ completion: '1.0000', behind_schedule: false, rank: 1 });
  });

  it('ties in completion are broken by higher ytd; a full tie shares the rank', () => {
    const b = compute('2026-06', [
      row('A', sums('0', '100'), '500'), // 0.2
      row('B', sums('0', '200'), '1000'), // 0.2, higher ytd
      row('C', sums('0', '200'), '1000'), // same as B
      row('D', sums('0', '300'), '1000'), // 0.3
    ]);
    const rank = Object.fromEntries(b.rows.map((r) => [r.region, r.rank]));
    expect(rank).toEqual({ D: 1, B: 2, C: 2, A: 4 });
  });

  it('a region not reported is listed with no figures and no rank, and stays out of the totals', () => {
    const b = compute('2026-03', [
      row('A', sums('10', '30', '20'), '100'),
      row('B', sums('999', '999', '1'), '100', { reported: false }),
    ]);
    expect(b.rows[1]).toMatchObject({
      reported: false,
      month: null,
      ytd: null,
      target: null,
      completion: null,
      rank: null,
      behind_schedule: null,
    });
    expect(b.rows[1].foreign.ytd).toBeNull();
    expect(b.totals).toMatchObject({
      month: '10.00',
      ytd: '30.00',
      ytd_prev: '20.00',
      yoy: '0.5000',
      target: '200.00',
      completion: '0.1500',
    });
  });

  it('a zero or missing target gives no completion and no rank', () => {
    const b = compute('2026-03', [
      row('A', sums('1', '1'), '0'),
      row('B', sums('1', '1'), null),
      row('C', sums('1', '1'), '10'),
    ]);
    expect(b.rows.map((r) => [r.completion, r.rank])).toEqual([
      [null, null],
      [null, null],
      ['0.1000', 1],
    ]);
  });

  it('foreign capital has its own figures and ranking', () => {
    const b = compute('2026-02', [
      row('A', sums('1', '1'), '10', { foreign: sums('5', '5', '10'), target_foreign: '100' }),
      row('B', sums('2', '2'), '10', { foreign: sums('30', '30', '0'), target_foreign: '100' }),
    ]);
    expect(b.rows[0].rank).toBe(2);
    expect(b.rows[0].foreign).toMatchObject({
      ytd: '5.00',
      yoy: '-0.5000',
      completion: '0.0500',
      behind_schedule: true,
      rank: 2,
    });
    expect(b.rows[1].foreign).toMatchObject({
      ytd: '30.00',
      yoy: null,
      completion: '0.3000',
      behind_schedule: false,
      rank: 1,
    });
    expect(b.totals.foreign).toMatchObject({ ytd: '35.00', target: '200.00', completion: '0.1750' });
  });

  it("the totals use the parent's own target when it has one", () => {
    const b = compute(
      '2026-06',
      [row('A', sums('0', '100'), '100'), row('B', sums('0', '100'), '100')],
      '1000',
    );
    expect(b.totals).toMatchObject({
      ytd: '200.00',
      target: '1000.00',
      completion: '0.2000',
      behind_schedule: true,
    });
  });

  it('amounts keep their cents exactly (no float drift)', () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(`R${i}`, sums('0.10', '0.10'), '1'));
    const b = compute('2026-01', rows);
    expect(b.totals.ytd).toBe('1.00');
    expect(b.totals.month).toBe('1.00');
  });
});
