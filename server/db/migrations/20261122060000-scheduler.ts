import { sql, type Kysely } from 'kysely';

/** Scheduled work taken by one process at a time, and deadline notifications (SPEC §3.8). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE scheduled_runs (
      task text PRIMARY KEY,
      last_run_at timestamptz,
      last_status text,
      last_message text,
      last_pid int,
      runs int NOT NULL DEFAULT 0
    );

    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      unit_id uuid REFERENCES units(id),
      kind text NOT NULL,
      title text NOT NULL,
      body text,
      link text,
      -- one notification per subject and day: the hourly job may run again without repeating itself
      dedupe_key text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
    CREATE INDEX notifications_unit_idx ON notifications (unit_id, created_at DESC);
  `.execute(db);
}
