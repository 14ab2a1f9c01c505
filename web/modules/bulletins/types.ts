import type { BulletinChange } from '../../../shared/bulletin.ts';

export type { Bulletin, BulletinChange, BulletinFigures, BulletinRow } from '../../../shared/bulletin.ts';

/** `GET /api/v1/bulletins/:month/versions` */
export interface BulletinVersion {
  version: number;
  content_hash: string;
  changes: BulletinChange[];
  note: string | null;
  published_at: string;
  published_by: string | null;
}

export interface TrendPoint {
  month: string;
  domestic: string;
  foreign: string;
  domestic_beijing: string;
}

/** `GET /api/v1/bulletins/:month/trend` */
export interface BulletinTrend {
  parent: string;
  month: string;
  current: TrendPoint[];
  previous: TrendPoint[];
}

export type CapitalTab = 'domestic' | 'foreign';
