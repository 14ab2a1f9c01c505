import { sql, type Kysely } from 'kysely';

/**
 * Monthly capital statistics (SPEC §3.2): entries per project and month, the monthly report workflow,
 * annual targets, published bulletins. `capital_monthly` is a rollup kept by a trigger so that the
 * bulletin reads a few hundred thousand rows at national scale instead of millions; a test checks that
 * it always equals the sums over the raw entries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE capital_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id),
      -- the project's region, kept in step with it: reports, scope and the rollup key on it
      region text NOT NULL REFERENCES regions(code),
      -- first day of the month
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      kind text NOT NULL CHECK (kind IN ('domestic', 'foreign')),
      amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
      -- the investor origin is Beijing (origin_province = 110000), kept in step with the project
      beijing boolean NOT NULL DEFAULT false,
      -- 'false': found false in verification; excluded from every figure from then on
      status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'false')),
      status_reason text,
      note text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      UNIQUE (project_id, month, kind)
    );
    CREATE INDEX capital_entries_region_month_idx ON capital_entries (region, month);
    CREATE INDEX capital_entries_month_idx ON capital_entries (month);

    CREATE TABLE capital_monthly (
      region text NOT NULL,
      month date NOT NULL,
      kind text NOT NULL,
      amount numeric(20, 2) NOT NULL DEFAULT 0,
      beijing_amount numeric(20, 2) NOT NULL DEFAULT 0,
      entries int NOT NULL DEFAULT 0,
      PRIMARY KEY (region, month, kind)
    );
    CREATE INDEX capital_monthly_month_idx ON capital_monthly (month, region);

    CREATE FUNCTION capital_monthly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'valid' THEN
        INSERT INTO capital_monthly AS c (region, month, kind, amount, beijing_amount, entries)
        VALUES (OLD.region, OLD.month, OLD.kind, -OLD.amount, CASE WHEN OLD.beijing THEN -OLD.amount ELSE 0 END, -1)
        ON CONFLICT (region, month, kind) DO UPDATE SET
          amount = c.amount + excluded.amount,
          beijing_amount = c.beijing_amount + excluded.beijing_amount,
          entries = c.entries + excluded.entries;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'valid' THEN
        INSERT INTO capital_monthly AS c (region, month, kind, amount, beijing_amount, entries)
        VALUES (NEW.region, NEW.month, NEW.kind, NEW.amount, CASE WHEN NEW.beijing THEN NEW.amount ELSE 0 END, 1)
        ON CONFLICT (region, month, kind) DO UPDATE SET
          amount = c.amount + excluded.amount,
          beijing_amount = c.beijing_amount + excluded.beijing_amount,
          entries = c.entries + excluded.entries;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER capital_entries_rollup AFTER INSERT OR UPDATE OR DELETE ON capital_entries
      FOR EACH ROW EXECUTE FUNCTION capital_monthly_apply();

    -- A project's region or investor origin changes: its entries follow (and the rollup with them).
    CREATE FUNCTION projects_sync_entries() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.region IS DISTINCT FROM OLD.region OR NEW.origin_province IS DISTINCT FROM OLD.origin_province THEN
        UPDATE capital_entries
           SET region = NEW.region, beijing = coalesce(NEW.origin_province = '110000', false)
         WHERE project_id = NEW.id;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER projects_sync_entries AFTER UPDATE OF region, origin_province ON projects
      FOR EACH ROW EXECUTE FUNCTION projects_sync_entries();

    CREATE TABLE monthly_reports (
      region text NOT NULL REFERENCES regions(code),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
      submitted_at timestamptz,
      submitted_by uuid REFERENCES users(id),
      approved_at timestamptz,
      approved_by uuid REFERENCES users(id),
      returned_reason text,
      reopened_reason text,
      -- the district's lists frozen at submission: foreign-registered, landing within six months, negotiating
      lists jsonb,
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      PRIMARY KEY (region, month)
    );
    CREATE INDEX monthly_reports_month_idx ON monthly_reports (month, status);

    CREATE TABLE report_events (
      id bigserial PRIMARY KEY,
      region text NOT NULL,
      month date NOT NULL,
      action text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      reason text,
      user_id uuid REFERENCES users(id),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX report_events_idx ON report_events (region, month, at);

    CREATE TABLE targets (
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      region text NOT NULL REFERENCES regions(code),
      domestic numeric(18, 2) NOT NULL DEFAULT 0 CHECK (domestic >= 0),
      "foreign" numeric(18, 2) NOT NULL DEFAULT 0 CHECK ("foreign" >= 0),
      -- city-level goals (seed 000): growth rate of domestic capital, Beijing share, top-500 enterprises
      growth_rate numeric(8, 4),
      beijing_share numeric(8, 4),
      top500_count int,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      PRIMARY KEY (year, region)
    );

    CREATE TABLE bulletin_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      month date NOT NULL,
      parent text NOT NULL REFERENCES regions(code),
      version int NOT NULL,
      content jsonb NOT NULL,
      content_hash text NOT NULL,
      changes jsonb NOT NULL DEFAULT '[]',
      note text,
      published_by uuid REFERENCES users(id),
      published_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (month, parent, version)
    );

    -- published bulletins never change
    CREATE FUNCTION bulletin_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'a published bulletin never changes; publish a new version' USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER bulletin_versions_no_change BEFORE UPDATE OR DELETE ON bulletin_versions
      FOR EACH ROW EXECUTE FUNCTION bulletin_versions_frozen();
  `.execute(db);
}
