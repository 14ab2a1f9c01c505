import type { ColumnType, Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from '../schema.ts';

export type SchemeStatus = 'draft' | 'active' | 'archived';
export type RunStatus = 'draft' | 'reviewed' | 'final';
export type InterviewStatus = 'planned' | 'held' | 'rectifying' | 'closed';

export interface AssessmentSchemesTable {
  id: Generated<string>;
  name: string;
  effective_year: number;
  status: Generated<SchemeStatus>;
  description: string | null;
  current_version: Generated<number>;
  is_default: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  revision: Generated<number>;
}

export interface AssessmentSchemeVersionsTable {
  scheme_id: string;
  version: number;
  name: string;
  effective_year: number;
  indicators: Json<unknown>;
  used_at: NullableTimestamp;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AssessmentRunsTable {
  id: Generated<string>;
  scheme_id: string;
  scheme_version: number;
  period: string;
  year: number;
  end_month: string;
  parent: string;
  status: Generated<RunStatus>;
  inputs: Json<unknown>;
  summary: Json<unknown>;
  warnings: Json<unknown>;
  content_hash: string;
  previous_run_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  finalized_by: string | null;
  finalized_at: NullableTimestamp;
}

export interface AssessmentResultsTable {
  run_id: string;
  region: string;
  name: string;
  score: string;
  scale_score: string;
  quality_score: string;
  rank: number;
  flags: ColumnType<string[], string[] | undefined, string[]>;
  interview_reasons: ColumnType<string[], string[] | undefined, string[]>;
  figures: Json<unknown>;
  breakdown: Json<unknown>;
}

export interface InterviewCasesTable {
  id: Generated<string>;
  run_id: string;
  region: string;
  reasons: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<InterviewStatus>;
  interview_date: string | null;
  location: string | null;
  interviewer: string | null;
  interviewee: string | null;
  participants: string | null;
  minutes: string | null;
  follow_up: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface AwardsTable {
  id: Generated<string>;
  run_id: string | null;
  recipient_kind: 'region' | 'department' | 'partner';
  region: string | null;
  unit_id: string | null;
  recipient_name: string;
  title: string;
  rank: number | null;
  score: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AssessmentTables {
  assessment_schemes: AssessmentSchemesTable;
  assessment_scheme_versions: AssessmentSchemeVersionsTable;
  assessment_runs: AssessmentRunsTable;
  assessment_results: AssessmentResultsTable;
  interview_cases: InterviewCasesTable;
  awards: AwardsTable;
}
