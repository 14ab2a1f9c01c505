import type { Bulletin, BulletinFigures, BulletinRow, BulletinTotals } from '../../../shared/bulletin.ts';
import { dec, money, ratio, type Dec } from '../../../shared/money.ts';
import { parseMonth } from '../../../shared/month.ts';

/**
 * The formulas of the monthly bulletin (SPEC §3.2), as a pure function of the figures, so that they can
 * be checked by hand:
 *   month = approved entries of month M; ytd = months 1..M of year Y; ytd_prev = the same months of Y−1;
 *   yoy = (ytd − ytd_prev) / ytd_prev, null when ytd_prev is 0; completion = ytd / target (null without a
 *   target); schedule = M / 12; behind_schedule = completion < schedule; beijing_share = Beijing part of
 *   ytd / ytd; rank 1 = highest completion, ties broken by higher ytd (equal on both: equal rank).
 * A region not reported is listed with every figure null. The same for foreign capital.
 */
export interface KindSums {
  month: string;
  ytd: string;
  ytd_beijing: string;
  ytd_prev: string;
}

export interface FormulaRowInput {
  region: string;
  name: string;
  has_children: boolean;
  reported: boolean;
  domestic: KindSums;
  foreign: KindSums;
  target_domestic: string | null;
  target_foreign: string | null;
}

export interface FormulaInput {
  month: string;
  parent: { code: string; name: string };
  rows: FormulaRowInput[];
  /** the parent's own annual targets; when absent the totals use the sum of the rows' targets */
  parent_target_domestic: string | null;
  parent_target_foreign: string | null;
}

const ZERO: KindSums = { month: '0', ytd: '0', ytd_beijing: '0', ytd_prev: '0' };
export const zeroSums = (): KindSums => ({ ...ZERO });

const EMPTY: BulletinFigures = {
  month: null,
  ytd: null,
  ytd_prev: null,
  yoy: null,
  target: null,
  completion: null,
  behind_schedule: null,
  beijing_share: null,
  rank: null,
};

/** completion < M/12, exactly: ytd × 12 < M × target. */
function behind(ytd: Dec, target: Dec, m: number): boolean {
  return ytd.times(12).lessThan(target.times(m));
}

function figures(
  s: KindSums,
  target: string | null,
  m: number,
): BulletinFigures & { _completion: Dec | null; _ytd: Dec } {
  const ytd = dec(s.ytd);
  const prev = dec(s.ytd_prev);
  const t = target === null ? null : dec(target);
  const hasTarget = t !== null && !t.isZero();
  return {
    month: money(s.month),
    ytd: money(ytd),
    ytd_prev: money(prev),
    yoy: prev.isZero() ? null : ratio(ytd.minus(prev), prev),
    target: t === null ? null : money(t),
    completion: hasTarget ? ratio(ytd, t) : null,
    behind_schedule: hasTarget ? behind(ytd, t, m) : null,
    beijing_share: ytd.isZero() ? null : ratio(s.ytd_beijing, ytd),
    rank: null,
    _completion: hasTarget ? ytd.div(t) : null,
    _ytd: ytd,
  };
}

/** Competition ranking (1, 1, 3) by completion desc then ytd desc; rows without completion get no rank. */
function assignRanks(items: Array<{ f: BulletinFigures & { _completion: Dec | null; _ytd: Dec } }>) {
  const ranked = items.filter((i) => i.f._completion !== null);
  ranked.sort((a, b) => b.f._completion!.comparedTo(a.f._completion!) || b.f._ytd.comparedTo(a.f._ytd));
  ranked.forEach((item, i) => {
    const prev = ranked[i - 1];
    item.f.rank =
      prev && prev.f._completion!.equals(item.f._completion!) && prev.f._ytd.equals(item.f._ytd)
        ? prev.f.rank
        : i + 1;
  });
}

function strip(f: BulletinFigures & { _completion?: unknown; _ytd?: unknown }): BulletinFigures {
  const { _completion: _c, _ytd: _y, ...rest } = f;
  return rest;
}

export function computeBulletin(input: FormulaInput): Bulletin {
  const { month: m } = parseMonth(input.month);
  const schedule = ratio(String(m), '12')!;
  const work = input.rows.map((r) => ({
    r,
    d: r.reported ? { f: figures(r.domestic, r.target_domestic, m) } : null,
    fo: r.reported ? { f: figures(r.foreign, r.target_foreign, m) } : null,
  }));
  assignRanks(work.flatMap((w) => (w.d ? [w.d] : [])));
  assignRanks(work.flatMap((w) => (w.fo ? [w.fo] : [])));

  const rows: BulletinRow[] = work.map(({ r, d, fo }) => ({
    region: r.region,
    name: r.name,
    reported: r.reported,
    has_children: r.has_children,
    ...(d ? strip(d.f) : EMPTY),
    foreign: fo ? strip(fo.f) : { ...EMPTY },
  }));

  const reported = input.rows.filter((r) => r.reported);
  const sum = (kind: 'domestic' | 'foreign'): KindSums => ({
    month: money(reported.reduce((s, r) => s.plus(dec(r[kind].month)), dec(0))),
    ytd: money(reported.reduce((s, r) => s.plus(dec(r[kind].ytd)), dec(0))),
    ytd_beijing: money(reported.reduce((s, r) => s.plus(dec(r[kind].ytd_beijing)), dec(0))),
    ytd_prev: money(reported.reduce((s, r) => s.plus(dec(r[kind].ytd_prev)), dec(0))),
  });
  const targetSum = (key: 'target_domestic' | 'target_foreign') => {
    const ts = input.rows.map((r) => r[key]).filter((t): t is string => t !== null);
    return ts.length ? money(ts.reduce((s, t) => s.plus(dec(t)), dec(0))) : null;
  };
  const totalTargetD = input.parent_target_domestic ?? targetSum('target_domestic');
  const totalTargetF = input.parent_target_foreign ?? targetSum('target_foreign');
  const td = strip(figures(sum('domestic'), totalTargetD, m));
  const tf = strip(figures(sum('foreign'), totalTargetF, m));
  const { rank: _r1, ...tdNoRank } = td;
  const { rank: _r2, ...tfNoRank } = tf;
  const totals: BulletinTotals = { ...tdNoRank, foreign: tfNoRank };

  return { month: input.month, parent: input.parent, schedule, rows, totals };
}
