import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from './test/harness.ts';
import { serverBundle } from './test/server-bundle.ts';

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

/** The server as `npm start` runs it: the bundle, built when stale. */
let BUNDLE = '';
beforeAll(() => {
  BUNDLE = serverBundle(ROOT)!;
});

function start(env: Record<string, string>, untilHealthy = false) {
  // below the ephemeral range (32768+), where open connections could hold a random port
  const port = 20000 + Math.floor(Math.random() * 12000);
  const child = spawn(process.execPath, [BUNDLE], {
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

/** A tmpfs of `mb` megabytes (a disk that fills up); null where mounting is not allowed (not root). */
function mountTmpfs(mb: number): string | null {
  const dir = tmp();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir], { stdio: 'pipe' });
    return dir;
  } catch (e) {
    // a suite that cannot run is a failure under CI, never a silent skip
    if (['1', 'true'].includes(String(process.env.CI).toLowerCase())) throw e;
    console.warn(
      `full-disk test not run: cannot mount a tmpfs here (${(e as Error).message.split('\n')[0]})`,
    );
    return null;
  }
}

function umount(dir: string) {
  execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
}

function folderBytes(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? folderBytes(p) : fs.statSync(p).size;
  }
  return n;
}

/** Writes zeros into `file` until the disk is full. */
function fillDisk(file: string) {
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(1 << 20);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    fs.closeSync(fd);
  }
}

async function signIn(port: number) {
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Admin#Main2026' }),
  });
  return ((await login.json()) as { token: string }).token;
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
    expect(r2.err).not.toMatch(/at .*\.m?[tj]s:\d+/); // no stack trace

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
  it('a full disk: one clear line and exit 1, and once there is room the folder opens with its data', async () => {
    // a new folder on a disk too small for it
    const small = mountTmpfs(12);
    if (!small) return;
    try {
      const r = await start({ MAGNET_DATA_DIR: path.join(small, 'data') }).exited;
      expect(r.code).toBe(1);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/No space left for the embedded database/);
    } finally {
      umount(small);
    }

    // a working folder with data, moved to a disk that then fills up
    const dir = tmp();
    const first = start({ MAGNET_DATA_DIR: dir }, true);
    await first.healthy;
    const token = await signIn(first.port);
    const created = await fetch(`http://127.0.0.1:${first.port}/api/v1/units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '满盘测试单位', kind: 'other', region: '120101' }),
    });
    expect(created.status).toBe(201);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);

    const disk = mountTmpfs(Math.ceil(folderBytes(dir) / 1024 / 1024) + 16);
    if (!disk) return;
    try {
      const data = path.join(disk, 'data');
      fs.cpSync(dir, data, { recursive: true });
      fillDisk(path.join(disk, 'filler'));
      const full = await start({ MAGNET_DATA_DIR: data }).exited;
      expect(full.code).toBe(1);
      expect(full.err.trim().split('\n')).toHaveLength(1);
      expect(full.err).toMatch(/ENOSPC|No space left/);
      expect(full.err).not.toMatch(/at .*\.ts:\d+/);

      fs.rmSync(path.join(disk, 'filler'));
      const again = start({ MAGNET_DATA_DIR: data }, true);
      await again.healthy;
      const t2 = await signIn(again.port);
      const units = await fetch(
        `http://127.0.0.1:${again.port}/api/v1/units?q=${encodeURIComponent('满盘测试')}`,
        { headers: { authorization: `Bearer ${t2}` } },
      );
      expect(((await units.json()) as { items: unknown[] }).items).toHaveLength(1);
      again.child.kill('SIGTERM');
      expect((await again.exited).code).toBe(0);
    } finally {
      umount(disk);
    }
  });
});
