import type { ColumnType, Generated } from 'kysely';
import type { AssessmentTables } from './tables/assessments.ts';
import type { PipelineTables } from './tables/pipeline.ts';
import type { StatisticsTables } from './tables/statistics.ts';
import type { VerificationTables } from './tables/verification.ts';
import type { SchedulerTables } from './tables/scheduler.ts';

/**
 * The Kysely view of the database. Core tables live here; each module declares its own tables in
 * `modules/<name>/<name>.tables.ts` and they are joined into `DB` below.
 */
/** A timestamptz column (with a default where inserts may omit it). */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
/** `numeric` columns: strings both ways, never JS floats. */
export type Numeric = ColumnType<string, string, string>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface RegionsTable {
  code: string;
  name: string;
  level: 'country' | 'province' | 'city' | 'county';
  parent: string | null;
  kind: string;
}

export interface IndustriesTable {
  code: string;
  name: string;
  level: number;
  parent: string | null;
  section: string;
}

export interface UnitsTable {
  id: Generated<string>;
  name: string;
  kind: string;
  region: string;
  parent_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  deleted_at: NullableTimestamp;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  password_hash: string;
  display_name: string;
  role: string;
  unit_id: string | null;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string | null;
  success: boolean;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: string | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  ip: string | null;
  request_id: string | null;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  done: Generated<number>;
  total: Generated<number>;
  message: string | null;
  result: Json | null;
  file: Buffer | null;
  file_name: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CoreTables {
  regions: RegionsTable;
  industries: IndustriesTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  jobs: JobsTable;
}

// Each area's tables live in ./tables/<area>.ts and are joined here, one name per area.
export interface DB
  extends
    CoreTables,
    PipelineTables,
    StatisticsTables,
    VerificationTables,
    AssessmentTables,
    SchedulerTables {}
