import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE regions (
      code text PRIMARY KEY,
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('country', 'province', 'city', 'county')),
      parent text REFERENCES regions(code),
      kind text NOT NULL DEFAULT 'gbt2260'
    );
    CREATE INDEX regions_parent_idx ON regions (parent);
    CREATE INDEX regions_name_trgm_idx ON regions USING gin (name gin_trgm_ops);

    CREATE TABLE industries (
      code text PRIMARY KEY,
      name text NOT NULL,
      level int NOT NULL CHECK (level BETWEEN 1 AND 4),
      parent text REFERENCES industries(code),
      section text NOT NULL
    );
    CREATE INDEX industries_parent_idx ON industries (parent);
    CREATE INDEX industries_name_trgm_idx ON industries USING gin (name gin_trgm_ops);

    CREATE TABLE units (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('office', 'department', 'district', 'zone', 'street', 'liaison', 'other')),
      region text NOT NULL REFERENCES regions(code),
      parent_id uuid REFERENCES units(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1,
      deleted_at timestamptz
    );
    CREATE UNIQUE INDEX units_name_live_idx ON units (name) WHERE deleted_at IS NULL;
    CREATE INDEX units_region_idx ON units (region);

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL,
      password_hash text NOT NULL,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'office', 'department', 'district', 'liaison', 'leader', 'enterprise')),
      unit_id uuid REFERENCES units(id),
      active boolean NOT NULL DEFAULT true,
      must_change_password boolean NOT NULL DEFAULT false,
      password_changed_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version int NOT NULL DEFAULT 1
    );
    CREATE UNIQUE INDEX users_username_idx ON users (lower(username));
    CREATE INDEX users_unit_idx ON users (unit_id);

    CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE login_attempts (
      id bigserial PRIMARY KEY,
      username text NOT NULL,
      ip text,
      success boolean NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX login_attempts_user_at_idx ON login_attempts (lower(username), at);
    CREATE INDEX login_attempts_ip_at_idx ON login_attempts (ip, at);

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      user_id uuid,
      username text,
      action text NOT NULL,
      entity text NOT NULL,
      entity_id text,
      before jsonb,
      after jsonb,
      ip text,
      request_id text
    );
    CREATE INDEX audit_log_at_idx ON audit_log (at);
    CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
    CREATE INDEX audit_log_user_idx ON audit_log (user_id, at);

    -- The audit log is append-only for everyone, admins included. Only the retention purge, which sets
    -- magnet.audit_purge for its own transaction, may delete rows, and only rows past retention.
    CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('magnet.audit_purge', true) = 'on' THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();

    CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
      done int NOT NULL DEFAULT 0,
      total int NOT NULL DEFAULT 0,
      message text,
      result jsonb,
      file bytea,
      file_name text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX jobs_created_by_idx ON jobs (created_by, created_at);
  `.execute(db);
}
