import { sql, type Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Deps } from '../context.ts';
import { seedDemo } from '../demo/demo.ts';
import { generatePassword, hashPassword } from '../modules/auth/passwords.ts';
import { SYSTEM_ACTOR } from '../plugins/access.ts';
import { recordAudit } from '../plugins/audit.ts';
import { migrate } from './migrate.ts';
import { loadReferenceData } from './reference/load.ts';
import type { DB } from './schema.ts';

export interface BootstrapReport {
  migrations: string[];
  reference: { regions: number; industries: number };
  /** Set only when the admin was created with a generated password: printed once, never stored. */
  generatedAdminPassword?: string;
  demo?: { users: Array<{ username: string; password: string; role: string }> };
}

const BOOT_LOCK = 7261002;

/**
 * Brings a database to a usable state: migrations, reference data, the first admin, demo data on the
 * very first start. Several processes may start at once on one PostgreSQL: an advisory lock makes them
 * take turns and the later ones find the work done.
 */
export async function bootstrap(deps: Deps, opts: { demo?: boolean } = {}): Promise<BootstrapReport> {
  const { db, config } = deps;
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${BOOT_LOCK})`.execute(conn);
    try {
      const { applied } = await migrate(conn as unknown as Kysely<unknown>);
      const reference = await loadReferenceData(conn);
      const report: BootstrapReport = { migrations: applied, reference };
      const initialized = await conn
        .selectFrom('settings')
        .select('value')
        .where('key', '=', 'initialized')
        .executeTakeFirst();
      if (!initialized) {
        const root = await conn
          .selectFrom('regions')
          .select('code')
          .where('code', '=', config.MAGNET_ROOT_REGION)
          .executeTakeFirst();
        if (!root)
          throw new Error(`MAGNET_ROOT_REGION ${config.MAGNET_ROOT_REGION} is not a GB/T 2260 region code`);
        report.generatedAdminPassword = await ensureAdmin(conn, config);
        if (opts.demo ?? config.MAGNET_DEMO) {
          report.demo = await seedDemo({ ...deps, db: conn, reader: conn });
        }
        await conn
          .insertInto('settings')
          .values({
            key: 'initialized',
            value: JSON.stringify({ at: new Date().toISOString(), root: config.MAGNET_ROOT_REGION }),
          })
          .execute();
      }
      return report;
    } finally {
      await sql`SELECT pg_advisory_unlock(${BOOT_LOCK})`.execute(conn);
    }
  });
}

async function ensureAdmin(db: Kysely<DB>, config: Config): Promise<string | undefined> {
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(username)`, '=', 'admin')
    .executeTakeFirst();
  if (existing) return undefined;
  const given = config.MAGNET_ADMIN_PASSWORD;
  const password = given ?? generatePassword();
  const row = await db
    .insertInto('users')
    .values({
      username: 'admin',
      password_hash: await hashPassword(password),
      display_name: '系统管理员',
      role: 'admin',
      unit_id: null,
      must_change_password: !given,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(
    db,
    { actor: SYSTEM_ACTOR, ip: null, requestId: null },
    {
      action: 'user.create',
      entity: 'user',
      entityId: row.id,
      after: { username: 'admin', role: 'admin', generated_password: !given },
    },
  );
  return given ? undefined : password;
}
