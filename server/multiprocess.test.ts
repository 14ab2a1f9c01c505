import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/database.ts';
import { freePort, testDatabaseUrl, testEngine } from './test/harness.ts';

/**
 * Many processes, one database (issue 6): two independent server processes on one PostgreSQL database
 * see each other's writes at once, share sessions, and run a scheduled job once; `magnet serve
 * --workers 2` serves through node:cluster.
 */
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dbName = `magnet_mp_${process.pid}`;
const children: ChildProcess[] = [];

async function adminDb() {
  return openDatabase({ engine: 'postgres', url: testDatabaseUrl(), poolSize: 1 });
}
function urlFor(name: string) {
  return testDatabaseUrl().replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
}

function startProcess(args: string[], port: number) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: urlFor(dbName),
      PORT: String(port),
      MAGNET_DEMO: '0',
      MAGNET_ADMIN_PASSWORD: 'Admin#Multi2026',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 1200; i++) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${err}`);
      try {
        if ((await fetch(`${url}/api/health`)).status === 200) return url;
      } catch {
        // starting
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('not ready');
  })();
  return { child, ready };
}

afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (testEngine() === 'postgres') {
    const a = await adminDb();
    await sql.raw(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).execute(a.db);
    await a.close();
  }
});

describe.runIf(testEngine() === 'postgres')(
  'several processes on one PostgreSQL',
  { timeout: 300_000 },
  () => {
    it('share writes, sessions and scheduled work', async () => {
      const a = await adminDb();
      await sql.raw(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).execute(a.db);
      await sql.raw(`CREATE DATABASE ${dbName}`).execute(a.db);
      await a.close();
      // ports the system hands out (a random one in 30000–40000 once met an open connection's port)
      const ports = new Set<number>();
      while (ports.size < 3) ports.add(await freePort());
      const [p1, p2, p3] = [...ports];
      const first = startProcess(['--import', 'tsx', 'server/main.ts'], p1);
      const second = startProcess(['--import', 'tsx', 'server/main.ts'], p2);
      const [u1, u2] = await Promise.all([first.ready, second.ready]);

      const login = await fetch(`${u1}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Admin#Multi2026' }),
      });
      const { token } = (await login.json()) as { token: string };
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const made = await fetch(`${u1}/api/v1/units`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ name: '多进程单位', kind: 'other', region: '120101' }),
      });
      expect(made.status).toBe(201);
      const unit = (await made.json()) as { id: string; version: number };
      // the session made on process 1 works on process 2, which sees the write at once
      const seen = await fetch(`${u2}/api/v1/units/${unit.id}`, { headers: auth });
      expect(seen.status).toBe(200);
      // a stale edit through process 2 after an edit through process 1 is a 409, not a lost update
      const e1 = await fetch(`${u1}/api/v1/units/${unit.id}`, {
        method: 'PATCH',
        headers: auth,
        body: JSON.stringify({ version: unit.version, name: '多进程单位A' }),
      });
      expect(e1.status).toBe(200);
      const e2 = await fetch(`${u2}/api/v1/units/${unit.id}`, {
        method: 'PATCH',
        headers: auth,
        body: JSON.stringify({ version: unit.version, name: '多进程单位B' }),
      });
      expect(e2.status).toBe(409);

      // both schedulers tick within seconds of start; each task has run exactly once
      const db = await openDatabase({ engine: 'postgres', url: urlFor(dbName), poolSize: 1 });
      let runs: Array<{ task: string; runs: number }> = [];
      for (let i = 0; i < 100; i++) {
        runs = await db.db.selectFrom('scheduled_runs').select(['task', 'runs']).execute();
        if (runs.length >= 4) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await new Promise((r) => setTimeout(r, 2000)); // let the later process tick too
      runs = await db.db.selectFrom('scheduled_runs').select(['task', 'runs']).orderBy('task').execute();
      expect(runs.map((r) => [r.task, r.runs])).toEqual([
        ['audit.retention', 1],
        ['deadlines.notify', 1],
        ['partitions.ensure', 1],
        ['sessions.cleanup', 1],
      ]);
      await db.close();
      first.child.kill('SIGTERM');
      second.child.kill('SIGTERM');

      // node:cluster with two workers on one port
      const cluster = startProcess(['cli/bin.mjs', 'serve', '--workers', '2'], p3);
      const u3 = await cluster.ready;
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => fetch(`${u3}/api/v1/units/${unit.id}`, { headers: auth })),
      );
      expect(answers.every((r) => r.status === 200)).toBe(true);
    });
  },
);
