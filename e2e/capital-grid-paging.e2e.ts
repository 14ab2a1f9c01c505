import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, currentMonthCst, todayCst } from '../shared/month.ts';
import { makeUscc } from '../shared/uscc.ts';
import { ApiClient } from './helpers/api.ts';
import {
  chromiumAvailable,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  type BrowserPage,
} from './helpers/browser.ts';
import { startServer, type TestServer } from './helpers/server.ts';

/**
 * 月报填报 a page at a time: a district with 55 live projects pages its entry grid (50 a page), types on
 * page 1 and on page 2, finds its edits still there on coming back, searches and filters, and saves the
 * edits of both pages at once; the totals are the region's over every row throughout.
 */

const MONTH = addMonths(currentMonthCst(), -1);
const DISTRICT = { username: 'hexi_grid', password: 'Hexi#Grid-2026', name: '河西区招商科 赵科长' };
const name = (i: number) => `河西网格项目${String(i).padStart(2, '0')}`;
const run = chromiumAvailable();

/** Signs in and waits for the signed-in shell. */
async function signInAs(page: Page, username: string, password: string) {
  await signIn(page, username, password);
  await page.getByTestId('user-menu').waitFor();
}

describe.skipIf(!run)('the entry grid paged by the server, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: ApiClient;
  let tab: BrowserPage;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await ApiClient.login(server.url, 'admin', server.adminPassword);
    const hexi = await admin.createUnit({ name: '河西区人民政府', kind: 'district', region: '120103' });
    await admin.createUser({
      username: DISTRICT.username,
      password: DISTRICT.password,
      display_name: DISTRICT.name,
      role: 'district',
      unit_id: hexi.id,
      must_change_password: false,
    });
    const investor = await admin.request<{ id: string }>('POST', '/api/v1/enterprises', {
      name: '北京网格示例投资有限公司',
      uscc: makeUscc(737373, '110108'),
      ownership: 'private',
    });
    let first = '';
    for (let i = 1; i <= 55; i++) {
      const p = await admin.request<{ id: string }>('POST', '/api/v1/projects', {
        name: name(i),
        region: '120103',
        investor_id: investor.id,
        origin: '110108',
        capital_kind: 'domestic',
        industry: '7212',
        planned_amount: '1000.00',
      });
      await admin.request('POST', `/api/v1/projects/${p.id}/transitions`, {
        to: 'negotiating',
        date: todayCst(),
        note: '首次洽谈',
      });
      if (i === 1) first = p.id;
    }
    await admin.request('PUT', '/api/v1/capital-entries/grid', {
      region: '120103',
      month: MONTH,
      rows: [{ project_id: first, domestic: '10.00' }],
    });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !tab) return;
    await screenshot(tab.page, `capital-grid-paging-failed-${ctx.task.name.slice(0, 20)}`);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('keeps the edits of every page, searches, filters and saves them all at once', async () => {
    tab = await openPage(browser, server.url);
    const { page } = tab;
    await signInAs(page, DISTRICT.username, DISTRICT.password);
    await page.goto(`/reports?month=${MONTH}`);
    const grid = page.getByTestId('entry-grid');
    const rows = grid.locator('tbody tr');
    const row = (i: number) => grid.locator('tbody tr', { hasText: name(i) });
    const pager = page.getByTestId('grid-pagination');
    await row(1).waitFor();
    expect(await pager.textContent()).toContain('共 55 个项目');
    expect(await rows.count()).toBe(55);

    // 50 a page
    await pager.locator('.ant-select').click();
    await page.getByTitle('50 条/页').click();
    await expect.poll(() => rows.count()).toBe(50);

    // page 1: 10.00 becomes 5; page 2: 7.5 where there was nothing
    await row(1).locator('td[data-col=domestic]').click();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await pager.getByTitle('2', { exact: true }).click();
    await row(51).waitFor();
    expect(await rows.count()).toBe(5);
    await row(51).locator('td[data-col=domestic]').click();
    await page.keyboard.type('7.5');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('grid-dirty').textContent()).toContain('2');
    // the region's total over every row, with both edits
    expect(await grid.locator('tfoot').textContent()).toContain('12.50');
    await screenshot(page, 'capital-grid-paging-01-page2');

    await pager.getByTitle('1', { exact: true }).click();
    await row(1).waitFor();
    expect(await row(1).locator('td[data-col=domestic]').textContent()).toBe('5.00');
    expect(await page.getByTestId('grid-dirty').textContent()).toContain('2');

    // filled this month (as saved): only project 01; a search finds one project by name
    await page.getByText('已填', { exact: true }).click();
    await expect.poll(() => pager.textContent()).toContain('共 1 个项目');
    expect(await rows.count()).toBe(1);
    await page.getByText('全部', { exact: true }).click();
    await page.getByLabel('搜索项目').fill('网格项目53');
    await expect.poll(() => pager.textContent()).toContain('共 1 个项目');
    await row(53).waitFor();
    expect(await grid.locator('tfoot').textContent()).toContain('12.50');
    await page.getByLabel('搜索项目').fill('');
    await expect.poll(() => pager.textContent()).toContain('共 55 个项目');

    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存 2 项变更').waitFor();
    await page.getByTestId('grid-dirty').waitFor({ state: 'detached' });
    const saved = await admin.request<{ totals: { domestic: string } }>(
      'GET',
      `/api/v1/capital-entries/grid?region=120103&month=${MONTH}&page_size=1`,
    );
    expect(saved.totals.domestic).toBe('12.50');
    await screenshot(page, 'capital-grid-paging-02-saved');
    expect(tab.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
