import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../schema.ts';

export interface ScheduledRunsTable {
  task: string;
  last_run_at: NullableTimestamp;
  last_status: string | null;
  last_message: string | null;
  last_pid: number | null;
  runs: Generated<number>;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string | null;
  unit_id: string | null;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  dedupe_key: string;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface SchedulerTables {
  scheduled_runs: ScheduledRunsTable;
  notifications: NotificationsTable;
}
