import { sql, type Kysely } from 'kysely';

/**
 * A 50,000-row project import (issue 3: < 10 s) spent 16 µs a row checking the foreign key of
 * `assessment_project_class` to `projects` (`EXPLAIN ANALYZE` of a 5,000-row insert: 80 ms of 840). That
 * table is derived: its rows are written only by the triggers on `projects` and the rebuild in
 * `assessment_rebuild`, always from a project row that exists, and projects are never deleted (a delete is
 * soft). The constraint checked what cannot happen, so it goes; what reads the classes joins them to the
 * projects anyway.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE assessment_project_class DROP CONSTRAINT IF EXISTS assessment_project_class_project_id_fkey
  `.execute(db);
}
