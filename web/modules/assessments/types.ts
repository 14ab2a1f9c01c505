import type { ExplainItem } from '../../../shared/schemas/assessments.ts';
import type {
  Indicator,
  IndicatorGroup,
  InterviewReason,
  InterviewStatus,
  RunFlag,
  RunStatus,
  SchemeStatus,
  ScoringRule,
} from '../../../shared/schemas/assessments.ts';

/** Response shapes of the assessment API (server/modules/assessments, interviews). */

export interface MetricInfo {
  id: string;
  name: { zh: string; en: string };
  unit: 'ratio' | 'count';
  description: { zh: string; en: string };
  benchmark: { zh: string; en: string } | null;
}

export interface SchemeVersionInfo {
  version: number;
  name: string;
  effective_year: number;
  used_at: string | null;
  runs: number;
  note: string | null;
  created_at: string;
  created_by: string | null;
}

export interface Scheme {
  id: string;
  name: string;
  effective_year: number;
  status: SchemeStatus;
  description: string | null;
  version: number;
  revision: number;
  is_default: boolean;
  used: boolean;
  runs: number;
  weight_total: string;
  indicators: Indicator[];
  created_at: string;
  updated_at: string;
  versions?: SchemeVersionInfo[];
  historical?: boolean;
  new_version?: boolean;
}

export interface AssessmentSettings {
  strategic_industries: Array<{ code: string; name: string | null }>;
  strategic_note: string | null;
  top500_tags: string[];
  central_soe: boolean;
}

export interface KindFigure {
  actual: string;
  annual_target: string | null;
  target: string | null;
  completion: string | null;
  missed: boolean | null;
}

export interface BreakdownLine {
  indicator: string;
  name: string;
  group: IndicatorGroup;
  metric: string;
  weight: string;
  rule: ScoringRule;
  value: string | null;
  target: string | null;
  points: string;
  exempt: boolean;
  inputs: Record<string, string | number | null>;
  formula: string;
  value_rank?: number | null;
  note?: string;
}

export interface RunResult {
  region: string;
  name: string;
  score: string;
  scale_score: string;
  quality_score: string;
  rank: number;
  flags: RunFlag[];
  interview_reasons: InterviewReason[];
  figures: { domestic: KindFigure; foreign: KindFigure };
  breakdown: BreakdownLine[];
}

export interface RunWarning {
  region: string | null;
  code: string;
  message: string;
  months?: string[];
}

export interface RunHead {
  id: string;
  period: string;
  year: number;
  parent: string;
  scheme_id: string;
  scheme_name: string;
  scheme_version: number;
  status: RunStatus;
  summary: { regions: number; interview: number; award: number };
  warnings: RunWarning[];
  content_hash: string;
  previous_run_id: string | null;
  note: string | null;
  created_at: string;
  created_by: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  finalized_at: string | null;
  finalized_by: string | null;
}

export interface Run extends RunHead {
  factor: string;
  end_month: string;
  indicators: Indicator[];
  results: RunResult[];
}

export interface RunDiff {
  run: { id: string; period: string; scheme_version: number; status: RunStatus };
  against: { id: string; period: string; scheme_version: number; status: RunStatus };
  same_scheme_version: boolean;
  changes: Array<{
    region: string;
    name: string;
    field: string;
    from: string | number | null;
    to: string | number | null;
  }>;
  regions: Array<{
    region: string;
    name: string;
    score_from: string | null;
    score_to: string;
    rank_from: number | null;
    rank_to: number;
    flags_from: RunFlag[] | null;
    flags_to: RunFlag[];
    indicators: Array<{
      indicator: string;
      name: string;
      value_from: string | null;
      value_to: string | null;
      points_from: string | null;
      points_to: string;
    }>;
  }>;
}

export type { ExplainItem } from '../../../shared/schemas/assessments.ts';

export interface RegionIndicator extends BreakdownLine {
  metric_name: { zh: string; en: string };
  metric_unit: 'ratio' | 'count';
  metric_description: { zh: string; en: string } | null;
  explanation: {
    basis: { zh: string; en: string };
    items: ExplainItem[];
    total_items: number;
    truncated: boolean;
    totals: Record<string, string | number | null>;
  } | null;
  matches_run: boolean | null;
}

export interface RegionDetail extends Omit<RunResult, 'breakdown'> {
  run: RunHead & { factor: string; end_month: string; rows: number };
  breakdown: BreakdownLine[];
  indicators: RegionIndicator[];
}

export interface RectificationItem {
  id: string;
  title: string;
  description: string | null;
  deadline: string;
  status: 'open' | 'in_progress' | 'submitted' | 'done';
  owner_unit_id: string | null;
  owner_unit_name: string | null;
  resolution: string | null;
  overdue: boolean;
  version: number;
}

export interface InterviewCase {
  id: string;
  run_id: string;
  period: string;
  region: string;
  region_name: string | null;
  reasons: InterviewReason[];
  status: InterviewStatus;
  interview_date: string | null;
  location: string | null;
  interviewer: string | null;
  interviewee: string | null;
  participants: string | null;
  minutes: string | null;
  follow_up: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  score: string | null;
  rank: number | null;
  rectifications: number;
  open_rectifications: number;
}

export interface InterviewDetail extends InterviewCase {
  period_label: string;
  result: { score: string; rank: number; flags: RunFlag[]; interview_reasons: InterviewReason[] } | null;
  rectification_items: RectificationItem[];
}

export interface Award {
  id: string;
  run_id: string | null;
  period: string | null;
  recipient_kind: 'region' | 'department' | 'partner';
  region: string | null;
  recipient_name: string;
  title: string;
  rank: number | null;
  score: string | null;
  note: string | null;
  created_at: string;
}
