import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, type Figure, ROOT, round, startServerProcess, stopProcess, tempDir } from '../lib.ts';

export interface LoadResult {
  rps: number;
  p99: number;
  p50: number;
  errors: number;
  non2xx: number;
}

export async function load(
  url: string,
  opts: { connections?: number; duration?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: opts.connections ?? 50,
    duration: opts.duration ?? 10,
    headers: opts.headers,
  });
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    p50: r.latency.p50,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

/** Starts the framework floor (bench/floor-server.ts) answering `body`. */
export async function startFloor(body: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'floor-server.ts')], {
    env: { ...process.env, PORT: String(port), FLOOR_BODY: body },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/floor`;
  for (let i = 0; i < 500; i++) {
    try {
      if ((await fetch(url)).status === 200) break;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return { child, url };
}

/**
 * Authenticated `GET /api/v1/regions?parent=120000` at 50 connections against the app on PGlite, next to a
 * bare Fastify route answering the same bytes; both run as separate processes, autocannon in this one.
 */
export async function benchHttp(): Promise<Figure[]> {
  const dir = tempDir('http');
  const app = await startServerProcess({
    MAGNET_DATA_DIR: dir,
    MAGNET_ADMIN_PASSWORD: 'Bench#Admin2026',
    MAGNET_DEMO: '0',
  });
  try {
    const login = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Bench#Admin2026' }),
    });
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    const url = `${app.url}/api/v1/regions?parent=120000`;
    const body = await (await fetch(url, { headers })).text();
    await load(url, { duration: 2, headers }); // warm-up
    const r = await load(url, { headers });
    const floor = await startFloor(body);
    await load(floor.url, { duration: 2 });
    const f = await load(floor.url);
    await stopProcess(floor.child);
    return [
      {
        name: 'http.regions.pglite.rps',
        value: round(r.rps, 0),
        unit: 'req/s',
        floor: { name: 'bare fastify, same body', value: round(f.rps, 0), unit: 'req/s' },
      },
      {
        name: 'http.regions.pglite.p99',
        value: r.p99,
        unit: 'ms',
        floor: { name: 'bare fastify p99', value: f.p99, unit: 'ms' },
      },
      { name: 'http.regions.pglite.ratio_to_floor', value: round(r.rps / f.rps, 3), unit: 'x' },
      { name: 'http.regions.pglite.errors', value: r.errors + r.non2xx, unit: 'count' },
    ];
  } finally {
    await stopProcess(app.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
