import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Figure, ROOT, round, startServerProcess, stopProcess, tempDir, timeIt } from '../lib.ts';
import { listUnderLoad, Q } from './list-load.ts';

const ADMIN_PASSWORD = 'City#Bench2026';

/** Runs the `magnet` command line with `env`; rejects with its output unless it exits 0. */
function magnet(args: string[], env: Record<string, string>) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'cli', 'bin.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`magnet ${args.join(' ')}: exit ${code}\n${out.slice(-2000)}`)),
    );
  });
}

/**
 * The embedded database with city data (issue 6: PGlite with city data < 600 MB RSS). `magnet seed --scale
 * city` fills a fresh data folder (100,000 projects under 120000, three years of capital entries), the server
 * starts on it as its own process, and the project list (plain, then `q`) is loaded at 50 connections for
 * BENCH_SECONDS (10) each. Figures: the seed time, the folder's size, the server's RSS after start and its
 * peak under the load, and the list's throughput and p99 (PGlite answers one statement at a time).
 */
export async function benchPgliteCity(): Promise<Figure[]> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const dir = tempDir('pglite-city');
  const env = { MAGNET_DATA_DIR: dir, MAGNET_DEMO: '0', MAGNET_ADMIN_PASSWORD: ADMIN_PASSWORD };
  try {
    const seeded = await timeIt(() => magnet(['seed', '--scale', 'city', '--seed', '1'], env));
    const bytes = fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .reduce((n, e) => n + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
    const server = await startServerProcess(env);
    try {
      return [
        { name: 'pglite_city.seed', value: round(seeded.ms / 1000, 1), unit: 's (magnet seed --scale city)' },
        { name: 'pglite_city.data_folder', value: round(bytes / 2 ** 20, 0), unit: 'MB' },
        ...(await listUnderLoad({
          url: server.url,
          pid: server.child.pid!,
          password: ADMIN_PASSWORD,
          prefix: 'pglite_city',
          variants: [
            ['default', 'page_size=20'],
            ['q', `page_size=20&q=${encodeURIComponent(Q)}`],
          ],
          seconds,
          rssTarget: 600,
        })),
      ];
    } finally {
      await stopProcess(server.child);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
