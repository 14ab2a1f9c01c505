import { sql, type Kysely } from 'kysely';

/**
 * A 50,000-row project import (issue 3: < 10 s) spent ~18 µs a row in the row trigger that fills a new
 * project's `search_text`: a plpgsql call per row that looks its investor's name up by id (`EXPLAIN ANALYZE`
 * of a 5,000-row batch: 93 ms of ~900). The import now writes `search_text` itself, from one join of its
 * rows with their investors, through the same `project_search_text_of` that the trigger uses; the insert
 * trigger fires only when an insert leaves the column at its default (''), as every other insert does.
 * Updates of a name or an investor always recompute it, as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION project_search_text_of(p_name text, p_investor_name text) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
      SELECT p_name || E'\n' || coalesce(p_investor_name, '')
    $$;
    CREATE OR REPLACE FUNCTION project_search_text(p_name text, p_investor uuid) RETURNS text
      LANGUAGE sql STABLE AS $$
      SELECT project_search_text_of(p_name, (SELECT e.name FROM enterprises e WHERE e.id = p_investor))
    $$;

    DROP TRIGGER projects_fill_search ON projects;
    CREATE TRIGGER projects_fill_search BEFORE UPDATE OF name, investor_id ON projects
      FOR EACH ROW EXECUTE FUNCTION projects_fill_search();
    CREATE TRIGGER projects_fill_search_insert BEFORE INSERT ON projects
      FOR EACH ROW WHEN (NEW.search_text = '') EXECUTE FUNCTION projects_fill_search();
  `.execute(db);
}
