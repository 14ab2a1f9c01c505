import { sql, type Kysely } from 'kysely';

/** Investors, projects and their stage history, attachments (SPEC §3.1). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      mime text NOT NULL,
      size bigint NOT NULL,
      sha256 text NOT NULL,
      content bytea NOT NULL,
      -- the uploader's region scope at upload time (null: city-wide); downloads are checked against it
      -- and against the record the file is attached to
      region text REFERENCES regions(code),
      entity text,
      entity_id uuid,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX attachments_entity_idx ON attachments (entity, entity_id);

    CREATE TABLE enterprises (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      uscc text,
      country text NOT NULL DEFAULT 'CN',
      ownership text NOT NULL CHECK (ownership IN ('central_soe', 'local_soe', 'private', 'hmt', 'foreign')),
      hq_region text REFERENCES regions(code),
      industry text REFERENCES industries(code),
      -- [{"tag": "private500", "year": 2025, "rank": 12}, {"tag": "central_hq"}, ...]
      tags jsonb NOT NULL DEFAULT '[]',
      contacts jsonb NOT NULL DEFAULT '[]',
      notes text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      deleted_at timestamptz,
      CHECK (uscc IS NULL OR uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$')
    );
    CREATE UNIQUE INDEX enterprises_uscc_idx ON enterprises (uscc) WHERE uscc IS NOT NULL AND deleted_at IS NULL;
    CREATE INDEX enterprises_name_trgm_idx ON enterprises USING gin (name gin_trgm_ops);

    CREATE SEQUENCE project_code_seq;
    CREATE TABLE projects (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL,
      name text NOT NULL,
      region text NOT NULL REFERENCES regions(code),
      unit_id uuid REFERENCES units(id),
      investor_id uuid NOT NULL REFERENCES enterprises(id),
      -- a GB/T 2260 code (domestic origin) or an ISO 3166 alpha-2 country
      origin text NOT NULL,
      -- the origin's province code (XX0000) for domestic origins, null for countries: Beijing share = '110000'
      origin_province text,
      capital_kind text NOT NULL CHECK (capital_kind IN ('domestic', 'foreign')),
      industry text NOT NULL REFERENCES industries(code),
      chain_node_id uuid,
      carrier text,
      planned_amount numeric(18, 2) NOT NULL DEFAULT 0 CHECK (planned_amount >= 0),
      contracted_amount numeric(18, 2) CHECK (contracted_amount >= 0),
      stage text NOT NULL DEFAULT 'lead'
        CHECK (stage IN ('lead', 'negotiating', 'signed', 'registered', 'construction', 'operating', 'dropped')),
      stage_date date,
      key_level text CHECK (key_level IN ('city', 'district')),
      major boolean NOT NULL DEFAULT false,
      guarantor_id uuid REFERENCES users(id),
      responsible_unit_id uuid REFERENCES units(id),
      introducer text,
      introducer_kind text,
      expected_landing_date date,
      notes text,
      -- 生态底线 screening
      polluting boolean NOT NULL DEFAULT false,
      outdated_capacity boolean NOT NULL DEFAULT false,
      screening_override_reason text,
      screening_override_by uuid REFERENCES users(id),
      drop_reason text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      deleted_at timestamptz
    );
    CREATE UNIQUE INDEX projects_code_idx ON projects (code);
    CREATE INDEX projects_region_idx ON projects (region text_pattern_ops) WHERE deleted_at IS NULL;
    CREATE INDEX projects_stage_idx ON projects (stage) WHERE deleted_at IS NULL;
    CREATE INDEX projects_industry_idx ON projects (industry text_pattern_ops) WHERE deleted_at IS NULL;
    CREATE INDEX projects_investor_idx ON projects (investor_id);
    CREATE INDEX projects_name_trgm_idx ON projects USING gin (name gin_trgm_ops);
    CREATE INDEX projects_created_idx ON projects (created_at DESC, id) WHERE deleted_at IS NULL;

    CREATE TABLE project_transitions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id),
      from_stage text,
      to_stage text NOT NULL,
      date date NOT NULL,
      note text,
      evidence uuid[] NOT NULL DEFAULT '{}',
      override_reason text,
      user_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX project_transitions_project_idx ON project_transitions (project_id, created_at);
  `.execute(db);
}
