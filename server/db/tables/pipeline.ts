import type { ColumnType, Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from '../schema.ts';

export interface AttachmentsTable {
  id: Generated<string>;
  name: string;
  mime: string;
  size: ColumnType<number, number, number>;
  sha256: string;
  content: Buffer;
  region: string | null;
  entity: string | null;
  entity_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface EnterprisesTable {
  id: Generated<string>;
  name: string;
  uscc: string | null;
  country: Generated<string>;
  ownership: 'central_soe' | 'local_soe' | 'private' | 'hmt' | 'foreign';
  hq_region: string | null;
  industry: string | null;
  tags: ColumnType<Array<{ tag: string; year?: number; rank?: number }>, string | undefined, string>;
  contacts: ColumnType<Array<Record<string, string>>, string | undefined, string>;
  notes: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  deleted_at: NullableTimestamp;
  /** Set when the record was merged into another during a double-count review. */
  merged_into: string | null;
}

export interface ProjectsTable {
  id: Generated<string>;
  code: string;
  name: string;
  region: string;
  unit_id: string | null;
  investor_id: string;
  origin: string;
  origin_province: string | null;
  capital_kind: 'domestic' | 'foreign';
  industry: string;
  chain_node_id: string | null;
  carrier: string | null;
  planned_amount: ColumnType<string, string | undefined, string>;
  contracted_amount: string | null;
  stage: Generated<string>;
  stage_date: string | null;
  key_level: 'city' | 'district' | null;
  major: Generated<boolean>;
  guarantor_id: string | null;
  responsible_unit_id: string | null;
  introducer: string | null;
  introducer_kind: string | null;
  expected_landing_date: string | null;
  notes: string | null;
  polluting: Generated<boolean>;
  outdated_capacity: Generated<boolean>;
  screening_override_reason: string | null;
  screening_override_by: string | null;
  drop_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  deleted_at: NullableTimestamp;
  /** the name and the investor's name (one per line): what `q` searches by trigram; kept by triggers */
  search_text: Generated<string>;
}

/** One change counter per landing region (`*`: every region), raised by triggers on projects. */
export interface ListVersionsTable {
  region: string;
  version: Generated<string>;
}

export interface ProjectTransitionsTable {
  id: Generated<string>;
  project_id: string;
  from_stage: string | null;
  to_stage: string;
  date: string;
  note: string | null;
  evidence: ColumnType<string[], string[] | undefined, string[]>;
  override_reason: string | null;
  user_id: string | null;
  created_at: Timestamp;
}

/** Office decisions on double-count candidates (重复统计). */
export interface DoubleCountReviewsTable {
  key: string;
  kind: string;
  decision: 'distinct';
  fingerprint: string;
  note: string;
  user_id: string | null;
  created_at: Timestamp;
}

export interface PipelineTables {
  attachments: AttachmentsTable;
  double_count_reviews: DoubleCountReviewsTable;
  enterprises: EnterprisesTable;
  list_versions: ListVersionsTable;
  projects: ProjectsTable;
  project_transitions: ProjectTransitionsTable;
}

export type { Json };
