import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  type Figure,
  ROOT,
  round,
  rssMb,
  rssSampler,
  startServerProcess,
  stopProcess,
  tempDir,
  timeIt,
} from '../lib.ts';
import { load } from './http.ts';

const ADMIN_PASSWORD = 'City#Bench2026';
/** a common fragment of synthetic project and investor names, as in the pipeline bench */
const Q = '新能源';

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
    const rss = rssSampler(server.child.pid!);
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`login: HTTP ${login.status} ${await login.text()}`);
      const { token } = (await login.json()) as { token: string };
      const headers = { authorization: `Bearer ${token}` };
      const first = await fetch(`${server.url}/api/v1/projects?page_size=1`, { headers });
      const total = ((await first.json()) as { total: number }).total;
      const rssStart = rssMb(server.child.pid!);
      const figures: Figure[] = [
        { name: 'pglite_city.seed', value: round(seeded.ms / 1000, 1), unit: 's (magnet seed --scale city)' },
        { name: 'pglite_city.projects', value: total, unit: 'rows' },
        { name: 'pglite_city.data_folder', value: round(bytes / 2 ** 20, 0), unit: 'MB' },
        { name: 'pglite_city.server.rss_after_start', value: round(rssStart, 0), unit: 'MB' },
      ];
      let errors = 0;
      for (const [name, query] of [
        ['default', 'page_size=20'],
        ['q', `page_size=20&q=${encodeURIComponent(Q)}`],
      ] as const) {
        const url = `${server.url}/api/v1/projects?${query}`;
        await load(url, { duration: 2, headers });
        const r = await load(url, { duration: seconds, headers });
        errors += r.errors + r.non2xx;
        figures.push(
          { name: `pglite_city.list.${name}.rps`, value: round(r.rps, 0), unit: 'req/s' },
          { name: `pglite_city.list.${name}.p99`, value: r.p99, unit: 'ms' },
        );
      }
      figures.push(
        {
          name: 'pglite_city.server.rss_peak',
          value: round(rss.peak(), 0),
          unit: 'MB (under the list load)',
          target: '< 600 MB',
        },
        { name: 'pglite_city.errors', value: errors, unit: 'count (non-2xx + socket errors)', target: '0' },
      );
      return figures;
    } finally {
      rss.stop();
      await stopProcess(server.child);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
