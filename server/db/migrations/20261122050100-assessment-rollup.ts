import { sql, type Kysely } from 'kysely';

/**
 * The assessment's rollup, so that an annual run at national scale reads a few hundred thousand rows instead
 * of millions of entries: each project's class (a top-500/central-SOE investor; a strategic emerging industry,
 * by the settings of the day) is kept in `assessment_project_class`, and `assessment_monthly` sums the valid
 * entries per region, month and kind with their top-500 and strategic parts.
 *
 * Kept in step by triggers: an entry written, moved or found false adjusts its month with its project's
 * stored class; a project whose industry or investor changes, or an enterprise whose tags or ownership change,
 * is classified again and its entries' parts move between the columns; a change of the settings rebuilds
 * both (`assessment_rebuild()`, called by the settings service in its transaction). A test checks the rollup
 * against the raw entries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE assessment_project_class (
      project_id uuid PRIMARY KEY REFERENCES projects(id),
      top500 boolean NOT NULL DEFAULT false,
      strategic boolean NOT NULL DEFAULT false
    );

    CREATE TABLE assessment_monthly (
      region text NOT NULL,
      month date NOT NULL,
      kind text NOT NULL,
      amount numeric(20, 2) NOT NULL DEFAULT 0,
      top500_amount numeric(20, 2) NOT NULL DEFAULT 0,
      strategic_amount numeric(20, 2) NOT NULL DEFAULT 0,
      entries int NOT NULL DEFAULT 0,
      PRIMARY KEY (region, month, kind)
    );
    CREATE INDEX assessment_monthly_month_idx ON assessment_monthly (month, region);

    -- the classes of the projects given, by the current settings
    CREATE FUNCTION assessment_classes(ids uuid[])
    RETURNS TABLE (project_id uuid, top500 boolean, strategic boolean) LANGUAGE sql STABLE AS $$
      WITH cfg AS (
        SELECT
          coalesce((SELECT value->'codes' FROM settings WHERE key = 'assessment.strategic_industries'), '[]'::jsonb) AS codes,
          coalesce((SELECT value->'top500_tags' FROM settings WHERE key = 'assessment.investors'),
                   '["private500", "global500"]'::jsonb) AS tags,
          coalesce((SELECT (value->>'central_soe')::boolean FROM settings WHERE key = 'assessment.investors'), true) AS central
      ),
      prefixes AS (SELECT array_agg(c || '%') AS likes, array_agg(c) AS codes FROM cfg, jsonb_array_elements_text(cfg.codes) c),
      tagpat AS (SELECT array_agg(jsonb_build_array(jsonb_build_object('tag', t))) AS pats FROM cfg, jsonb_array_elements_text(cfg.tags) t)
      SELECT p.id,
        coalesce((cfg.central AND i.ownership = 'central_soe') OR i.tags @> ANY(coalesce(tagpat.pats, '{}')), false),
        coalesce(p.industry LIKE ANY(coalesce(prefixes.likes, '{}')) OR ind.section = ANY(coalesce(prefixes.codes, '{}')), false)
      FROM projects p
      JOIN enterprises i ON i.id = p.investor_id
      LEFT JOIN industries ind ON ind.code = p.industry
      CROSS JOIN cfg CROSS JOIN prefixes CROSS JOIN tagpat
      WHERE p.id = ANY(ids)
    $$;

    -- classifies projects again and moves their entries' parts between the columns where the class changed
    -- (one statement: \`changed\` sees the classes as they were before the upsert)
    CREATE FUNCTION assessment_reclassify(ids uuid[]) RETURNS void LANGUAGE sql AS $$
      WITH n AS (SELECT * FROM assessment_classes(ids)),
      changed AS (
        SELECT n.project_id, n.top500, n.strategic,
          n.top500::int - coalesce(o.top500, false)::int AS dt,
          n.strategic::int - coalesce(o.strategic, false)::int AS ds
        FROM n LEFT JOIN assessment_project_class o ON o.project_id = n.project_id
        WHERE o.project_id IS NULL OR o.top500 <> n.top500 OR o.strategic <> n.strategic
      ),
      upsert AS (
        INSERT INTO assessment_project_class AS c (project_id, top500, strategic)
        SELECT project_id, top500, strategic FROM changed
        ON CONFLICT (project_id) DO UPDATE SET top500 = excluded.top500, strategic = excluded.strategic
      )
      UPDATE assessment_monthly m SET
        top500_amount = m.top500_amount + d.t,
        strategic_amount = m.strategic_amount + d.s
      FROM (
        SELECT e.region, e.month, e.kind, sum(e.amount * x.dt) AS t, sum(e.amount * x.ds) AS s
        FROM capital_entries e JOIN changed x ON x.project_id = e.project_id
        WHERE e.status = 'valid' AND (x.dt <> 0 OR x.ds <> 0)
        GROUP BY e.region, e.month, e.kind
      ) d
      WHERE m.region = d.region AND m.month = d.month AND m.kind = d.kind;
    $$;

    -- both tables from scratch (the settings changed)
    CREATE FUNCTION assessment_rebuild() RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      LOCK TABLE assessment_monthly IN EXCLUSIVE MODE;
      DELETE FROM assessment_project_class;
      INSERT INTO assessment_project_class (project_id, top500, strategic)
        SELECT * FROM assessment_classes(ARRAY(SELECT id FROM projects));
      DELETE FROM assessment_monthly;
      INSERT INTO assessment_monthly (region, month, kind, amount, top500_amount, strategic_amount, entries)
        SELECT e.region, e.month, e.kind, sum(e.amount),
          coalesce(sum(e.amount) FILTER (WHERE c.top500), 0), coalesce(sum(e.amount) FILTER (WHERE c.strategic), 0),
          count(*)
        FROM capital_entries e LEFT JOIN assessment_project_class c ON c.project_id = e.project_id
        WHERE e.status = 'valid'
        GROUP BY e.region, e.month, e.kind;
    END $$;

    CREATE FUNCTION assessment_monthly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      c assessment_project_class;
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'valid' THEN
        SELECT * INTO c FROM assessment_project_class WHERE project_id = OLD.project_id;
        INSERT INTO assessment_monthly AS m (region, month, kind, amount, top500_amount, strategic_amount, entries)
        VALUES (OLD.region, OLD.month, OLD.kind, -OLD.amount,
          CASE WHEN c.top500 THEN -OLD.amount ELSE 0 END, CASE WHEN c.strategic THEN -OLD.amount ELSE 0 END, -1)
        ON CONFLICT (region, month, kind) DO UPDATE SET
          amount = m.amount + excluded.amount,
          top500_amount = m.top500_amount + excluded.top500_amount,
          strategic_amount = m.strategic_amount + excluded.strategic_amount,
          entries = m.entries + excluded.entries;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'valid' THEN
        SELECT * INTO c FROM assessment_project_class WHERE project_id = NEW.project_id;
        INSERT INTO assessment_monthly AS m (region, month, kind, amount, top500_amount, strategic_amount, entries)
        VALUES (NEW.region, NEW.month, NEW.kind, NEW.amount,
          CASE WHEN c.top500 THEN NEW.amount ELSE 0 END, CASE WHEN c.strategic THEN NEW.amount ELSE 0 END, 1)
        ON CONFLICT (region, month, kind) DO UPDATE SET
          amount = m.amount + excluded.amount,
          top500_amount = m.top500_amount + excluded.top500_amount,
          strategic_amount = m.strategic_amount + excluded.strategic_amount,
          entries = m.entries + excluded.entries;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER capital_entries_assessment_rollup AFTER INSERT OR UPDATE OR DELETE ON capital_entries
      FOR EACH ROW EXECUTE FUNCTION assessment_monthly_apply();

    -- new projects: classified by statement (bulk imports run it once)
    CREATE FUNCTION assessment_projects_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE ids uuid[];
    BEGIN
      SELECT array_agg(id) INTO ids FROM new_projects;
      IF ids IS NOT NULL THEN PERFORM assessment_reclassify(ids); END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER projects_assessment_class_insert AFTER INSERT ON projects
      REFERENCING NEW TABLE AS new_projects FOR EACH STATEMENT EXECUTE FUNCTION assessment_projects_inserted();

    CREATE FUNCTION assessment_project_classify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.industry IS DISTINCT FROM OLD.industry OR NEW.investor_id IS DISTINCT FROM OLD.investor_id THEN
        PERFORM assessment_reclassify(ARRAY[NEW.id]);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER projects_assessment_class AFTER UPDATE OF industry, investor_id ON projects
      FOR EACH ROW EXECUTE FUNCTION assessment_project_classify();

    CREATE FUNCTION assessment_enterprise_classify() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE ids uuid[];
    BEGIN
      IF NEW.tags IS DISTINCT FROM OLD.tags OR NEW.ownership IS DISTINCT FROM OLD.ownership THEN
        SELECT array_agg(id) INTO ids FROM projects WHERE investor_id = NEW.id;
        IF ids IS NOT NULL THEN PERFORM assessment_reclassify(ids); END IF;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER enterprises_assessment_class AFTER UPDATE OF tags, ownership ON enterprises
      FOR EACH ROW EXECUTE FUNCTION assessment_enterprise_classify();

    SELECT assessment_rebuild();
    ANALYZE assessment_monthly;
  `.execute(db);
}
