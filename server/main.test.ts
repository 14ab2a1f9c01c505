import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from './test/harness.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tmp() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-main-'));
  dirs.push(d);
  return d;
}

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function start(env: Record<string, string>, untilHealthy = false) {
  // below the ephemeral range (32768+), where open connections could hold a random port
  const port = 20000 + Math.floor(Math.random() * 12000);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      MAGNET_DEMO: '0',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      MAGNET_ADMIN_PASSWORD: 'Admin#Main2026',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, out: '', err: '' };
  child.stdout.on('data', (d) => (run.out += String(d)));
  child.stderr.on('data', (d) => (run.err += String(d)));
  const exited = new Promise<Run>((resolve) => child.on('exit', (code) => resolve({ ...run, code })));
  const healthy = (async () => {
    if (!untilHealthy) return;
    for (let i = 0; i < 1200; i++) {
      if (child.exitCode !== null) throw new Error(`exited: ${run.err}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return;
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('not healthy in time');
  })();
  return { child, exited, healthy, port, run };
}

describe.runIf(testEngine() === 'pglite')('the process', { timeout: 300_000 }, () => {
  it('bad configuration: one clear line and exit 1', async () => {
    const { exited } = start({ PORT: 'eighty', MAGNET_DATA_DIR: tmp() });
    const r = await exited;
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([
      'Invalid configuration: PORT: Invalid input: expected number, received NaN',
    ]);
  });

  it('an unknown root region is refused with one line', async () => {
    const { exited } = start({ MAGNET_ROOT_REGION: '999999', MAGNET_DATA_DIR: tmp() });
    const r = await exited;
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/MAGNET_ROOT_REGION 999999 is not a GB\/T 2260 region code/);
  });

  it('locks the data folder: a second process is refused clearly; SIGTERM closes cleanly and keeps the data', async () => {
    const dir = tmp();
    const first = start({ MAGNET_DATA_DIR: dir }, true);
    await first.healthy;
    const login = await fetch(`http://127.0.0.1:${first.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Admin#Main2026' }),
    });
    const { token } = (await login.json()) as { token: string };
    const created = await fetch(`http://127.0.0.1:${first.port}/api/v1/units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '持久化测试单位', kind: 'other', region: '120101' }),
    });
    expect(created.status).toBe(201);

    const second = start({ MAGNET_DATA_DIR: dir });
    const r2 = await second.exited;
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/is in use by another Magnet process \(pid \d+\)/);
    expect(r2.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace

    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'magnet.lock'))).toBe(false);

    const third = start({ MAGNET_DATA_DIR: dir }, true);
    await third.healthy;
    const login3 = await fetch(`http://127.0.0.1:${third.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Admin#Main2026' }),
    });
    const t3 = ((await login3.json()) as { token: string }).token;
    const units = await fetch(
      `http://127.0.0.1:${third.port}/api/v1/units?q=${encodeURIComponent('持久化')}`,
      { headers: { authorization: `Bearer ${t3}` } },
    );
    expect(((await units.json()) as { items: unknown[] }).items).toHaveLength(1);
    third.child.kill('SIGTERM');
    await third.exited;
  });

  it('a damaged data folder gives a clear message, not a stack trace', async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'pgdata'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pgdata', 'PG_VERSION'), 'garbage\n');
    const r = await start({ MAGNET_DATA_DIR: dir }).exited;
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Cannot open the embedded database/);
    expect(r.err).toMatch(/magnet restore/);
  });
});
