import { sql, type Kysely } from 'kysely';

/**
 * The project list at 100,000 projects and 50 connections (issue 3: p99 < 50 ms) spent its time in two
 * places, both fixed here:
 *
 * 1. `q` (project name, investor name, USCC, project code) was a UNION of three lookups, one of them a join
 *    through the investors; a broad term (新能源: 15 % of the projects) built the whole union before the
 *    page could be taken. Each project now carries `search_text` (its name and its investor's name, one per
 *    line) with one pg_trgm index, kept in step by triggers (the project's own name and investor on
 *    insert/update, and every project of an investor whose name changes); the code and the USCC stay exact
 *    matches on their btree indexes. A page then walks the sort index and stops after 20 matches. The
 *    trigram index of the project name alone is dropped (nothing searched it any more), and two pairs of
 *    overlapping btree indexes become one each: every index costs time on each of a 50,000-row import.
 *
 * 2. The `total` of every page was a count over every visible project. `list_versions` holds one counter per
 *    landing region (and `*` for investor renames), raised once per statement that changes projects there
 *    (statement-level triggers with transition tables: an import of 50,000 rows raises each of its regions
 *    once). The list reads the sum of the counters in the same statement as a count, caches the count with
 *    that sum, and reuses it while the sum is unchanged — so a count is exact for the data the reader sees,
 *    is checked against the database on every request (several app processes never serve a stale total),
 *    and writers in different regions do not wait for each other.
 *
 * 3. The funds in place of each listed project were a sum over every yearly partition of the capital
 *    entries (planning 22 partitions took longer than the page). `project_funds` keeps each project's sum of
 *    valid entries per currency, maintained by the same row trigger as `capital_monthly` (and rebuilt with
 *    it after bulk loads), so the page reads one row per project.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE projects ADD COLUMN search_text text NOT NULL DEFAULT '';

    CREATE FUNCTION project_search_text(p_name text, p_investor uuid) RETURNS text
      LANGUAGE sql STABLE AS $$
      SELECT p_name || E'\n' || coalesce((SELECT e.name FROM enterprises e WHERE e.id = p_investor), '')
    $$;

    UPDATE projects SET search_text = project_search_text(name, investor_id);

    CREATE FUNCTION projects_fill_search() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_text := project_search_text(NEW.name, NEW.investor_id);
      RETURN NEW;
    END $$;
    CREATE TRIGGER projects_fill_search BEFORE INSERT OR UPDATE OF name, investor_id ON projects
      FOR EACH ROW EXECUTE FUNCTION projects_fill_search();

    CREATE FUNCTION enterprises_sync_search() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.name IS DISTINCT FROM OLD.name THEN
        UPDATE projects SET search_text = project_search_text(name, investor_id)
         WHERE investor_id = NEW.id;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER enterprises_sync_search AFTER UPDATE ON enterprises
      FOR EACH ROW EXECUTE FUNCTION enterprises_sync_search();

    CREATE INDEX projects_search_trgm_idx ON projects USING gin (search_text gin_trgm_ops);
    DROP INDEX projects_name_trgm_idx;
    -- a district's list (its county, newest first): in order from the index, whatever else it filters on;
    -- text_pattern_ops, so that it also serves a city's or a province's prefix (it replaces the region index)
    CREATE INDEX projects_region_created_idx ON projects (region text_pattern_ops, created_at DESC, id DESC)
      WHERE deleted_at IS NULL;
    DROP INDEX projects_region_idx;
    -- one index for the investor's projects, live or not (the foreign key's checks need the deleted ones too)
    DROP INDEX projects_investor_name_idx;
    DROP INDEX projects_investor_idx;
    CREATE INDEX projects_investor_name_idx ON projects (investor_id, name);

    CREATE TABLE list_versions (
      region text PRIMARY KEY,
      version bigint NOT NULL
    );

    -- one function for the four triggers: the regions a statement touched (every region for a TRUNCATE)
    CREATE FUNCTION list_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE touched text[];
    BEGIN
      IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT region) INTO touched FROM new_rows;
      ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT region) INTO touched FROM old_rows;
      ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(DISTINCT region) INTO touched
          FROM (SELECT region FROM new_rows UNION ALL SELECT region FROM old_rows) r;
      ELSE
        touched := ARRAY['*'];
      END IF;
      INSERT INTO list_versions AS v (region, version)
        SELECT t, 1 FROM unnest(touched) t ORDER BY 1
        ON CONFLICT (region) DO UPDATE SET version = v.version + 1;
      RETURN NULL;
    END $$;

    CREATE TRIGGER projects_list_version_ins AFTER INSERT ON projects
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION list_versions_bump();
    CREATE TRIGGER projects_list_version_upd AFTER UPDATE ON projects
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION list_versions_bump();
    CREATE TRIGGER projects_list_version_del AFTER DELETE ON projects
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION list_versions_bump();
    -- a renamed investor moves its projects in and out of searches: covered by enterprises_sync_search
    -- (an UPDATE of the projects); an investor's other fields are not part of any count
    CREATE TRIGGER projects_list_version_truncate AFTER TRUNCATE ON projects
      FOR EACH STATEMENT EXECUTE FUNCTION list_versions_bump();

    CREATE TABLE project_funds (
      project_id uuid PRIMARY KEY,
      domestic numeric(20, 2) NOT NULL DEFAULT 0,
      "foreign" numeric(20, 2) NOT NULL DEFAULT 0
    );
    INSERT INTO project_funds (project_id, domestic, "foreign")
      SELECT project_id, coalesce(sum(amount) FILTER (WHERE kind = 'domestic'), 0),
             coalesce(sum(amount) FILTER (WHERE kind = 'foreign'), 0)
        FROM capital_entries WHERE status = 'valid' GROUP BY project_id;

    CREATE OR REPLACE FUNCTION capital_monthly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'valid' THEN
        INSERT INTO capital_monthly AS c (region, month, kind, amount, beijing_amount, entries)
        VALUES (OLD.region, OLD.month, OLD.kind, -OLD.amount, CASE WHEN OLD.beijing THEN -OLD.amount ELSE 0 END, -1)
        ON CONFLICT (region, month, kind) DO UPDATE SET
          amount = c.amount + excluded.amount,
          beijing_amount = c.beijing_amount + excluded.beijing_amount,
          entries = c.entries + excluded.entries;
        INSERT INTO project_funds AS f (project_id, domestic, "foreign")
        VALUES (OLD.project_id, CASE WHEN OLD.kind = 'domestic' THEN -OLD.amount ELSE 0 END,
                CASE WHEN OLD.kind = 'foreign' THEN -OLD.amount ELSE 0 END)
        ON CONFLICT (project_id) DO UPDATE SET
          domestic = f.domestic + excluded.domestic, "foreign" = f."foreign" + excluded."foreign";
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'valid' THEN
        INSERT INTO capital_monthly AS c (region, month, kind, amount, beijing_amount, entries)
        VALUES (NEW.region, NEW.month, NEW.kind, NEW.amount, CASE WHEN NEW.beijing THEN NEW.amount ELSE 0 END, 1)
        ON CONFLICT (region, month, kind) DO UPDATE SET
          amount = c.amount + excluded.amount,
          beijing_amount = c.beijing_amount + excluded.beijing_amount,
          entries = c.entries + excluded.entries;
        INSERT INTO project_funds AS f (project_id, domestic, "foreign")
        VALUES (NEW.project_id, CASE WHEN NEW.kind = 'domestic' THEN NEW.amount ELSE 0 END,
                CASE WHEN NEW.kind = 'foreign' THEN NEW.amount ELSE 0 END)
        ON CONFLICT (project_id) DO UPDATE SET
          domestic = f.domestic + excluded.domestic, "foreign" = f."foreign" + excluded."foreign";
      END IF;
      RETURN NULL;
    END $$;

    -- the planner needs the new column's statistics to walk the sort index for a broad search
    ANALYZE projects;
  `.execute(db);
}
