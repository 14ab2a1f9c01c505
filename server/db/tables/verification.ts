import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../schema.ts';

export interface VerificationsTable {
  id: Generated<string>;
  period: string;
  title: string;
  sample_size: number;
  seed: string;
  status: Generated<'open' | 'closed'>;
  created_by: string | null;
  created_at: Timestamp;
}

export type VerificationResult = 'pending' | 'confirmed' | 'issue' | 'false';

export interface VerificationItemsTable {
  id: Generated<string>;
  verification_id: string;
  entry_id: string;
  /** the entry's month: entries are partitioned by it, and referenced by (entry_id, entry_month) */
  entry_month: string;
  region: string;
  result: Generated<VerificationResult>;
  finding: string | null;
  checked_by: string | null;
  checked_at: NullableTimestamp;
}

export interface InspectionsTable {
  id: Generated<string>;
  quarter: string;
  title: string;
  status: Generated<'open' | 'closed'>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface InspectionItemsTable {
  id: Generated<string>;
  inspection_id: string;
  project_id: string;
  region: string;
  progress: string | null;
  funds: string | null;
  problems: string | null;
  result: Generated<'pending' | 'ok' | 'issue'>;
  checked_by: string | null;
  checked_at: NullableTimestamp;
}

export type RectificationStatus = 'open' | 'in_progress' | 'submitted' | 'done';

export interface RectificationsTable {
  id: Generated<string>;
  source: 'verification' | 'inspection' | 'assessment' | 'other';
  source_id: string | null;
  item_id: string | null;
  region: string;
  owner_unit_id: string | null;
  title: string;
  description: string | null;
  deadline: string;
  status: Generated<RectificationStatus>;
  evidence: ColumnType<string[], string[] | undefined, string[]>;
  resolution: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface VerificationTables {
  verifications: VerificationsTable;
  verification_items: VerificationItemsTable;
  inspections: InspectionsTable;
  inspection_items: InspectionItemsTable;
  rectifications: RectificationsTable;
}
