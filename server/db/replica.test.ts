import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Deps } from '../context.ts';
import { freePort, testEngine } from '../test/harness.ts';
import { bootstrap } from './bootstrap.ts';
import { openDatabase, type Database } from './database.ts';

/**
 * Read routing (issue 6): a PostgreSQL primary of our own and a streaming replica made with
 * pg_basebackup, both in a temporary folder on free ports (the machine's own server is not touched).
 * Heavy read-only queries go to DATABASE_REPLICA_URL; writes never do.
 */
const BIN = fs.existsSync('/usr/lib/postgresql')
  ? path.join('/usr/lib/postgresql', fs.readdirSync('/usr/lib/postgresql').sort().at(-1)!, 'bin')
  : '';
const asRoot = process.getuid?.() === 0;

function pgRun(cmd: string, args: string[]) {
  const full = path.join(BIN, cmd);
  const r = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8' })
    : spawnSync(full, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

let dir = '';
let primaryPort = 0;
let replicaPort = 0;
let database: Database | undefined;

describe.runIf(testEngine() === 'postgres')(
  'read routing to a streaming replica',
  { timeout: 180_000 },
  () => {
    beforeAll(async () => {
      if (!BIN) throw new Error('PostgreSQL server binaries are missing (/usr/lib/postgresql/*/bin)');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-replica-'));
      if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
      primaryPort = await freePort();
      replicaPort = await freePort();
      const primary = path.join(dir, 'primary');
      const replica = path.join(dir, 'replica');
      pgRun('initdb', [
        '-D',
        primary,
        '-U',
        'postgres',
        '--auth=trust',
        '--no-sync',
        '-E',
        'UTF8',
        '--locale=C',
      ]);
      fs.appendFileSync(
        path.join(primary, 'postgresql.conf'),
        `\nport = ${primaryPort}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nwal_level = replica\nmax_wal_senders = 4\nfsync = off\n`,
      );
      fs.appendFileSync(path.join(primary, 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 trust\n');
      pgRun('pg_ctl', ['-D', primary, '-l', path.join(dir, 'primary.log'), '-w', 'start']);
      pgRun('pg_basebackup', [
        '-h',
        '127.0.0.1',
        '-p',
        String(primaryPort),
        '-U',
        'postgres',
        '-D',
        replica,
        '-R',
        '-X',
        'stream',
      ]);
      fs.appendFileSync(path.join(replica, 'postgresql.conf'), `\nport = ${replicaPort}\n`);
      pgRun('pg_ctl', ['-D', replica, '-l', path.join(dir, 'replica.log'), '-w', 'start']);
      database = await openDatabase({
        engine: 'postgres',
        url: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
        replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
        poolSize: 3,
      });
    });

    afterAll(async () => {
      await database?.close().catch(() => undefined);
      for (const d of ['replica', 'primary']) {
        if (fs.existsSync(path.join(dir, d, 'postmaster.pid'))) {
          try {
            pgRun('pg_ctl', ['-D', path.join(dir, d), '-m', 'immediate', '-w', 'stop']);
          } catch {
            // already down
          }
        }
      }
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('sends the bulletin to the replica and every write to the primary', async () => {
      const db = database!;
      const config = loadConfig({
        MAGNET_DEMO: '0',
        MAGNET_ADMIN_PASSWORD: 'Admin#Replica2026',
        LOG_LEVEL: 'silent',
      });
      const deps: Deps = { db: db.db, reader: db.reader, engine: 'postgres', config };
      await bootstrap(deps);
      const port = async (k: typeof db.db) =>
        (await sql<{ p: number }>`SELECT inet_server_port() AS p`.execute(k)).rows[0].p;
      expect(await port(db.db)).toBe(primaryPort);
      expect(await port(db.reader)).toBe(replicaPort);
      // the replica refuses writes: nothing can be written there by mistake
      await expect(sql`CREATE TABLE x (i int)`.execute(db.reader)).rejects.toThrow(/read-only/);

      const app = await buildApp({ deps, logger: false });
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'Admin#Replica2026' },
      });
      const token = login.json().token as string;
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/units',
        headers: { authorization: `Bearer ${token}` },
        payload: { name: '复制测试单位', kind: 'other', region: '120101' },
      });
      expect(created.statusCode).toBe(201);

      // what the replica's sessions ran last, seen from a connection of our own (statistics counters are
      // flushed lazily, a session's last statement is not)
      const replicaStatements = async () => {
        const c = new pg.Client({
          connectionString: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
        });
        await c.connect();
        try {
          const r = await c.query<{ query: string }>(
            `SELECT query FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
          );
          return r.rows.map((x) => x.query);
        } finally {
          await c.end();
        }
      };
      expect(
        (await replicaStatements()).filter((q) => /regions|bulletin_versions|targets|capital/.test(q)),
      ).toEqual([]);
      const bulletin = await app.inject({
        method: 'GET',
        url: '/api/v1/bulletins/2026-01',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(bulletin.statusCode).toBe(200);
      expect(bulletin.json().rows).toHaveLength(16);
      expect(
        (await replicaStatements()).some((q) => /regions|bulletin_versions|targets|capital/.test(q)),
      ).toBe(true);

      // the unit written on the primary arrives on the replica
      let seen = 0;
      for (let i = 0; i < 50 && !seen; i++) {
        seen = (
          await sql<{ n: number }>`SELECT count(*)::int AS n FROM units WHERE name = '复制测试单位'`.execute(
            db.reader,
          )
        ).rows[0].n;
        if (!seen) await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen).toBe(1);
      await app.close();
    });
  },
);
