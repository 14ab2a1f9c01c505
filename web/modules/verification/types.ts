import type { CapitalKind, Stage } from '../../../shared/enums.ts';

/** Response shapes of verification (核查), inspection (季检查) and rectification (整改), as the server presents them. */

export type OpenClosed = 'open' | 'closed';
export type VerificationResult = 'pending' | 'confirmed' | 'issue' | 'false';
export type CheckResult = Exclude<VerificationResult, 'pending'>;
export type InspectionResult = 'pending' | 'ok' | 'issue';
export type RectificationStatus = 'open' | 'in_progress' | 'submitted' | 'done';
export const RECTIFICATION_STATUSES: readonly RectificationStatus[] = [
  'open',
  'in_progress',
  'submitted',
  'done',
];
export type RectificationSource = 'verification' | 'inspection' | 'assessment' | 'other';
export const RECTIFICATION_SOURCES: readonly RectificationSource[] = [
  'verification',
  'inspection',
  'assessment',
  'other',
];

export interface VerificationSummary {
  id: string;
  period: string;
  title: string;
  sample_size: number;
  seed: string;
  status: OpenClosed;
  created_at: string;
  created_by_name: string | null;
  items: number;
  checked: number;
  findings: number;
}

export interface VerificationItem {
  id: string;
  entry_id: string;
  region: string;
  region_name: string | null;
  result: VerificationResult;
  finding: string | null;
  checked_at: string | null;
  project_id: string;
  project_code: string;
  project_name: string;
  investor_name: string;
  month: string;
  kind: CapitalKind;
  amount: string;
  entry_status: 'valid' | 'false';
}

export interface VerificationDetail {
  id: string;
  period: string;
  title: string;
  sample_size: number;
  seed: string;
  status: OpenClosed;
  created_at: string;
  items: VerificationItem[];
}

export interface VerificationCreated {
  id: string;
  period: string;
  title: string;
  seed: string;
  sample_size: number;
  items: number;
}

export interface InspectionSummary {
  id: string;
  quarter: string;
  title: string;
  status: OpenClosed;
  created_at: string;
  items: number;
  checked: number;
  findings: number;
}

export interface InspectionItem {
  id: string;
  region: string;
  region_name: string | null;
  progress: string | null;
  funds: string | null;
  problems: string | null;
  result: InspectionResult;
  checked_at: string | null;
  project_id: string;
  project_code: string;
  project_name: string;
  stage: Stage;
  key_level: 'city' | 'district' | null;
  major: boolean;
  planned_amount: string;
  investor_name: string;
  funds_in_place: string;
}

export interface InspectionDetail {
  id: string;
  quarter: string;
  title: string;
  status: OpenClosed;
  created_at: string;
  items: InspectionItem[];
}

export interface Rectification {
  id: string;
  source: RectificationSource;
  source_id: string | null;
  item_id: string | null;
  region: string;
  region_name: string | null;
  owner_unit_id: string | null;
  owner_unit_name: string | null;
  title: string;
  description: string | null;
  deadline: string;
  status: RectificationStatus;
  evidence: string[];
  resolution: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  overdue: boolean;
}

export interface RectificationList {
  items: Rectification[];
  total: number;
  overdue: number;
}

export interface RectificationFilters {
  status?: RectificationStatus;
  region?: string;
  overdue?: boolean;
  source?: RectificationSource;
  source_id?: string;
}

export interface RectificationPatch {
  version: number;
  status?: RectificationStatus;
  resolution?: string;
  evidence?: string[];
  deadline?: string;
}

export interface AttachmentMeta {
  id: string;
  name: string;
  mime: string;
  size: number;
}
