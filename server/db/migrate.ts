import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from './migrations/index.ts';

/**
 * Timestamped, forward-only migrations: `migrations/<YYYYMMDDhhmmss>-<name>.ts` exporting `up`, listed in
 * `migrations/index.ts`; each module is loaded only when its migration runs.
 */
class ListProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const name of Object.keys(MIGRATIONS).sort()) {
      out[name] = { up: async (db) => (await MIGRATIONS[name]()).up(db) };
    }
    return Promise.resolve(out);
  }
}

export interface MigrationReport {
  applied: string[];
}

/** Runs every pending migration. Safe with several processes: Kysely holds a lock table row meanwhile. */
export async function migrate(db: Kysely<unknown>): Promise<MigrationReport> {
  // Extensions are created once, outside the migrations, under an advisory lock (several test schemas
  // or processes may start at the same moment).
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(7261001)`.execute(conn);
    try {
      // in `public` when there is one: created in the first schema of the search path instead, it would go
      // with that schema when it is dropped (a test's, or another deployment's), under everyone else's indexes
      const pub = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'public'`.execute(conn);
      if (pub.rows[0].n > 0) await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`.execute(conn);
      else await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(conn);
    } finally {
      await sql`SELECT pg_advisory_unlock(7261001)`.execute(conn);
    }
  });
  // Kysely looks for its own tables across every schema; name ours so that several schemas on one server
  // (tests, or several deployments) never mistake another's migration history for their own.
  const current = await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db);
  const migrator = new Migrator({
    db: withOwnSchemaIntrospection(db),
    provider: new ListProvider(),
    migrationTableSchema: current.rows[0].s,
    // each area owns a range of timestamps (050000–059999 …), so an area's new migration may sort before one
    // of a later area that a database has already run: run whatever has not run yet, still in name order
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * Kysely's migrator asks the introspector whether its tables exist, and the PostgreSQL introspector reads
 * every column of every schema, calling `pg_get_serial_sequence` on each: while another schema on the same
 * server is being dropped (tests run side by side, each in a schema of its own) that call fails on a
 * relation that has just gone. The migrator only needs names: these come from the catalog alone, for the
 * current schema.
 */
function withOwnSchemaIntrospection(db: Kysely<unknown>): Kysely<unknown> {
  const introspection = {
    async getSchemas() {
      const r = await sql<{ name: string }>`SELECT nspname AS name FROM pg_catalog.pg_namespace`.execute(db);
      return r.rows;
    },
    async getTables() {
      const r = await sql<{ name: string; schema: string; is_view: boolean }>`
        SELECT c.relname AS name, n.nspname AS schema, c.relkind = 'v' AS is_view
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v') AND n.nspname = current_schema()`.execute(db);
      return r.rows.map((t) => ({ name: t.name, schema: t.schema, isView: t.is_view, columns: [] }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
