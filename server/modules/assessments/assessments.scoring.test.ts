import { describe, expect, it } from 'vitest';
import { parsePeriod, type Indicator } from '../../../shared/schemas/assessments.ts';
import { competitionRanks, kindFigure, scoreRegions, type RegionInput } from './assessments.scoring.ts';
import { completionValue, proRate, type MetricValue } from './metrics.ts';

/** The scoring engine with figures worked out by hand (no database). */

const linear = (key: string, weight: string, opts: { target_value?: string | null; cap?: string } = {}) =>
  ({
    key,
    name: key,
    group: key.startsWith('q') ? 'quality' : 'scale',
    metric: key,
    weight,
    rule: { type: 'linear', target_value: opts.target_value ?? null, cap: opts.cap ?? '1' },
  }) satisfies Indicator;

const v = (value: string | null, benchmark: string | null = null, exempt = false): MetricValue => ({
  value,
  benchmark,
  exempt,
  inputs: {},
});

/** A region with given completion metric values (domestic/foreign figures derived from actual/annual). */
function region(
  code: string,
  values: Record<string, MetricValue>,
  kinds: { d?: [string, string | null]; f?: [string, string | null] } = {},
  factor = '0.5',
): RegionInput {
  const d = completionValue(kinds.d?.[0] ?? '0', kinds.d?.[1] ?? '0', factor);
  const f = completionValue(kinds.f?.[0] ?? '0', kinds.f?.[1] ?? '0', factor);
  return {
    region: code,
    name: `区${code}`,
    values: { domestic_completion: d, foreign_completion: f, ...values },
    figures: { domestic: kindFigure(d), foreign: kindFigure(f) },
  };
}

describe('periods and pro-rating', () => {
  it('pro-rates the annual target by elapsed time', () => {
    expect(parsePeriod('2026H1')).toMatchObject({ year: 2026, endMonth: 6, factor: '0.5' });
    expect(parsePeriod('2026Q1')).toMatchObject({ endMonth: 3, factor: '0.25' });
    expect(parsePeriod('2026Q3')).toMatchObject({ endMonth: 9, factor: '0.75' });
    expect(parsePeriod('2026')).toMatchObject({ endMonth: 12, factor: '1', kind: 'year' });
    expect(parsePeriod('2026H2')).toBeNull();
    expect(parsePeriod('2026Q5')).toBeNull();
    // Q3: ¾ of 3000 = 2250; H1: ½ of 1234.57 = 617.285 → 617.29 (half up)
    expect(proRate('3000', '0.75')).toBe('2250.00');
    expect(proRate('1234.57', '0.5')).toBe('617.29');
  });

  it('computes completion against the pro-rated target; a zero target is exempt, a missing one has no value', () => {
    // H1, annual 2000 → target 1000; actual 812.50 → 0.8125
    expect(completionValue('812.50', '2000', '0.5')).toMatchObject({
      value: '0.8125',
      exempt: false,
      inputs: { actual: '812.50', annual_target: '2000.00', target: '1000.00', factor: '0.5' },
    });
    expect(completionValue('10', '0', '0.5')).toMatchObject({
      value: null,
      exempt: true,
      note: 'zero_target',
    });
    expect(completionValue('10', null, '0.5')).toMatchObject({
      value: null,
      exempt: false,
      note: 'no_target',
    });
  });
});

describe('scoring rules', () => {
  it('linear: weight × min(value ÷ target, cap), never below 0', () => {
    const inds = [
      linear('d', '40'),
      linear('f', '20', { cap: '1.2' }),
      linear('q_count', '10', { target_value: '5' }),
      linear('q_growth', '30', { target_value: '0.15' }),
    ];
    const [r] = scoreRegions(inds, [
      region('1', {
        d: v('0.8125', '1'), // 40 × 0.8125 = 32.50
        f: v('1.3000', '1'), // 20 × min(1.3, 1.2) = 24.00
        q_count: v('3'), // 10 × 3/5 = 6.00
        q_growth: v('-0.1000'), // negative → 0
      }),
    ]);
    expect(r.breakdown.map((b) => b.points)).toEqual(['32.50', '24.00', '6.00', '0.00']);
    expect(r.breakdown[0].formula).toBe('40 × min(0.8125 ÷ 1, 1) = 32.50');
    expect(r.score).toBe('62.50');
    expect(r.scale_score).toBe('56.50');
    expect(r.quality_score).toBe('6.00');
  });

  it('linear: rounds each indicator half up to 2 decimals, then sums', () => {
    // 15 × 0.3333 / 0.4 = 12.49875 → 12.50; 15 × 0.1111 / 0.3 = 5.555 → 5.56
    const inds = [linear('q_a', '15', { target_value: '0.4' }), linear('q_b', '15', { target_value: '0.3' })];
    const [r] = scoreRegions(inds, [region('1', { q_a: v('0.3333'), q_b: v('0.1111') })]);
    expect(r.breakdown.map((b) => b.points)).toEqual(['12.50', '5.56']);
    expect(r.score).toBe('18.06');
  });

  it('steps: the points of the highest threshold reached', () => {
    const ind: Indicator = {
      key: 'q_started',
      name: '重点项目开工数',
      group: 'quality',
      metric: 'q_started',
      weight: '10',
      rule: {
        type: 'steps',
        steps: [
          ['3', '8'],
          ['1', '4'],
          ['5', '10'],
          ['2', '6'],
        ],
      },
    };
    const res = scoreRegions(
      [ind],
      ['0', '1', '4', '7', null].map((x, i) => region(String(i), { q_started: v(x) })),
    );
    const byRegion = Object.fromEntries(res.map((r) => [r.region, r.breakdown[0].points]));
    expect(byRegion).toEqual({ '0': '0.00', '1': '4.00', '2': '8.00', '3': '10.00', '4': '0.00' });
  });

  it('rank: points by position, ties share a position, beyond the list and without a value the default', () => {
    const ind: Indicator = {
      key: 'q_signed',
      name: '签约项目数',
      group: 'quality',
      metric: 'q_signed',
      weight: '10',
      rule: { type: 'rank', points: ['10', '8', '6', '4'], default: '1' },
    };
    const vals = ['5', '3', '3', '1', null, '0'];
    const res = scoreRegions(
      [ind],
      vals.map((x, i) => region(String(i), { q_signed: v(x) })),
    );
    const by = Object.fromEntries(res.map((r) => [r.region, r.breakdown[0]]));
    // values 5, 3, 3, 1, —, 0 → positions 1, 2, 2, 4, —, 5
    expect(['0', '1', '2', '3', '4', '5'].map((k) => by[k].points)).toEqual([
      '10.00',
      '8.00',
      '8.00',
      '4.00',
      '1.00',
      '1.00',
    ]);
    expect(by['2'].value_rank).toBe(2);
    expect(by['4'].value_rank).toBeNull();
    expect(competitionRanks(['1', '2', '2', null])).toEqual([3, 1, 1, null]);
  });

  it('a zero target scores the full weight and is never missed', () => {
    const inds = [linear('domestic_completion', '40'), linear('foreign_completion', '20')];
    // domestic: annual 1000, H1 → 500; actual 600 → 1.2 capped at 1 → 40; foreign target 0 → exempt, 20
    const [r] = scoreRegions(inds, [region('1', {}, { d: ['600', '1000'], f: ['0', '0'] })]);
    expect(r.breakdown.map((b) => [b.points, b.exempt])).toEqual([
      ['40.00', false],
      ['20.00', true],
    ]);
    expect(r.figures.foreign).toMatchObject({ target: '0.00', completion: null, missed: null });
    expect(r.interview_reasons).toEqual([]);
  });
});

describe('ranking and flags', () => {
  const inds = [linear('domestic_completion', '60'), linear('foreign_completion', '40')];

  it('a region that misses foreign but not domestic is called in for foreign only', () => {
    // H1 (targets halved). A: domestic 600/500 ✓, foreign 10/50 ✗ (0.2); B, C, G meet both; D, E, F miss both
    const res = scoreRegions(inds, [
      region('A', {}, { d: ['600', '1000'], f: ['10', '100'] }),
      region('B', {}, { d: ['500', '1000'], f: ['60', '100'] }),
      region('C', {}, { d: ['550', '1000'], f: ['50', '100'] }),
      region('G', {}, { d: ['500', '1000'], f: ['45', '100'] }),
      region('D', {}, { d: ['100', '1000'], f: ['5', '100'] }),
      region('E', {}, { d: ['50', '1000'], f: ['2', '100'] }),
      region('F', {}, { d: ['0', '1000'], f: ['0', '100'] }),
    ]);
    const by = Object.fromEntries(res.map((r) => [r.region, r]));
    // A: 60 + 40 × 0.2 = 68; B: 60 + 40 = 100; C: 100; G: 60 + 40 × 0.9 = 96; D: 12 + 4 = 16; E: 6 + 1.6; F: 0
    expect(['A', 'B', 'C', 'G', 'D', 'E', 'F'].map((k) => by[k].score)).toEqual([
      '68.00',
      '100.00',
      '100.00',
      '96.00',
      '16.00',
      '7.60',
      '0.00',
    ]);
    expect(['B', 'C', 'G', 'A', 'D', 'E', 'F'].map((k) => by[k].rank)).toEqual([1, 1, 3, 4, 5, 6, 7]);
    expect(by.A.figures.domestic).toMatchObject({ target: '500.00', completion: '1.2000', missed: false });
    expect(by.A.figures.foreign).toMatchObject({
      actual: '10.00',
      target: '50.00',
      completion: '0.2000',
      missed: true,
    });
    // rank 4 of 7: neither top three nor bottom three — called in for the foreign target alone
    expect(by.A.interview_reasons).toEqual(['foreign_target']);
    expect(by.A.flags).toEqual(['interview']);
    expect(['B', 'C'].map((k) => by[k].flags)).toEqual([['award'], ['award']]);
    // G is third yet below its foreign target (45 < 50): commended and called in
    expect(by.G.flags).toEqual(['award', 'interview']);
    expect(by.G.interview_reasons).toEqual(['foreign_target']);
    expect(by.D.interview_reasons).toEqual(['domestic_target', 'foreign_target', 'bottom_three']);
    expect(by.F.flags).toEqual(['interview']);
  });

  it('with four regions the top two are awarded and the bottom two called in', () => {
    const res = scoreRegions(inds, [
      region('A', {}, { d: ['600', '1000'], f: ['10', '100'] }),
      region('B', {}, { d: ['500', '1000'], f: ['60', '100'] }),
      region('C', {}, { d: ['550', '1000'], f: ['50', '100'] }),
      region('D', {}, { d: ['100', '1000'], f: ['5', '100'] }),
    ]);
    const by = Object.fromEntries(res.map((r) => [r.region, r]));
    expect([by.B.flags, by.C.flags, by.A.flags, by.D.flags]).toEqual([
      ['award'],
      ['award'],
      ['interview'],
      ['interview'],
    ]);
    expect(by.A.interview_reasons).toEqual(['foreign_target', 'bottom_three']);
  });

  it('breaks ties by the scale points; equal on both share a rank (1, 1, 3)', () => {
    const mixed = [linear('domestic_completion', '50'), linear('q_x', '50', { target_value: '1' })];
    const res = scoreRegions(mixed, [
      region('A', { q_x: v('1') }, { d: ['250', '1000'] }), // 25 + 50 = 75 (scale 25)
      region('B', { q_x: v('0.5') }, { d: ['500', '1000'] }), // 50 + 25 = 75 (scale 50)
      region('C', { q_x: v('0.5') }, { d: ['500', '1000'] }), // 75, scale 50
      region('D', { q_x: v('0') }, { d: ['0', '1000'] }),
    ]);
    const rank = Object.fromEntries(res.map((r) => [r.region, r.rank]));
    expect(rank).toEqual({ B: 1, C: 1, A: 3, D: 4 });
  });

  it('top three and bottom three with six or more regions; a tie on the top boundary is awarded in full', () => {
    // scores 100, 90, 80, 80, 60, 50 → ranks 1, 2, 3, 3, 5, 6
    const completions = ['1', '0.9', '0.8', '0.8', '0.6', '0.5'];
    const one = [linear('q_x', '100', { target_value: '1' })];
    const res = scoreRegions(
      one,
      completions.map((c, i) => region(String(i), { q_x: v(c) })),
    );
    const by = Object.fromEntries(res.map((r) => [r.region, r]));
    expect(completions.map((_, i) => by[String(i)].rank)).toEqual([1, 2, 3, 3, 5, 6]);
    expect(res.filter((r) => r.flags.includes('award')).map((r) => r.region)).toEqual(['0', '1', '2', '3']);
    // bottom three: fewer than three regions strictly worse — the two last; the tied thirds stay awarded
    expect(res.filter((r) => r.interview_reasons.includes('bottom_three')).map((r) => r.region)).toEqual([
      '4',
      '5',
    ]);
  });

  it('with fewer than three regions the ranking flags shrink to ⌊n/2⌋ each side', () => {
    const one = [linear('q_x', '100', { target_value: '1' })];
    // two regions: k = 1 → first awarded, second bottom
    const two = scoreRegions(one, [region('A', { q_x: v('0.9') }), region('B', { q_x: v('0.7') })]);
    expect(two.map((r) => [r.region, r.rank, r.flags, r.interview_reasons])).toEqual([
      ['A', 1, ['award'], []],
      ['B', 2, ['interview'], ['bottom_three']],
    ]);
    // one region: k = 0 → no ranking flag at all (a missed target still calls it in)
    const single = scoreRegions(one, [region('A', { q_x: v('0.2') }, { d: ['10', '1000'] })]);
    expect(single[0].flags).toEqual(['interview']);
    expect(single[0].interview_reasons).toEqual(['domestic_target']);
    // three regions: k = 1
    const three = scoreRegions(one, [
      region('A', { q_x: v('0.9') }),
      region('B', { q_x: v('0.8') }),
      region('C', { q_x: v('0.7') }),
    ]);
    expect(three.map((r) => r.flags)).toEqual([['award'], [], ['interview']]);
    // two regions tied: both rank 1 → both awarded, none bottom
    const tied = scoreRegions(one, [region('A', { q_x: v('0.8') }), region('B', { q_x: v('0.8') })]);
    expect(tied.map((r) => [r.rank, r.flags])).toEqual([
      [1, ['award']],
      [1, ['award']],
    ]);
  });

  it('every region tied for the last places is in the bottom three', () => {
    const one = [linear('q_x', '100', { target_value: '1' })];
    // 9, 8, 7, 6, then five regions with nothing: ranks 1, 2, 3, 4, 5 × 5 → all five at the bottom
    const vals = ['0.9', '0.8', '0.7', '0.6', '0', '0', '0', '0', '0'];
    const res = scoreRegions(
      one,
      vals.map((x, i) => region(String(i), { q_x: v(x) })),
    );
    expect(res.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 5, 5, 5, 5]);
    expect(res.map((r) => r.flags.join())).toEqual([
      'award',
      'award',
      'award',
      '',
      'interview',
      'interview',
      'interview',
      'interview',
      'interview',
    ]);
  });
});
