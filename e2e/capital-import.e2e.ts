import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
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
 * 月报填报 → Excel import in the browser: a district downloads the template of last month (its live
 * projects listed), fills an amount with exceljs, imports it and sees the grid total change; a file with a
 * bad row is refused as a whole with the row named; once submitted, the import buttons are gone.
 */

const MONTH = addMonths(currentMonthCst(), -1);
const DISTRICT = { username: 'heping_imp', password: 'Heping#Import-2026', name: '和平区招商科 李科长' };
const PROJECTS = { domestic: '和平金融街总部项目', foreign: '和平滨江数字港' };
const run = chromiumAvailable();

interface Created {
  id: string;
  code: string;
}

/** Signs in and waits for the signed-in shell. */
async function signInAs(page: Page, username: string, password: string) {
  await signIn(page, username, password);
  await page.getByTestId('user-menu').waitFor();
}

/** The sheet 资金到位 of a workbook, its rows keyed by 项目编号 (column A). */
async function openTemplate(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('资金到位');
  if (!ws) throw new Error('the template has no sheet 资金到位');
  const rowOf = (code: string) => {
    for (let i = 2; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(1).text === code) return i;
    throw new Error(`${code} is not in the template`);
  };
  return { wb, ws, rowOf };
}

describe.skipIf(!run)('capital entries imported from Excel in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: ApiClient;
  let tab: BrowserPage;
  let tmp: string;
  const created: Record<keyof typeof PROJECTS, Created> = {
    domestic: { id: '', code: '' },
    foreign: { id: '', code: '' },
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-capital-import-'));
    server = await startServer();
    browser = await launchBrowser();
    admin = await ApiClient.login(server.url, 'admin', server.adminPassword);
    const heping = await admin.createUnit({ name: '和平区人民政府', kind: 'district', region: '120101' });
    await admin.createUser({
      username: DISTRICT.username,
      password: DISTRICT.password,
      display_name: DISTRICT.name,
      role: 'district',
      unit_id: heping.id,
      must_change_password: false,
    });
    const investor = await admin.request<Created>('POST', '/api/v1/enterprises', {
      name: '北京导入示例投资有限公司',
      uscc: makeUscc(626262, '110108'),
      ownership: 'private',
    });
    for (const kind of ['domestic', 'foreign'] as const) {
      const p = await admin.request<Created>('POST', '/api/v1/projects', {
        name: PROJECTS[kind],
        region: '120101',
        investor_id: investor.id,
        origin: kind === 'domestic' ? '110108' : 'US',
        capital_kind: kind,
        industry: '7212',
        planned_amount: '20000.00',
      });
      await admin.request('POST', `/api/v1/projects/${p.id}/transitions`, {
        to: 'negotiating',
        date: todayCst(),
        note: '首次洽谈',
      });
      created[kind] = p;
    }
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !tab) return;
    await screenshot(tab.page, `capital-import-failed-${ctx.task.name.slice(0, 20)}`);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('downloads the template, fills an amount, imports it and sees the grid total change', async () => {
    tab = await openPage(browser, server.url);
    const { page } = tab;
    await signInAs(page, DISTRICT.username, DISTRICT.password);
    await page.goto(`/reports?month=${MONTH}`);
    await page.getByRole('heading', { name: /月报填报/ }).waitFor();
    const grid = page.getByTestId('entry-grid');
    await grid.locator('tbody tr', { hasText: PROJECTS.domestic }).waitFor();
    expect(await grid.locator('tfoot').textContent()).not.toContain('1,234.50');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('capital-template').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`资金到位导入模板-${MONTH}.xlsx`);
    const template = path.join(tmp, 'template.xlsx');
    await download.saveAs(template);

    // the template lists both live projects for the month; fill one, drop the other
    const { wb, ws, rowOf } = await openTemplate(template);
    const domesticRow = ws.getRow(rowOf(created.domestic.code));
    expect(domesticRow.getCell(2).text).toBe(MONTH);
    expect(domesticRow.getCell(3).text).toBe('内资');
    expect(ws.getRow(rowOf(created.foreign.code)).getCell(3).text).toBe('外资');
    domesticRow.getCell(4).value = 1234.5;
    domesticRow.getCell(5).value = '导入测试';
    ws.spliceRows(rowOf(created.foreign.code), 1);
    const filled = path.join(tmp, 'filled.xlsx');
    await wb.xlsx.writeFile(filled);

    await page.getByTestId('capital-import').click();
    const dialog = page.getByRole('dialog', { name: `导入 ${MONTH} 资金到位` });
    await dialog.locator('input[type=file]').setInputFiles(filled);
    await dialog.getByTestId('import-summary').waitFor();
    expect(await dialog.getByTestId('import-summary').textContent()).toContain('新建 1 条');
    await screenshot(page, 'capital-import-01-success');
    await dialog.getByRole('button', { name: /^关\s+闭$/ }).click();

    await expect.poll(() => grid.locator('tfoot').textContent()).toContain('1,234.50');
    expect(
      await grid
        .locator('tbody tr', { hasText: PROJECTS.domestic })
        .locator('td[data-col=domestic]')
        .textContent(),
    ).toBe('1,234.50');
    await page.getByText('1,234.50').first().waitFor();
    await screenshot(page, 'capital-import-02-grid');
  });

  it('refuses a file with a bad row as a whole and names the row', async () => {
    const { page } = tab;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('capital-template').click(),
    ]);
    const template = path.join(tmp, 'template-2.xlsx');
    await download.saveAs(template);
    const { wb, ws, rowOf } = await openTemplate(template);
    // prefilled with the imported figure; change it, and break the other row
    const domestic = rowOf(created.domestic.code);
    expect(ws.getRow(domestic).getCell(4).text).toBe('1234.5');
    ws.getRow(domestic).getCell(4).value = 99;
    const bad = rowOf(created.foreign.code);
    ws.getRow(bad).getCell(4).value = '十万';
    const file = path.join(tmp, 'bad.xlsx');
    await wb.xlsx.writeFile(file);

    await page.getByTestId('capital-import').click();
    const dialog = page.getByRole('dialog', { name: `导入 ${MONTH} 资金到位` });
    await dialog.locator('input[type=file]').setInputFiles(file);
    const errors = dialog.getByTestId('import-errors');
    await errors.waitFor();
    expect(await dialog.getByText('发现 1 处错误，未写入任何数据').count()).toBe(1);
    const text = await errors.textContent();
    expect(text).toContain(String(bad));
    expect(text).toContain('到位金额');
    expect(text).toContain('金额须为不小于 0');
    expect(await dialog.getByRole('button', { name: /下载标注错误的工作簿/ }).count()).toBe(1);
    await screenshot(page, 'capital-import-03-errors');
    await dialog.getByRole('button', { name: /^关\s+闭$/ }).click();

    // all or nothing: the good row of the refused file was not written either
    const grid = page.getByTestId('entry-grid');
    await page.reload();
    await grid.locator('tbody tr', { hasText: PROJECTS.domestic }).waitFor();
    expect(await grid.locator('tfoot').textContent()).toContain('1,234.50');
  });

  it('hides the import once the report is submitted', async () => {
    const { page } = tab;
    expect(await page.getByTestId('capital-import').count()).toBe(1);
    await admin.request('POST', `/api/v1/monthly-reports/120101/${MONTH}/submit`, {});
    await page.reload();
    await page.getByText('月报已提交审核，数据已锁定').first().waitFor();
    expect(await page.getByTestId('capital-template').count()).toBe(0);
    expect(await page.getByTestId('capital-import').count()).toBe(0);
    expect(tab.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
