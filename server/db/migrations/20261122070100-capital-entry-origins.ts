import { sql, type Kysely } from 'kysely';

/**
 * Each capital entry carries its project's industry section (GB/T 4754 门类), investor origin and origin
 * province, as it already carries the region and the Beijing flag: the cockpit's breakdowns by industry, by
 * origin and by country then read the entries of a year through one covering index, without a lookup into a
 * million projects per entry (national scale: 12 million entries). Kept in step by triggers: filled on
 * insert from the project, and rewritten when a project's industry or origin changes (as its region is).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE capital_entries ADD COLUMN section text, ADD COLUMN origin text, ADD COLUMN origin_province text;

    -- the backfill changes no amount, region or status: the rollups' triggers have nothing to do
    ALTER TABLE capital_entries DISABLE TRIGGER capital_entries_rollup;
    ALTER TABLE capital_entries DISABLE TRIGGER capital_entries_assessment_rollup;
    UPDATE capital_entries e
       SET section = i.section, origin = p.origin, origin_province = p.origin_province
      FROM projects p LEFT JOIN industries i ON i.code = p.industry
     WHERE p.id = e.project_id;
    ALTER TABLE capital_entries ENABLE TRIGGER capital_entries_rollup;
    ALTER TABLE capital_entries ENABLE TRIGGER capital_entries_assessment_rollup;

    CREATE FUNCTION capital_entries_fill_origin() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      SELECT i.section, p.origin, p.origin_province INTO NEW.section, NEW.origin, NEW.origin_province
        FROM projects p LEFT JOIN industries i ON i.code = p.industry
       WHERE p.id = NEW.project_id;
      RETURN NEW;
    END $$;
    CREATE TRIGGER capital_entries_fill_origin BEFORE INSERT OR UPDATE OF project_id ON capital_entries
      FOR EACH ROW EXECUTE FUNCTION capital_entries_fill_origin();

    CREATE OR REPLACE FUNCTION projects_sync_entries() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.region IS DISTINCT FROM OLD.region OR NEW.origin_province IS DISTINCT FROM OLD.origin_province
         OR NEW.origin IS DISTINCT FROM OLD.origin OR NEW.industry IS DISTINCT FROM OLD.industry THEN
        UPDATE capital_entries
           SET region = NEW.region, beijing = coalesce(NEW.origin_province = '110000', false),
               origin = NEW.origin, origin_province = NEW.origin_province,
               section = (SELECT section FROM industries WHERE code = NEW.industry)
         WHERE project_id = NEW.id;
      END IF;
      RETURN NULL;
    END $$;
    DROP TRIGGER projects_sync_entries ON projects;
    CREATE TRIGGER projects_sync_entries AFTER UPDATE OF region, origin_province, origin, industry ON projects
      FOR EACH ROW EXECUTE FUNCTION projects_sync_entries();

    -- a year's entries of a set of regions, read from the index alone
    DROP INDEX capital_entries_region_month_idx;
    CREATE INDEX capital_entries_region_month_idx ON capital_entries (region, month)
      INCLUDE (kind, status, amount, project_id, section, origin, origin_province);
    ANALYZE capital_entries;
  `.execute(db);
}
