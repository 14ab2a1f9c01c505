import { sql, type Kysely } from 'kysely';

/**
 * Pipeline, second step: the double-count review decisions (重复统计), enterprise merges, and the indexes
 * the project list filters and sorts by.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- An office decision on a double-count candidate. \`fingerprint\` is a hash of the records involved: when
    -- they change (a new project in a third region), the candidate shows up again.
    CREATE TABLE double_count_reviews (
      key text PRIMARY KEY,
      kind text NOT NULL,
      decision text NOT NULL CHECK (decision IN ('distinct')),
      fingerprint text NOT NULL,
      note text NOT NULL,
      user_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- an enterprise merged into another (double-count review) keeps a pointer to the survivor
    ALTER TABLE enterprises ADD COLUMN merged_into uuid REFERENCES enterprises(id);
    CREATE INDEX enterprises_name_idx ON enterprises (name) WHERE deleted_at IS NULL;

    CREATE INDEX projects_guarantor_idx ON projects (guarantor_id) WHERE deleted_at IS NULL AND guarantor_id IS NOT NULL;
    CREATE INDEX projects_responsible_unit_idx ON projects (responsible_unit_id) WHERE deleted_at IS NULL;
    CREATE INDEX projects_unit_idx ON projects (unit_id) WHERE deleted_at IS NULL;
    CREATE INDEX projects_planned_idx ON projects (planned_amount DESC, id) WHERE deleted_at IS NULL;
    CREATE INDEX projects_investor_name_idx ON projects (investor_id, name) WHERE deleted_at IS NULL;
    CREATE INDEX projects_origin_idx ON projects (origin_province) WHERE deleted_at IS NULL;
  `.execute(db);
}
