import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Numeric, Timestamp } from '../schema.ts';

type Json<T> = ColumnType<T, string | T, string | T>;

export interface CapitalEntriesTable {
  id: Generated<string>;
  project_id: string;
  region: string;
  /** `YYYY-MM-01` */
  month: string;
  kind: 'domestic' | 'foreign';
  amount: Numeric;
  beijing: Generated<boolean>;
  /** the project's industry section, investor origin and origin province, kept in step by triggers */
  section: Generated<string | null>;
  origin: Generated<string | null>;
  origin_province: Generated<string | null>;
  status: Generated<'valid' | 'false'>;
  status_reason: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CapitalMonthlyTable {
  region: string;
  month: string;
  kind: string;
  amount: Numeric;
  beijing_amount: Numeric;
  entries: number;
}

/** Each project's valid capital entries summed per currency; kept by the capital_entries row trigger. */
export interface ProjectFundsTable {
  project_id: string;
  domestic: Numeric;
  foreign: Numeric;
}

export type ReportStatus = 'draft' | 'submitted' | 'approved' | 'returned';

export interface MonthlyReportsTable {
  region: string;
  month: string;
  status: Generated<ReportStatus>;
  submitted_at: NullableTimestamp;
  submitted_by: string | null;
  approved_at: NullableTimestamp;
  approved_by: string | null;
  returned_reason: string | null;
  reopened_reason: string | null;
  lists: Json<unknown> | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ReportEventsTable {
  id: Generated<number>;
  region: string;
  month: string;
  action: string;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  user_id: string | null;
  at: Timestamp;
}

export interface TargetsTable {
  year: number;
  region: string;
  domestic: ColumnType<string, string | undefined, string>;
  foreign: ColumnType<string, string | undefined, string>;
  growth_rate: string | null;
  beijing_share: string | null;
  top500_count: number | null;
  updated_by: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface BulletinVersionsTable {
  id: Generated<string>;
  month: string;
  parent: string;
  version: number;
  content: Json<unknown>;
  content_hash: string;
  changes: Json<unknown>;
  note: string | null;
  published_by: string | null;
  published_at: Timestamp;
}

export interface StatisticsTables {
  capital_entries: CapitalEntriesTable;
  capital_monthly: CapitalMonthlyTable;
  project_funds: ProjectFundsTable;
  monthly_reports: MonthlyReportsTable;
  report_events: ReportEventsTable;
  targets: TargetsTable;
  bulletin_versions: BulletinVersionsTable;
}
