import { sql, type Kysely } from 'kysely';

/**
 * The capital entries partitioned by year (native PostgreSQL range partitioning on `month`): a national
 * deployment keeps 12 million rows a year, and every figure asks for a year or a few months, so a query
 * reads only its years' partitions, and an old year can be detached and archived without touching the rest.
 *
 * - One partition per calendar year `capital_entries_y2015` … `capital_entries_y2035`, and a default
 *   partition for any other month (nothing is ever refused for want of a partition). The scheduler's
 *   `partitions.ensure` task adds next year's partition ahead of time through `capital_entries_ensure_year`,
 *   which declines (a notice, nothing changed) when the default partition already holds rows of that year.
 * - The key becomes `(id, month)` (a unique constraint of a partitioned table includes its partition key);
 *   ids stay unique in practice (random UUIDs). Verification items point at an entry by `(entry_id,
 *   entry_month)`.
 * - The rollup triggers are defined on the partitioned table (cloned onto every partition); the rows are
 *   copied before they exist, so the rollups already kept stay as they are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE verification_items DROP CONSTRAINT IF EXISTS verification_items_entry_id_fkey;
    ALTER TABLE verification_items ADD COLUMN entry_month date;
    UPDATE verification_items v SET entry_month = e.month FROM capital_entries e WHERE e.id = v.entry_id;
    ALTER TABLE verification_items ALTER COLUMN entry_month SET NOT NULL;

    CREATE TABLE capital_entries_partitioned (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id),
      region text NOT NULL REFERENCES regions(code),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      kind text NOT NULL CHECK (kind IN ('domestic', 'foreign')),
      amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
      beijing boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'false')),
      status_reason text,
      note text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    ) PARTITION BY RANGE (month);

    CREATE FUNCTION capital_entries_ensure_year(y int) RETURNS boolean LANGUAGE plpgsql AS $$
    DECLARE
      parent regclass := to_regclass('capital_entries');
      part text := format('capital_entries_y%s', y);
      lo date := make_date(y, 1, 1);
      hi date := make_date(y + 1, 1, 1);
    BEGIN
      IF to_regclass(part) IS NOT NULL THEN RETURN false; END IF;
      IF to_regclass('capital_entries_default') IS NOT NULL THEN
        PERFORM 1 FROM capital_entries_default WHERE month >= lo AND month < hi LIMIT 1;
        IF FOUND THEN
          RAISE NOTICE 'capital_entries_default holds entries of %: partition % not created', y, part;
          RETURN false;
        END IF;
      END IF;
      EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)', part, parent, lo, hi);
      RETURN true;
    END $$;
  `.execute(db);
  for (let y = 2015; y <= 2035; y++) {
    await sql
      .raw(
        `CREATE TABLE capital_entries_y${y} PARTITION OF capital_entries_partitioned FOR VALUES FROM ('${y}-01-01') TO ('${y + 1}-01-01')`,
      )
      .execute(db);
  }
  await sql`
    CREATE TABLE capital_entries_default PARTITION OF capital_entries_partitioned DEFAULT;

    INSERT INTO capital_entries_partitioned
      (id, project_id, region, month, kind, amount, beijing, status, status_reason, note, created_by,
       created_at, updated_at, version)
    SELECT id, project_id, region, month, kind, amount, beijing, status, status_reason, note, created_by,
       created_at, updated_at, version
    FROM capital_entries;
    DROP TABLE capital_entries;
    ALTER TABLE capital_entries_partitioned RENAME TO capital_entries;

    ALTER TABLE capital_entries ADD CONSTRAINT capital_entries_pkey PRIMARY KEY (id, month);
    ALTER TABLE capital_entries ADD CONSTRAINT capital_entries_project_id_month_kind_key UNIQUE (project_id, month, kind);
    CREATE INDEX capital_entries_region_month_idx ON capital_entries (region, month);
    CREATE INDEX capital_entries_month_idx ON capital_entries (month);

    ALTER TABLE verification_items ADD CONSTRAINT verification_items_entry_fkey
      FOREIGN KEY (entry_id, entry_month) REFERENCES capital_entries (id, month);

    CREATE TRIGGER capital_entries_rollup AFTER INSERT OR UPDATE OR DELETE ON capital_entries
      FOR EACH ROW EXECUTE FUNCTION capital_monthly_apply();
    CREATE TRIGGER capital_entries_assessment_rollup AFTER INSERT OR UPDATE OR DELETE ON capital_entries
      FOR EACH ROW EXECUTE FUNCTION assessment_monthly_apply();
    ANALYZE capital_entries;
  `.execute(db);
}
