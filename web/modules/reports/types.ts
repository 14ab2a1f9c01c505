import type { CapitalKind, Stage } from '../../../shared/enums.ts';

/** Response shapes of the monthly-statistics API (capital entries, monthly reports), as the server presents them. */

export type ReportStatus = 'draft' | 'submitted' | 'approved' | 'returned';
export const REPORT_STATUSES: readonly ReportStatus[] = ['draft', 'submitted', 'approved', 'returned'];
export type ReportAction = 'submit' | 'approve' | 'return' | 'reopen';

export interface GridRow {
  project_id: string;
  code: string;
  name: string;
  investor_name: string;
  stage: Stage;
  capital_kind: CapitalKind;
  planned_amount: string;
  domestic_id: string | null;
  domestic: string | null;
  domestic_status: 'valid' | 'false' | null;
  domestic_version: number | null;
  foreign_id: string | null;
  foreign: string | null;
  foreign_status: 'valid' | 'false' | null;
  foreign_version: number | null;
  domestic_ytd: string;
  foreign_ytd: string;
}

/** `filled` of the grid: rows with an entry this month (`yes`) or without (`no`). */
export type GridFilled = 'yes' | 'no';

export interface GridQuery {
  page: number;
  pageSize: number;
  q: string;
  filled?: GridFilled;
}

/** One page of the entry grid; `totals` and `ytd_totals` are the region's over every row of the grid. */
export interface EntryGrid {
  region: string;
  month: string;
  report_status: ReportStatus;
  locked: boolean;
  rows: GridRow[];
  totals: { domestic: string; foreign: string };
  ytd_totals: { domestic: string; foreign: string };
  /** Rows that match `q` and `filled`. */
  total: number;
  page: number;
  page_size: number;
}

export interface GridSaveRow {
  project_id: string;
  domestic?: string | null;
  foreign?: string | null;
}

export interface ReportListItem {
  id: string;
  code: string;
  name: string;
  investor_name: string;
  planned_amount: string;
  stage: Stage;
  expected_landing_date: string | null;
  capital_kind: CapitalKind;
}

export interface ReportEvent {
  action: ReportAction;
  from_status: ReportStatus;
  to_status: ReportStatus;
  reason: string | null;
  at: string;
  user_name: string | null;
}

export interface MonthlyReport {
  region: string;
  name: string;
  month: string;
  status: ReportStatus;
  locked: boolean;
  domestic_total: string;
  foreign_total: string;
  entries: number;
  due_date: string;
  late: boolean;
  submitted_at: string | null;
  approved_at: string | null;
  returned_reason: string | null;
  reopened_reason: string | null;
  version: number;
  lists: {
    foreign_registered: ReportListItem[];
    landing_soon: ReportListItem[];
    negotiating: ReportListItem[];
  };
  history: ReportEvent[];
}

export interface QueueItem {
  region: string;
  name: string;
  month: string;
  status: ReportStatus;
  domestic_total: string;
  foreign_total: string;
  entries: number;
  submitted_at: string | null;
  approved_at: string | null;
  due_date: string;
  late: boolean;
}

export interface ReportQueue {
  month: string;
  due_date: string;
  items: QueueItem[];
  total: number;
  summary: Record<ReportStatus | 'late', number>;
}
