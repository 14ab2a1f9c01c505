import { sql, type Kysely } from 'kysely';

/**
 * The list's sort indexes in the order the list asks for: `(x DESC, id DESC)`, the id breaking ties in the
 * same direction (the earlier `(x DESC, id)` could serve neither `x desc, id desc` nor `x asc, id asc`, so the
 * default list sorted every live project before taking a page).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS projects_created_idx;
    CREATE INDEX projects_created_idx ON projects (created_at DESC, id DESC) WHERE deleted_at IS NULL;
    DROP INDEX IF EXISTS projects_planned_idx;
    CREATE INDEX projects_planned_idx ON projects (planned_amount DESC, id DESC) WHERE deleted_at IS NULL;
    CREATE INDEX projects_updated_idx ON projects (updated_at DESC, id DESC) WHERE deleted_at IS NULL;
  `.execute(db);
}
