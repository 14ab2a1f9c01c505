import { sql, type Kysely } from 'kysely';

/** Semi-annual verification (网上核查/现场检查), quarterly inspection (季检查) and rectification (整改). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE verifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      period text NOT NULL CHECK (period ~ '^\\d{4}H[12]$'),
      title text NOT NULL,
      sample_size int NOT NULL CHECK (sample_size BETWEEN 1 AND 1000),
      seed text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE verification_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      verification_id uuid NOT NULL REFERENCES verifications(id),
      entry_id uuid NOT NULL REFERENCES capital_entries(id),
      region text NOT NULL,
      result text NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'confirmed', 'issue', 'false')),
      finding text,
      checked_by uuid REFERENCES users(id),
      checked_at timestamptz,
      UNIQUE (verification_id, entry_id)
    );
    CREATE INDEX verification_items_region_idx ON verification_items (verification_id, region);

    CREATE TABLE inspections (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      quarter text NOT NULL CHECK (quarter ~ '^\\d{4}Q[1-4]$'),
      title text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE inspection_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      inspection_id uuid NOT NULL REFERENCES inspections(id),
      project_id uuid NOT NULL REFERENCES projects(id),
      region text NOT NULL,
      progress text,
      funds text,
      problems text,
      result text NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'ok', 'issue')),
      checked_by uuid REFERENCES users(id),
      checked_at timestamptz,
      UNIQUE (inspection_id, project_id)
    );

    CREATE TABLE rectifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      source text NOT NULL CHECK (source IN ('verification', 'inspection', 'assessment', 'other')),
      source_id uuid,
      item_id uuid,
      region text NOT NULL REFERENCES regions(code),
      owner_unit_id uuid REFERENCES units(id),
      title text NOT NULL,
      description text,
      deadline date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'submitted', 'done')),
      evidence uuid[] NOT NULL DEFAULT '{}',
      resolution text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    );
    CREATE INDEX rectifications_region_idx ON rectifications (region text_pattern_ops, status);
    CREATE INDEX rectifications_source_idx ON rectifications (source, source_id);
  `.execute(db);
}
