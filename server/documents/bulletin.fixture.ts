import type { Bulletin, BulletinFigures, BulletinRow } from '../../shared/bulletin.ts';
import { dec, ratio, sumMoney } from '../../shared/money.ts';

/**
 * A realistic bulletin for document tests: Tianjin's 16 districts (GB/T 2260), October 2026, two districts
 * not reported, a tie in completion (broken by ytd), a district with no previous-year figure (yoy null), a
 * falling one, foreign capital with its own ranking. Figures are computed with decimal.js as the service does.
 */

interface Input {
  region: string;
  name: string;
  reported: boolean;
  /** domestic: month, ytd, ytd_prev, target, Beijing part of ytd (万元) */
  d: [string, string, string, string, string];
  /** foreign: month, ytd, ytd_prev, target (万美元) */
  f: [string, string, string, string];
}

const INPUTS: Input[] = [
  {
    region: '120101',
    name: '和平区',
    reported: true,
    d: ['8120.50', '76543.21', '70011.00', '90000.00', '30000.00'],
    f: ['120.00', '1450.00', '1300.00', '1800.00'],
  },
  {
    region: '120102',
    name: '河东区',
    reported: true,
    d: ['5210.00', '60000.00', '64000.00', '80000.00', '15000.00'],
    f: ['80.00', '700.00', '900.00', '1000.00'],
  },
  {
    region: '120103',
    name: '河西区',
    reported: true,
    d: ['9876.54', '88888.88', '80000.00', '100000.00', '40000.00'],
    f: ['200.00', '2100.00', '1900.00', '2500.00'],
  },
  {
    region: '120104',
    name: '南开区',
    reported: true,
    d: ['7000.00', '80000.00', '75000.00', '100000.00', '20000.00'],
    f: ['150.00', '1200.00', '1000.00', '1500.00'],
  },
  {
    region: '120105',
    name: '河北区',
    reported: false,
    d: ['0', '0', '0', '0', '0'],
    f: ['0', '0', '0', '0'],
  },
  {
    region: '120106',
    name: '红桥区',
    reported: true,
    d: ['3100.25', '40000.00', '0.00', '50000.00', '10000.00'],
    f: ['0.00', '300.00', '0.00', '400.00'],
  },
  {
    region: '120110',
    name: '东丽区',
    reported: true,
    d: ['15000.00', '150000.00', '140000.00', '170000.00', '60000.00'],
    f: ['500.00', '5000.00', '4800.00', '6000.00'],
  },
  {
    region: '120111',
    name: '西青区',
    reported: true,
    d: ['16500.75', '160500.75', '150000.00', '180000.00', '50000.00'],
    f: ['600.00', '5400.00', '5000.00', '6500.00'],
  },
  {
    region: '120112',
    name: '津南区',
    reported: true,
    d: ['11000.00', '120000.00', '130000.00', '160000.00', '35000.00'],
    f: ['300.00', '3000.00', '3300.00', '4000.00'],
  },
  {
    region: '120113',
    name: '北辰区',
    reported: true,
    d: ['12345.67', '135000.00', '120000.00', '150000.00', '45000.00'],
    f: ['420.00', '4100.00', '3900.00', '5000.00'],
  },
  {
    region: '120114',
    name: '武清区',
    reported: true,
    d: ['14000.00', '140000.00', '135000.00', '175000.00', '70000.00'],
    f: ['380.00', '3800.00', '3600.00', '5000.00'],
  },
  {
    region: '120115',
    name: '宝坻区',
    reported: true,
    d: ['9000.00', '95000.00', '90000.00', '120000.00', '50000.00'],
    f: ['100.00', '900.00', '850.00', '1200.00'],
  },
  {
    region: '120116',
    name: '滨海新区',
    reported: true,
    d: ['98765.43', '1234567.89', '1100000.00', '1500000.00', '400000.00'],
    f: ['8000.00', '85000.00', '80000.00', '100000.00'],
  },
  {
    region: '120117',
    name: '宁河区',
    reported: false,
    d: ['0', '0', '0', '0', '0'],
    f: ['0', '0', '0', '0'],
  },
  {
    region: '120118',
    name: '静海区',
    reported: true,
    d: ['10000.00', '100000.00', '98000.00', '125000.00', '30000.00'],
    f: ['90.00', '950.00', '1000.00', '1200.00'],
  },
  {
    region: '120119',
    name: '蓟州区',
    reported: true,
    d: ['6000.00', '72000.00', '70000.00', '90000.00', '24000.00'],
    f: ['50.00', '520.00', '500.00', '700.00'],
  },
];

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

function compute(
  month: string,
  ytd: string,
  ytdPrev: string,
  target: string,
  beijing: string | null,
  schedule: string,
): BulletinFigures {
  const yoy = dec(ytdPrev).isZero() ? null : ratio(dec(ytd).minus(dec(ytdPrev)), ytdPrev);
  const completion = ratio(ytd, target);
  return {
    month: dec(month).toFixed(2),
    ytd: dec(ytd).toFixed(2),
    ytd_prev: dec(ytdPrev).toFixed(2),
    yoy,
    target: dec(target).toFixed(2),
    completion,
    behind_schedule: completion === null ? null : dec(completion).lessThan(dec(schedule)),
    beijing_share: beijing === null ? null : ratio(beijing, ytd),
    rank: null,
  };
}

function assignRanks(rows: BulletinRow[], pick: (r: BulletinRow) => BulletinFigures): void {
  const ranked = rows
    .filter((r) => r.reported && pick(r).completion !== null)
    .sort((a, b) => {
      const c = dec(pick(b).completion).comparedTo(dec(pick(a).completion));
      return c !== 0 ? c : dec(pick(b).ytd).comparedTo(dec(pick(a).ytd));
    });
  ranked.forEach((r, i) => {
    pick(r).rank = i + 1;
  });
}

function totalsOf(
  rows: BulletinRow[],
  pick: (r: BulletinRow) => BulletinFigures,
  beijing: boolean,
  schedule: string,
  beijingAmounts: string[],
): Omit<BulletinFigures, 'rank'> {
  const reported = rows.filter((r) => r.reported);
  const sum = (f: (x: BulletinFigures) => string | null) => sumMoney(reported.map((r) => f(pick(r))));
  const t = compute(
    sum((x) => x.month),
    sum((x) => x.ytd),
    sum((x) => x.ytd_prev),
    sum((x) => x.target),
    beijing ? sumMoney(beijingAmounts) : null,
    schedule,
  );
  const { rank: _rank, ...rest } = t;
  return rest;
}

/** The October 2026 bulletin of Tianjin, published as version 1. */
export function tianjinBulletin(overrides: Partial<Bulletin> = {}): Bulletin {
  const schedule = ratio('10', '12') ?? '0';
  const rows: BulletinRow[] = INPUTS.map((i) => {
    if (!i.reported) {
      return {
        region: i.region,
        name: i.name,
        reported: false,
        has_children: false,
        ...EMPTY,
        foreign: { ...EMPTY },
      };
    }
    return {
      region: i.region,
      name: i.name,
      reported: true,
      has_children: false,
      ...compute(i.d[0], i.d[1], i.d[2], i.d[3], i.d[4], schedule),
      foreign: compute(i.f[0], i.f[1], i.f[2], i.f[3], null, schedule),
    };
  });
  assignRanks(rows, (r) => r);
  assignRanks(rows, (r) => r.foreign);
  const beijingAmounts = INPUTS.filter((i) => i.reported).map((i) => i.d[4]);
  const domestic = totalsOf(rows, (r) => r, true, schedule, beijingAmounts);
  const foreign = totalsOf(rows, (r) => r.foreign, false, schedule, []);
  return {
    month: '2026-10',
    parent: { code: '120000', name: '天津市' },
    schedule,
    rows,
    totals: { ...domestic, foreign },
    version: 1,
    published_at: '2026-11-04T17:30:00.000Z',
    content_hash: 'sha256:3f1c9a0d5e7b2a4c6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d',
    issuer: '天津市合作交流办',
    ...overrides,
  };
}

/** Version 2 of the same bulletin: 河北区 now reported, 和平区's ytd corrected. */
export function tianjinBulletinV2(): Bulletin {
  const v1 = tianjinBulletin();
  return {
    ...v1,
    version: 2,
    published_at: '2026-11-12T02:00:00.000Z',
    changes: [
      { region: '120101', name: '和平区', field: 'ytd', from: '75543.21', to: '76543.21' },
      { region: '120101', name: '和平区', field: 'completion', from: '0.8394', to: '0.8505' },
      { region: '120105', name: '河北区', field: 'reported', from: false, to: true },
      { region: '120113', name: '北辰区', field: 'foreign.ytd', from: '4000.00', to: '4100.00' },
      { region: '120113', name: '北辰区', field: 'rank', from: 6, to: 5 },
    ],
  };
}
