import { type Figure, round, rssMb, rssSampler } from '../lib.ts';
import { load } from './http.ts';

/** a common fragment of synthetic project and investor names (新能源汽车…), as in the pipeline bench */
export const Q = '新能源';

/**
 * Signs in as `admin` on a running server and loads the project list at 50 connections for `seconds` per
 * variant (query string), sampling the server's RSS: figures named `<prefix>.…` — the list's total, the RSS
 * after start, each variant's req/s and p99, the RSS peak under the load (target < `rssTarget` MB) and the
 * failed requests.
 */
export async function listUnderLoad(opts: {
  url: string;
  pid: number;
  password: string;
  prefix: string;
  variants: ReadonlyArray<readonly [string, string]>;
  seconds: number;
  rssTarget: number;
}): Promise<Figure[]> {
  const { url, pid, prefix } = opts;
  const rss = rssSampler(pid);
  try {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: opts.password }),
    });
    if (login.status !== 200) throw new Error(`login: HTTP ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    const first = await fetch(`${url}/api/v1/projects?page_size=1`, { headers });
    const total = ((await first.json()) as { total: number }).total;
    const figures: Figure[] = [
      { name: `${prefix}.projects`, value: total, unit: 'rows' },
      {
        name: `${prefix}.server.rss_after_start`,
        value: round(rssMb(pid), 0),
        unit: 'MB (after start, sign-in and one list page)',
      },
    ];
    let errors = 0;
    for (const [name, query] of opts.variants) {
      const target = `${url}/api/v1/projects?${query}`;
      await load(target, { duration: 2, headers });
      const r = await load(target, { duration: opts.seconds, headers });
      errors += r.errors + r.non2xx;
      figures.push(
        { name: `${prefix}.list.${name}.rps`, value: round(r.rps, 0), unit: 'req/s' },
        { name: `${prefix}.list.${name}.p99`, value: r.p99, unit: 'ms' },
      );
    }
    figures.push(
      {
        name: `${prefix}.server.rss_peak`,
        value: round(rss.peak(), 0),
        unit: 'MB (under the list load)',
        target: `< ${opts.rssTarget} MB`,
      },
      { name: `${prefix}.errors`, value: errors, unit: 'count (non-2xx + socket errors)', target: '0' },
    );
    return figures;
  } finally {
    rss.stop();
  }
}
