import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { type Figure, median, ROOT, round, startServerProcess, stopProcess, tempDir } from '../lib.ts';

const DIST = path.join(ROOT, 'dist', 'web');

/** An entry of the Element Timing API (not in TypeScript's DOM library yet). */
interface ElementTiming {
  identifier: string;
  renderTime: number;
  loadTime: number;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/**
 * The JavaScript the login page needs before its form can render, gzipped: the entry and every chunk it
 * imports statically, plus the lazy login page and its static imports (from Vite's manifest). What the page
 * fetches afterwards in the background (the signed-in shell) is not counted.
 */
function initialJs(): { kb: number; files: number } {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key].imports ?? []) visit(i);
  };
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const login = Object.keys(manifest).find((k) => k.endsWith('auth/pages/LoginPage.tsx'));
  if (!entry || !login) throw new Error('dist/web/.vite/manifest.json lacks the entry or the login page');
  visit(entry);
  visit(login);
  const files = [...new Set([...seen].map((k) => manifest[k].file))];
  const bytes = files.reduce((s, f) => s + zlib.gzipSync(fs.readFileSync(path.join(DIST, f))).length, 0);
  return { kb: round(bytes / 1024, 1), files: files.length };
}

/**
 * The front end (issue 6): initial JS ≤ 300 kB gzipped, and the first useful paint of the project list
 * (rows on screen, measured with the Performance API from navigation start) ≤ 1.5 s on localhost: the
 * paint time the browser reports for the project names (Element Timing). Until 2026-11-23 the figure was
 * `performance.now()` once the harness had seen the rows, which came 100–350 ms after their paint (the
 * harness polls, and its evaluation waits for a main thread busy with what follows the rows); that figure
 * is still printed beside it.
 */
export async function benchWeb(): Promise<Figure[]> {
  if (!fs.existsSync(path.join(DIST, 'index.html')))
    throw new Error('dist/web is missing: run `npm run build` first');
  const js = initialJs();
  const dir = tempDir('web');
  const server = await startServerProcess({
    MAGNET_DATA_DIR: dir,
    MAGNET_DEMO: '1',
    MAGNET_ADMIN_PASSWORD: 'Web#Bench2026',
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  try {
    const open = async (page: Page) => {
      await page.goto(`${server.url}/projects`, { waitUntil: 'commit' });
      await page.waitForSelector('.ant-table-tbody tr.ant-table-row', { timeout: 60_000 });
      const polled = await page.evaluate(() => performance.now());
      // when the browser painted the first project names (Element Timing: ProjectListPage marks them;
      // its entries reach a PerformanceObserver only, not performance.getEntries)
      const painted = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            setTimeout(() => reject(new Error('no Element Timing entry for the project names')), 10_000);
            new PerformanceObserver((list) => {
              const t = (list.getEntries() as Array<PerformanceEntry & ElementTiming>)
                .filter((e) => e.identifier === 'project-list-rows')
                .map((e) => e.renderTime || e.loadTime);
              if (t.length) resolve(Math.min(...t));
            }).observe({ type: 'element', buffered: true });
          }),
      );
      return { painted, polled };
    };
    // cold: a new browser context each time (empty cache); one sample swung by 0.8 s between runs, so
    // the figure is the median of COLD of them. Warm: the last context opens the list again.
    const COLD = 5;
    const cold: Array<{ painted: number; polled: number }> = [];
    const warm: Array<{ painted: number; polled: number }> = [];
    for (let c = 0; c < COLD; c++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      const login = await page.request.post(`${server.url}/api/v1/auth/login`, {
        data: { username: 'admin', password: 'Web#Bench2026' },
      });
      if (login.status() !== 200) throw new Error(`login ${login.status()}`);
      cold.push(await open(page));
      if (c === COLD - 1) for (let i = 0; i < 5; i++) warm.push(await open(page));
      await context.close();
    }
    const paintedCold = cold.map((x) => x.painted);
    return [
      { name: 'web.initial_js_gzip', value: js.kb, unit: 'kB', target: '≤ 300 kB' },
      { name: 'web.initial_js_files', value: js.files, unit: 'files' },
      {
        name: 'web.project_list.first_rows.cold',
        value: round(median(paintedCold), 0),
        unit: `ms (median of ${COLD}; ${round(Math.min(...paintedCold), 0)}–${round(Math.max(...paintedCold), 0)})`,
        target: '≤ 1500 ms',
      },
      {
        name: 'web.project_list.first_rows.warm',
        value: round(median(warm.map((x) => x.painted)), 0),
        unit: 'ms',
        target: '≤ 1500 ms',
      },
      {
        name: 'web.project_list.rows_seen_by_poll.cold',
        value: round(median(cold.map((x) => x.polled)), 0),
        unit: 'ms (when the harness saw the rows: painted + its polling and a busy main thread)',
      },
      {
        name: 'web.project_list.rows_seen_by_poll.warm',
        value: round(median(warm.map((x) => x.polled)), 0),
        unit: 'ms',
      },
    ];
  } finally {
    await browser.close();
    await stopProcess(server.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
