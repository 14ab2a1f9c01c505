import { sql, type Kysely } from 'kysely';

/**
 * `list_versions` (migration 20261123010000) kept one change counter per landing region, raised by every
 * statement that changes projects and held locked until its transaction ended. So a transaction waited for any
 * other that had changed a project of the same region: a district's edit waited for a 50,000-row import to
 * commit (~10 s), and two transactions that touched two regions in opposite orders deadlocked (one failed).
 *
 * Only the sum of the counters is ever read (a cached list count is reused while the sum is unchanged), so a
 * statement may raise any counter: it now raises one that no other transaction holds (`SKIP LOCKED`), or, when
 * every one is held, a counter of its own transaction's. It never waits, and the table holds at most as many
 * rows as transactions ever wrote projects at once. The sum still changes with every commit that changed
 * projects. The per-region rows are folded into one (their sum is kept, so no cached count is lost), and the
 * triggers no longer collect the changed rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION list_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE list_versions SET version = version + 1
       WHERE region = (SELECT region FROM list_versions FOR UPDATE SKIP LOCKED LIMIT 1);
      IF NOT FOUND THEN
        INSERT INTO list_versions AS v (region, version) VALUES ('tx' || txid_current(), 1)
          ON CONFLICT (region) DO UPDATE SET version = v.version + 1;
      END IF;
      RETURN NULL;
    END $$;

    DROP TRIGGER projects_list_version_ins ON projects;
    DROP TRIGGER projects_list_version_upd ON projects;
    DROP TRIGGER projects_list_version_del ON projects;
    CREATE TRIGGER projects_list_version_ins AFTER INSERT ON projects
      FOR EACH STATEMENT EXECUTE FUNCTION list_versions_bump();
    CREATE TRIGGER projects_list_version_upd AFTER UPDATE ON projects
      FOR EACH STATEMENT EXECUTE FUNCTION list_versions_bump();
    CREATE TRIGGER projects_list_version_del AFTER DELETE ON projects
      FOR EACH STATEMENT EXECUTE FUNCTION list_versions_bump();

    COMMENT ON COLUMN list_versions.region IS
      'a counter''s name (no longer a region): the first one, or tx<xid> for a transaction that found every other held';
    WITH folded AS (DELETE FROM list_versions RETURNING version)
    INSERT INTO list_versions (region, version) SELECT '0', sum(version) FROM folded HAVING count(*) > 0;
  `.execute(db);
}
