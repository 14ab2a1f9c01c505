import { sql, type Kysely } from 'kysely';

/**
 * New projects are classified for the assessment (top-500 investor, strategic industry) without the
 * reclassification's pass over the capital entries: a project that is being inserted has no entries yet
 * (an entry needs its project first), so there is no amount to move between the rollup's columns. The
 * general `assessment_reclassify` joined the entries with each inserted batch — 30 µs a row of a
 * 50,000-row import for nothing. Updates of industry or investor still go through it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION assessment_projects_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE ids uuid[];
    BEGIN
      SELECT array_agg(id) INTO ids FROM new_projects;
      IF ids IS NOT NULL THEN
        INSERT INTO assessment_project_class AS c (project_id, top500, strategic)
          SELECT project_id, top500, strategic FROM assessment_classes(ids)
          ON CONFLICT (project_id) DO UPDATE SET top500 = excluded.top500, strategic = excluded.strategic;
      END IF;
      RETURN NULL;
    END $$;
  `.execute(db);
}
