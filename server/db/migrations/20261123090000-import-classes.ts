import { sql, type Kysely } from 'kysely';

/**
 * The assessment's class rules (strategic industry prefixes, top-500 tags, central SOEs) read from the
 * settings in one function, `assessment_class_rules()`, used by `assessment_classes(ids)` and by the insert
 * trigger. The trigger now classifies the inserted rows from its transition table instead of looking each
 * of them up again by id (`assessment_classes(ids)` reads `projects`): 70–80 → 37–46 ms a 5,000-row batch
 * of an import on the bench database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION assessment_class_rules(OUT likes text[], OUT codes text[], OUT central boolean, OUT pats jsonb[])
    LANGUAGE sql STABLE AS $$
      WITH cfg AS (
        SELECT
          coalesce((SELECT value->'codes' FROM settings WHERE key = 'assessment.strategic_industries'), '[]'::jsonb) AS codes,
          coalesce((SELECT value->'top500_tags' FROM settings WHERE key = 'assessment.investors'),
                   '["private500", "global500"]'::jsonb) AS tags,
          coalesce((SELECT (value->>'central_soe')::boolean FROM settings WHERE key = 'assessment.investors'), true) AS central
      )
      SELECT
        coalesce((SELECT array_agg(c || '%') FROM jsonb_array_elements_text(cfg.codes) c), '{}'),
        coalesce((SELECT array_agg(c) FROM jsonb_array_elements_text(cfg.codes) c), '{}'),
        cfg.central,
        coalesce((SELECT array_agg(jsonb_build_array(jsonb_build_object('tag', t))) FROM jsonb_array_elements_text(cfg.tags) t), '{}')
      FROM cfg
    $$;

    CREATE OR REPLACE FUNCTION assessment_classes(ids uuid[])
    RETURNS TABLE (project_id uuid, top500 boolean, strategic boolean) LANGUAGE sql STABLE AS $$
      SELECT p.id,
        coalesce((r.central AND i.ownership = 'central_soe') OR i.tags @> ANY(r.pats), false),
        coalesce(p.industry LIKE ANY(r.likes) OR ind.section = ANY(r.codes), false)
      FROM projects p
      JOIN enterprises i ON i.id = p.investor_id
      LEFT JOIN industries ind ON ind.code = p.industry
      CROSS JOIN assessment_class_rules() r
      WHERE p.id = ANY(ids)
    $$;

    CREATE OR REPLACE FUNCTION assessment_projects_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO assessment_project_class AS c (project_id, top500, strategic)
        SELECT n.id,
          coalesce((r.central AND i.ownership = 'central_soe') OR i.tags @> ANY(r.pats), false),
          coalesce(n.industry LIKE ANY(r.likes) OR ind.section = ANY(r.codes), false)
        FROM new_projects n
        JOIN enterprises i ON i.id = n.investor_id
        LEFT JOIN industries ind ON ind.code = n.industry
        CROSS JOIN assessment_class_rules() r
        ON CONFLICT (project_id) DO UPDATE SET top500 = excluded.top500, strategic = excluded.strategic;
      RETURN NULL;
    END $$;
  `.execute(db);
}
