import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { serverBundle } from '../server/test/server-bundle.ts';

/** One measured figure; `floor` is the same thing measured without the app in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** what the figure is compared against, measured in the same run */
  floor?: { name: string; value: number; unit: string };
  /** the target from the issues, for the record */
  target?: string;
}

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export function machine(): string {
  const cpus = os.cpus();
  return `${os.hostname()} · ${cpus.length}× ${cpus[0]?.model.trim() ?? 'cpu'} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · node ${process.version}`;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export async function timeIt<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `magnet-bench-${prefix}-`));
}

/** Starts the server bundle (`dist/server/main.mjs`) as a child process; resolves when /api/health answers 200, with the time it took. */
export async function startServerProcess(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; ms: number; url: string; output: () => string }> {
  const port = await freePort();
  const t0 = Date.now();
  let out = '';
  const child = spawn(process.execPath, [serverBundle(ROOT)!], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.status === 200) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 20));
    if (Date.now() - t0 > 300_000) throw new Error('server did not start in 5 minutes');
  }
  return { child, ms: Date.now() - t0, url, output: () => out };
}

export async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

export function pgUrl(): string | undefined {
  return (
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? (process.env.DATABASE_URL || undefined)
  );
}

/** A process's resident set size in MB (0 once it has exited). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every 100 ms: the peak of the whole run and of the current window. */
export function rssSampler(pid: number) {
  const s = { peak: 0, window: 0, timer: undefined as NodeJS.Timeout | undefined };
  const sample = () => {
    const v = rssMb(pid);
    s.peak = Math.max(s.peak, v);
    s.window = Math.max(s.window, v);
    return v;
  };
  s.timer = setInterval(sample, 100);
  return {
    sample,
    startWindow: () => (s.window = sample()),
    window: () => Math.max(s.window, sample()),
    peak: () => s.peak,
    stop: () => clearInterval(s.timer),
  };
}
