import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openDatabase } from '../../server/db/database.ts';
import { type Figure, pgUrl, round, rssMb, startServerProcess, stopProcess } from '../lib.ts';

/**
 * A mixed workload (reads, writes, exports, logins) at 50 connections against PostgreSQL for
 * SOAK_SECONDS (default 600): no 5xx, the p99, and the server's RSS at the end against after warm-up.
 */
export async function benchSoak(): Promise<Figure[]> {
  const base = pgUrl();
  if (!base)
    return [{ name: 'soak.postgres', value: -1, unit: 'skipped (no BENCH_DATABASE_URL/TEST_DATABASE_URL)' }];
  const seconds = Number(process.env.SOAK_SECONDS ?? 600);
  const url = base.replace(/\/[^/?]+(\?|$)/, '/magnet_soak$1');
  const admin = await openDatabase({ engine: 'postgres', url: base, poolSize: 1 });
  await sql.raw('DROP DATABASE IF EXISTS magnet_soak WITH (FORCE)').execute(admin.db);
  await sql.raw('CREATE DATABASE magnet_soak').execute(admin.db);
  await admin.close();
  const server = await startServerProcess({
    DATABASE_URL: url,
    MAGNET_DEMO: '1',
    MAGNET_ADMIN_PASSWORD: 'Soak#Admin2026',
  });
  try {
    const j = async (path: string, init: RequestInit = {}) => {
      const r = await fetch(`${server.url}${path}`, init);
      return (await r.json()) as Record<string, unknown>;
    };
    const { token } = (await j('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Soak#Admin2026' }),
    })) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const projects = (
      await j('/api/v1/projects?page_size=50&stage=signed,registered,construction,operating', {
        headers: auth,
      })
    ).items as Array<{ id: string }>;
    const lastMonth = new Date(Date.now() + 8 * 3600_000 - 40 * 86400_000).toISOString().slice(0, 7);
    const month = lastMonth;
    let n = 0;
    const requests: autocannon.Request[] = [
      { method: 'GET', path: '/api/v1/projects?page=1&page_size=20&sort=-planned_amount' },
      { method: 'GET', path: `/api/v1/projects?q=${encodeURIComponent('科技')}&page_size=20` },
      { method: 'GET', path: `/api/v1/projects/${projects[0]?.id}` },
      { method: 'GET', path: `/api/v1/bulletins/${month}` },
      { method: 'GET', path: `/api/v1/monthly-reports?month=${month}` },
      { method: 'GET', path: '/api/v1/regions?parent=120000' },
      {
        method: 'PUT',
        path: '/api/v1/targets/2027/120101',
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ domestic: `${1000 + (n++ % 1000)}.00`, foreign: '10.00' }),
        }),
      },
      { method: 'GET', path: '/api/v1/projects.xlsx?region=120101' },
      {
        method: 'POST',
        path: '/api/v1/auth/login',
        body: JSON.stringify({ username: 'admin', password: 'Soak#Admin2026' }),
      },
    ];
    const warm = await autocannon({
      url: server.url,
      connections: 50,
      duration: 20,
      headers: auth,
      requests,
    });
    const rssWarm = rssMb(server.child.pid!);
    const r = await autocannon({
      url: server.url,
      connections: 50,
      duration: seconds,
      headers: auth,
      requests,
    });
    const rssEnd = rssMb(server.child.pid!);
    return [
      { name: 'soak.postgres.seconds', value: seconds, unit: 's' },
      { name: 'soak.postgres.requests', value: r.requests.total, unit: 'req' },
      { name: 'soak.postgres.rps', value: round(r.requests.average, 0), unit: 'req/s' },
      { name: 'soak.postgres.p99', value: r.latency.p99, unit: 'ms' },
      { name: 'soak.postgres.5xx', value: r['5xx'] + warm['5xx'], unit: 'count', target: '0' },
      { name: 'soak.postgres.errors', value: r.errors + r.timeouts, unit: 'count' },
      { name: 'soak.postgres.rss_after_warmup', value: round(rssWarm, 0), unit: 'MB' },
      {
        name: 'soak.postgres.rss_end',
        value: round(rssEnd, 0),
        unit: 'MB',
        target: '≤ 110 % of after warm-up',
      },
      { name: 'soak.postgres.rss_growth', value: round(rssEnd / rssWarm - 1, 3), unit: 'ratio' },
    ];
  } finally {
    await stopProcess(server.child);
  }
}
