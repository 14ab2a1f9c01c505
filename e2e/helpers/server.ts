import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';
import { serverBundle } from '../../server/test/server-bundle.ts';

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  adminPassword: string;
  /** What the server printed (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export const ADMIN_PASSWORD = 'E2e#Admin-2026';

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** Builds the web UI with `npx vite build` when dist/web is missing or older than web/ and vite.config.ts. */
export function ensureWebBuilt(root = REPO_ROOT): void {
  const index = path.join(root, 'dist', 'web', 'index.html');
  const sources = Math.max(
    newestMtime(path.join(root, 'web')),
    newestMtime(path.join(root, 'vite.config.ts')),
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  // Vitest sets NODE_ENV=test; a UI built that way is a development build (antd then gives every element
  // the same generated id), so the build gets its own production environment.
  const r = spawnSync('npx', ['vite', 'build'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts the real server (the bundle of `server/main.ts`, as `npm start` runs it) on a free port and a fresh data folder,
 * without demo data, with a known admin password. `E2E_SERVER_DIR` runs another checkout's server.
 */
export async function startServer(opts: { build?: boolean } = {}): Promise<TestServer> {
  const root = process.env.E2E_SERVER_DIR ? path.resolve(process.env.E2E_SERVER_DIR) : REPO_ROOT;
  if (opts.build !== false) ensureWebBuilt(REPO_ROOT);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    MAGNET_DATA_DIR: dataDir,
    MAGNET_DEMO: '0',
    MAGNET_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_REPLICA_URL;
  // the bundle, as `npm start` runs it; a checkout from before the bundle existed, through tsx
  const bundle = serverBundle(root);
  const child = spawn(process.execPath, bundle ? [bundle] : ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const output = () => log;
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, output, 120_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port, dataDir, adminPassword: ADMIN_PASSWORD, output, stop };
}
