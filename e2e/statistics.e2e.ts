import fs from 'node:fs';
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
 * 月报 → 审核 → 月通报 in the browser (issue 4): a district fills the entry grid of last month by typing
 * and by pasting a block copied from Excel, saves and submits; the office approves it in the review queue
 * (the other district through the API), publishes the bulletin and downloads it as PDF.
 */

const MONTH = addMonths(currentMonthCst(), -1);
const YEAR = Number(MONTH.slice(0, 4));
const DISTRICT = { username: 'heping_tj', password: 'Heping#Stat-2026', name: '和平区招商科 张科长' };
const OFFICE = { username: 'office_tj', password: 'Office#Stat-2026', name: '合作交流办 王主任' };
const HEPING = ['和平金融大厦总部项目', '和平津湾广场数字经济园', '和平五大道文旅综合体'];
const HEDONG = '河东万达广场二期';
const run = chromiumAvailable();

interface Created {
  id: string;
}

function menuItem(page: Page, name: string) {
  return page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name, exact: true });
}

/** Pastes text the way Ctrl+V from Excel arrives: a paste event carrying `text/plain`. */
async function paste(page: Page, text: string) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

describe.skipIf(!run)('monthly statistics in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: ApiClient;
  let district: BrowserPage;
  let office: BrowserPage;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await ApiClient.login(server.url, 'admin', server.adminPassword);
    const officeUnit = await admin.createUnit({ name: '天津市合作交流办', kind: 'office', region: '120000' });
    const heping = await admin.createUnit({ name: '和平区人民政府', kind: 'district', region: '120101' });
    await admin.createUnit({ name: '河东区人民政府', kind: 'district', region: '120102' });
    await admin.createUser({
      username: DISTRICT.username,
      password: DISTRICT.password,
      display_name: DISTRICT.name,
      role: 'district',
      unit_id: heping.id,
      must_change_password: false,
    });
    await admin.createUser({
      username: OFFICE.username,
      password: OFFICE.password,
      display_name: OFFICE.name,
      role: 'office',
      unit_id: officeUnit.id,
      must_change_password: false,
    });
    const investor = await admin.request<Created>('POST', '/api/v1/enterprises', {
      name: '北京示例投资控股有限公司',
      uscc: makeUscc(515151, '110108'),
      ownership: 'private',
    });
    // live projects (past 线索, so that the grid lists them) in 和平区 and one in 河东区
    const project = async (name: string, region: string, kind: 'domestic' | 'foreign') => {
      const p = await admin.request<Created>('POST', '/api/v1/projects', {
        name,
        region,
        investor_id: investor.id,
        origin: kind === 'domestic' ? '110108' : 'US',
        capital_kind: kind,
        industry: '7212',
        planned_amount: '50000.00',
      });
      await admin.request('POST', `/api/v1/projects/${p.id}/transitions`, {
        to: 'negotiating',
        date: todayCst(),
        note: '首次洽谈',
      });
      return p;
    };
    await project(HEPING[0], '120101', 'domestic');
    await project(HEPING[1], '120101', 'foreign');
    await project(HEPING[2], '120101', 'domestic');
    const hedong = await project(HEDONG, '120102', 'domestic');
    for (const [region, domestic, foreign] of [
      ['120000', '100000.00', '1000.00'],
      ['120101', '40000.00', '500.00'],
      ['120102', '30000.00', '300.00'],
    ]) {
      await admin.request('PUT', `/api/v1/targets/${YEAR}/${region}`, { domestic, foreign });
    }
    // 河东区 reports through the API
    await admin.request('PUT', '/api/v1/capital-entries/grid', {
      region: '120102',
      month: MONTH,
      rows: [{ project_id: hedong.id, domestic: '1500.25' }],
    });
    await admin.request('POST', `/api/v1/monthly-reports/120102/${MONTH}/submit`, {});
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    for (const [name, tab] of [
      ['district', district],
      ['office', office],
    ] as const) {
      if (tab) await screenshot(tab.page, `statistics-failed-${name}-${ctx.task.name.slice(0, 20)}`);
    }
  });

  afterAll(async () => {
    await district?.context.close();
    await office?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('a district types and pastes its figures, saves all at once and submits the report', async () => {
    district = await openPage(browser, server.url);
    const { page } = district;
    await signIn(page, DISTRICT.username, DISTRICT.password);
    await menuItem(page, '月报').click();
    await page.getByRole('heading', { name: /月报填报/ }).waitFor();
    const grid = page.getByTestId('entry-grid');
    const row = (name: string) => grid.locator('tbody tr', { hasText: name });
    await row(HEPING[0]).waitFor();
    expect(await page.getByTestId('report-status').textContent()).toBe('草稿');

    // type into the first row, Enter commits and moves down
    await row(HEPING[0]).locator('td[data-col=domestic]').click();
    await page.keyboard.type('1234.56');
    await page.keyboard.press('Enter');
    // a block copied from Excel (thousands separators, a blank cell) lands from the active cell on
    await paste(page, '2,000.10\t15.5\n300\t\n');
    await expect.poll(() => row(HEPING[1]).locator('td[data-col=domestic]').textContent()).toBe('2,000.10');
    expect(await row(HEPING[1]).locator('td[data-col=foreign]').textContent()).toBe('15.50');
    expect(await row(HEPING[2]).locator('td[data-col=domestic]').textContent()).toBe('300.00');
    // a wrong amount is flagged at once, Escape undoes it
    await row(HEPING[2]).locator('td[data-col=foreign]').click();
    await page.keyboard.type('1.005');
    expect(await row(HEPING[2]).locator('td[data-col=foreign]').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await row(HEPING[2]).locator('td[data-col=foreign]').getAttribute('aria-invalid')).toBeNull();
    // totals as typed, summed as decimals
    const totals = grid.locator('tfoot');
    expect(await totals.textContent()).toContain('3,534.66');
    expect(await totals.textContent()).toContain('15.50');
    expect(await page.getByTestId('grid-dirty').textContent()).toContain('4');
    await screenshot(page, 'statistics-01-district-grid');

    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存 4 项变更').waitFor();
    await page.getByTestId('grid-dirty').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: /提交月报/ }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /提交月报/ })
      .click();
    await page.getByText('月报已提交审核，数据已锁定').waitFor();
    expect(await page.getByTestId('report-status').textContent()).toBe('已提交');
    await screenshot(page, 'statistics-02-district-submitted');

    const report = await admin.request<{ status: string; domestic_total: string; foreign_total: string }>(
      'GET',
      `/api/v1/monthly-reports/120101/${MONTH}`,
    );
    expect(report).toMatchObject({ status: 'submitted', domestic_total: '3534.66', foreign_total: '15.50' });
  });

  it('the office approves 和平区 in the queue, 河东区 through the API', async () => {
    office = await openPage(browser, server.url);
    const { page } = office;
    await signIn(page, OFFICE.username, OFFICE.password);
    await menuItem(page, '月报').click();
    await page.getByRole('heading', { name: '月报审核' }).waitFor();
    const heping = page.getByTestId('queue-table').getByRole('row', { name: /和平区/ });
    await heping.getByText('已提交').waitFor();
    expect(await heping.textContent()).toContain('3,534.66');
    await heping.getByRole('button', { name: /审核通过/ }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /审核通过/ })
      .click();
    await heping.getByText('已审核通过').waitFor();

    await admin.request('POST', `/api/v1/monthly-reports/120102/${MONTH}/approve`, {});
    await page.reload();
    const hedong = page.getByTestId('queue-table').getByRole('row', { name: /河东区/ });
    await hedong.getByText('已审核通过').waitFor();
    await screenshot(page, 'statistics-03-office-queue');
  });

  it('the office publishes the bulletin and downloads it as PDF', async () => {
    const { page } = office;
    await menuItem(page, '月通报').click();
    await page.getByRole('heading', { name: '月通报' }).waitFor();
    const table = page.getByTestId('bulletin-table');
    const heping = table.getByRole('row', { name: /和平区/ });
    await heping.waitFor();
    expect(await heping.textContent()).toContain('3,534.66');
    // both reporting districts are in; the districts without a reporting unit stay 未报送
    expect(await heping.getByTestId('not-reported').count()).toBe(0);
    expect(
      await table
        .getByRole('row', { name: /河东区/ })
        .getByTestId('not-reported')
        .count(),
    ).toBe(0);
    expect(
      await table
        .getByRole('row', { name: /红桥区/ })
        .getByTestId('not-reported')
        .count(),
    ).toBe(1);

    await page.getByRole('button', { name: /发布通报/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('发布说明（可选）').fill('首次发布');
    await dialog.getByRole('button', { name: /发布通报/ }).click();
    await page.getByText('已发布第 1 版').waitFor();
    await screenshot(page, 'statistics-04-office-bulletin');

    await page.getByTestId('bulletin-download').hover();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /PDF/ }).click(),
    ]);
    const file = await download.path();
    const head = fs.readFileSync(file).subarray(0, 5).toString('latin1');
    expect(head).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  });

  it('the district sees the published version', async () => {
    const { page } = district;
    await menuItem(page, '月通报').click();
    await page.getByRole('heading', { name: '月通报' }).waitFor();
    await page
      .getByTestId('bulletin-table')
      .getByRole('row', { name: /河东区/ })
      .waitFor();
    expect(await page.getByText('第 1 版', { exact: true }).first().isVisible()).toBe(true);
    await screenshot(page, 'statistics-05-district-bulletin');
    for (const tab of [district, office])
      expect(tab.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
