import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { inject as vitestInject } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { bootstrap } from '../db/bootstrap.ts';
import { openDatabase, type Database } from '../db/database.ts';
import type { Deps } from '../context.ts';
import type { Role, UnitKind } from '../../shared/enums.ts';

export const TEST_ADMIN_PASSWORD = 'Admin#Test2026';
export const TEST_PASSWORD = 'Passw0rd#2026';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/** Which engine this test run uses: `MAGNET_TEST_ENGINE=postgres` with `TEST_DATABASE_URL`, else PGlite. */
export function testEngine(): 'pglite' | 'postgres' {
  return process.env.MAGNET_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('MAGNET_TEST_ENGINE=postgres needs TEST_DATABASE_URL (or DATABASE_URL)');
  return url;
}

/**
 * A fresh, isolated database for one test file: an in-memory PGlite loaded from the template that the
 * global setup prepared, or a schema of its own on the PostgreSQL server.
 */
export async function openTestDatabase(): Promise<Database & { schema?: string }> {
  if (testEngine() === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const url = testDatabaseUrl();
    const admin = await openDatabase({ engine: 'postgres', url, poolSize: 1 });
    await sql.raw(`CREATE SCHEMA ${schema}`).execute(admin.db);
    await admin.close();
    const database = await openDatabase({ engine: 'postgres', url, searchPath: schema, poolSize: 5 });
    const close = database.close;
    return {
      ...database,
      schema,
      async close() {
        await close();
        const a = await openDatabase({ engine: 'postgres', url, poolSize: 1 });
        await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(a.db);
        await a.close();
      },
    };
  }
  let template: Blob | undefined;
  try {
    const file = vitestInject('pgliteTemplate');
    if (file && fs.existsSync(file)) template = new Blob([fs.readFileSync(file)]);
  } catch {
    // not under vitest's global setup: start empty
  }
  return openDatabase({ engine: 'pglite', loadDataDir: template });
}

/** A port the system has just handed out and taken back (a random one may be held by an open connection). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function testConfig(overrides: Partial<Record<string, string>> = {}): Config {
  return loadConfig({
    MAGNET_DEMO: '0',
    MAGNET_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    MAGNET_ROOT_REGION: '120000',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  database: Database & { schema?: string };
  close(): Promise<void>;
  /** Signs in through the API and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** `app.inject` with a bearer token. */
  as(token: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  adminToken: string;
  factory: Factory;
}

export async function createTestApp(configOverrides: Partial<Record<string, string>> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = testConfig(configOverrides);
  const deps: Deps = { db: database.db, reader: database.reader, engine: database.engine, config };
  await bootstrap(deps, { demo: false });
  const app = await buildApp({ deps, logger: false });
  await app.ready();

  const login = async (username: string, password = TEST_PASSWORD) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return res.json().token as string;
  };
  const as = (token: string | null, opts: InjectOptions) =>
    app.inject({
      ...opts,
      headers: { ...(opts.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  const adminToken = await login('admin', TEST_ADMIN_PASSWORD);
  const t: TestApp = {
    app,
    deps,
    database,
    login,
    as,
    adminToken,
    factory: undefined as unknown as Factory,
    async close() {
      await app.close();
      await database.close();
    },
  };
  t.factory = new Factory(t);
  return t;
}

let seq = 0;
/** Builds test data through the API, as a user would. */
export class Factory {
  constructor(private t: TestApp) {}

  async unit(kind: UnitKind, region: string, name?: string, parentId?: string) {
    const res = await this.t.as(this.t.adminToken, {
      method: 'POST',
      url: '/api/v1/units',
      payload: {
        name: name ?? `单位${++seq}-${region}-${kind}`,
        kind,
        region,
        ...(parentId ? { parent_id: parentId } : {}),
      },
    });
    if (res.statusCode !== 201) throw new Error(`unit: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string; name: string; region: string; kind: string };
  }

  async user(role: Role, unitId: string | null, username?: string) {
    const name = username ?? `${role}${++seq}`;
    const res = await this.t.as(this.t.adminToken, {
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        username: name,
        password: TEST_PASSWORD,
        display_name: `${role} ${seq}`,
        role,
        unit_id: unitId,
      },
    });
    if (res.statusCode !== 201) throw new Error(`user: ${res.statusCode} ${res.body}`);
    const user = res.json() as { id: string; username: string };
    return { user, token: await this.t.login(name) };
  }

  /** A user of a role with a fitting unit in `region` (unit created on the way). */
  async actor(role: Role, region = '120101') {
    const kindFor: Partial<Record<Role, UnitKind>> = {
      office: 'office',
      department: 'department',
      district: 'district',
      liaison: 'liaison',
    };
    const kind = kindFor[role];
    const unit = kind
      ? await this.unit(kind, kind === 'office' || kind === 'department' ? '120000' : region)
      : null;
    const u = await this.user(role, unit?.id ?? null);
    return { ...u, unit };
  }
}
