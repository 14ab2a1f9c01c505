/**
 * The monthly bulletin (月通报) as the API returns it (SPEC §3.2, §4) and as the documents render it.
 * Amounts are decimal strings (万元 domestic, 万美元 foreign), ratios decimal strings with 4 decimals,
 * `null` where undefined (no target, ytd_prev = 0, region not reported).
 */
export interface BulletinFigures {
  month: string | null;
  ytd: string | null;
  ytd_prev: string | null;
  yoy: string | null;
  target: string | null;
  completion: string | null;
  behind_schedule: boolean | null;
  beijing_share: string | null;
  rank: number | null;
}

export interface BulletinRow extends BulletinFigures {
  region: string;
  name: string;
  /** false: the region's report for the month is not approved; shown as 未报送 with every figure null. */
  reported: boolean;
  /** true when the region has child regions the table can open into. */
  has_children: boolean;
  foreign: BulletinFigures;
}

export interface BulletinTotals extends Omit<BulletinFigures, 'rank' | 'behind_schedule'> {
  behind_schedule: boolean | null;
  foreign: Omit<BulletinFigures, 'rank'>;
}

export interface BulletinChange {
  region: string;
  name: string;
  /** e.g. `ytd`, `foreign.ytd`, `reported` */
  field: string;
  from: string | number | boolean | null;
  to: string | number | boolean | null;
}

export interface Bulletin {
  /** `YYYY-MM` */
  month: string;
  /** The region whose children are the rows (the deployment root unless `?parent=`). */
  parent: { code: string; name: string };
  /** M / 12 as a 4-decimal string. */
  schedule: string;
  rows: BulletinRow[];
  totals: BulletinTotals;
  /** Present on a published version. */
  version?: number;
  published_at?: string;
  content_hash?: string;
  /** Issuing unit shown at the foot of the notice, e.g. 天津市合作交流办. */
  issuer?: string;
  /** Against the previous published version (version ≥ 2). */
  changes?: BulletinChange[];
  /** true when this is the live computation, not a published snapshot. */
  live?: boolean;
}
