import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
 * 项目库 in the browser (issue 3): an office user creates an investor enterprise (USCC checked as typed) and
 * a project for it, moves the project to 签约 with an evidence file, finds it by search, exports the list to
 * Excel, edits the workbook (ExcelJS), imports it back — first a broken copy (errors by row and column), then
 * the good one — and sees the change in the list.
 */

const OFFICE = { username: 'office_p', password: 'Office#Proj-2026', name: '合作交流办 李处长' };
const ENTERPRISE = { name: '北京示例新能源科技有限公司', uscc: makeUscc(424242, '110108') };
const PROJECT = { name: '示例新能源电池华北生产基地', planned: '12345.67', edited: '23456.78' };
const run = chromiumAvailable();

/** The open antd select popup (rendered at the end of the body). */
function popup(page: Page) {
  return page.locator('.ant-select-dropdown:visible');
}

/** Picks an option of the antd select labelled `label` in `scope`. */
async function choose(page: Page, scope: Locator, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await popup(page).getByTitle(option, { exact: true }).click();
}

/** Picks a node of a RegionSelect/IndustrySelect by searching. */
async function chooseTree(page: Page, scope: Locator, label: string, search: string, node: RegExp) {
  const box = scope.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(search);
  await popup(page).getByRole('treeitem', { name: node }).click();
}

/** A tiny but real PDF (the server recognises files by their content). */
function pdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
      'trailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}

/** The header → column number map of the first row of a sheet. */
function headers(sheet: ExcelJS.Worksheet): Map<string, number> {
  const out = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) =>
    out.set(
      String(cell.value)
        .replace(/^\*\s*/, '')
        .trim(),
      col,
    ),
  );
  return out;
}

describe.skipIf(!run)('project pipeline in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: BrowserPage;
  let exported: Buffer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await ApiClient.login(server.url, 'admin', server.adminPassword);
    const office = await admin.createUnit({ name: '天津市合作交流办', kind: 'office', region: '120000' });
    await admin.createUnit({ name: '和平区人民政府', kind: 'district', region: '120101' });
    await admin.createUser({
      username: OFFICE.username,
      password: OFFICE.password,
      display_name: OFFICE.name,
      role: 'office',
      unit_id: office.id,
      must_change_password: false,
    });
    tab = await openPage(browser, server.url);
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && tab)
      await screenshot(tab.page, `projects-failed-${ctx.task.name.slice(0, 24)}`);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('creates an investor enterprise, checking the USCC as it is typed', async () => {
    const { page } = tab;
    await signIn(page, OFFICE.username, OFFICE.password);
    await page.getByRole('heading', { name: `您好，${OFFICE.name}` }).waitFor();

    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '企业库' }).click();
    await page.waitForURL('**/enterprises');
    await page.getByRole('heading', { name: '企业库' }).waitFor();
    await page.getByRole('button', { name: /新建企业/ }).click();
    await page.waitForURL('**/enterprises/new');
    const form = page.locator('form#enterprise-form');
    await form.getByLabel('企业名称').fill(ENTERPRISE.name);
    await choose(page, form, '企业性质', '民营企业');

    // a wrong check character is caught before anything is sent
    const wrong = ENTERPRISE.uscc.slice(0, 17) + (ENTERPRISE.uscc[17] === '1' ? '2' : '1');
    await form.getByLabel('统一社会信用代码').fill(wrong.toLowerCase());
    await form.getByRole('button', { name: /创\s*建|新\s*建/ }).click();
    await form.getByText(/校验位不正确/).waitFor();
    await form.getByLabel('统一社会信用代码').fill(ENTERPRISE.uscc);
    await form.getByText(/校验位不正确/).waitFor({ state: 'detached' });

    // 民营500强 with its year and rank
    await form.getByRole('checkbox', { name: '民营500强' }).check();
    await form.getByLabel('民营500强 年份').fill('2025');
    await form.getByLabel('民营500强 名次').fill('88');
    await screenshot(page, 'p01-enterprise-form');
    await form.getByRole('button', { name: /创\s*建|新\s*建/ }).click();

    await page.waitForURL(/\/enterprises\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: ENTERPRISE.name }).waitFor();
    const facts = page.getByTestId('enterprise-descriptions');
    await expect.poll(() => facts.textContent()).toContain(ENTERPRISE.uscc);
    expect(await facts.textContent()).toContain('民营500强（2025 年第 88 名）');
    await screenshot(page, 'p02-enterprise-detail');
    expect(tab.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });

  it('creates a project for it and moves it to 签约 with evidence', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: /为该企业新建项目/ }).click();
    await page.waitForURL('**/projects/new?investor_id=*');
    const form = page.locator('form#project-form');
    await expect.poll(() => form.textContent(), { timeout: 10_000 }).toContain(ENTERPRISE.name);

    // validation in Chinese before anything is sent
    await form.getByRole('button', { name: /创建项目/ }).click();
    await form.getByText('请填写项目名称').waitFor();
    await form.getByText('请选择落地区域').waitFor();

    await form.getByLabel('项目名称').fill(PROJECT.name);
    await chooseTree(page, form, '落地区域', '和平', /和平区.*120101/);
    await chooseTree(page, form, '行业', '6511', /基础软件开发.*6511/);
    await form.getByLabel('计划总投资').fill('12345.678');
    await form.getByText('金额须为不小于 0 的数字，最多 16 位整数、2 位小数').first().waitFor();
    await form.getByLabel('计划总投资').fill(PROJECT.planned);
    await screenshot(page, 'p03-project-form');
    await form.getByRole('button', { name: /创建项目/ }).click();

    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: new RegExp(PROJECT.name) }).waitFor();
    const timeline = page.getByTestId('stage-timeline');
    await timeline.getByText('新建项目').waitFor();

    // lead → negotiating
    await page.getByRole('button', { name: /阶段变更/ }).click();
    let dialog = page.getByRole('dialog', { name: `阶段变更：${PROJECT.name}` });
    await dialog.getByText('推进到“在谈”').waitFor();
    await dialog.getByRole('button', { name: '确认变更' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await timeline.getByText('在谈').waitFor();

    // negotiating → signed needs evidence
    await page.getByRole('button', { name: /阶段变更/ }).click();
    dialog = page.getByRole('dialog', { name: `阶段变更：${PROJECT.name}` });
    await dialog.getByText('推进到“签约”').waitFor();
    await dialog.getByLabel('备注').fill('双方签订投资协议');
    await dialog.getByRole('button', { name: '确认变更' }).click();
    await dialog.getByText(/推进到“签约”须至少上传一份证明材料/).waitFor();
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '投资协议.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await dialog.locator('.ant-upload-list-item-done').filter({ hasText: '投资协议.pdf' }).waitFor();
    await screenshot(page, 'p04-transition-signed');
    await dialog.getByRole('button', { name: '确认变更' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await timeline.getByText('双方签订投资协议').waitFor();
    await timeline.getByRole('link', { name: /投资协议\.pdf/ }).waitFor();
    await page
      .getByTestId('project-attachments')
      .getByRole('link', { name: /投资协议\.pdf/ })
      .waitFor();
    expect(await page.getByTestId('project-basic').textContent()).toContain('签约');
    await screenshot(page, 'p05-project-signed');
    expect(tab.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });

  it('finds it by search and exports exactly the filtered list', async () => {
    const { page } = tab;
    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '项目库' }).click();
    await page.waitForURL('**/projects');
    await page.getByRole('heading', { name: '项目库' }).waitFor();
    await page.getByLabel('搜索项目名称、投资方、项目编号或信用代码').fill('华北生产基地');
    await page.waitForURL(/q=/);
    const total = page.getByTestId('project-total');
    await expect.poll(() => total.textContent(), { timeout: 10_000 }).toBe('共 1 个项目');
    const row = page.getByRole('row', { name: new RegExp(PROJECT.name) });
    await row.waitFor();
    expect(await row.textContent()).toContain('12,345.67');
    await screenshot(page, 'p06-list-search');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出 Excel/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^项目库-.*\.xlsx$/);
    const path = await download.path();
    const fs = await import('node:fs');
    exported = fs.readFileSync(path);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('项目')!;
    const col = headers(sheet);
    expect(sheet.actualRowCount).toBe(2); // the header and the one project shown
    expect(sheet.getRow(2).getCell(col.get('项目名称')!).value).toBe(PROJECT.name);
    expect(sheet.getRow(2).getCell(col.get('计划总投资（万元）')!).value).toBe(12345.67);
    expect(sheet.getRow(2).getCell(col.get('阶段')!).value).toBe('签约');

    // the searched address opened directly (a link, a reload): the same one row, and the list asked for
    // once — the router's early request while the page loads and the page itself share one answer
    const asked: string[] = [];
    const count = (r: { url(): string }) => {
      if (new URL(r.url()).pathname === '/api/v1/projects') asked.push(r.url());
    };
    page.on('request', count);
    await page.reload();
    await page.getByRole('row', { name: new RegExp(PROJECT.name) }).waitFor();
    await expect.poll(() => total.textContent(), { timeout: 10_000 }).toBe('共 1 个项目');
    await page.waitForLoadState('networkidle');
    page.off('request', count);
    expect(asked).toHaveLength(1);
    expect(new URL(asked[0]).searchParams.get('q')).toBe('华北生产基地');
  });

  it('imports an edited export: a broken copy is refused row by row, the good one updates the project', async () => {
    const { page } = tab;
    const edit = async (mutate: (sheet: ExcelJS.Worksheet, col: Map<string, number>) => void) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exported as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('项目')!;
      mutate(sheet, headers(sheet));
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

    await page.getByRole('button', { name: /导入 Excel/ }).click();
    const dialog = page.getByRole('dialog', { name: '导入项目' });
    await dialog.waitFor();

    // an unknown industry code: nothing written, the error by row and column
    const broken = await edit((sheet, col) => {
      sheet.getRow(2).getCell(col.get('行业代码')!).value = '9999';
    });
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '项目-有误.xlsx', mimeType: xlsx, buffer: broken });
    await dialog.getByText('发现 1 处错误，未写入任何数据').waitFor();
    const errors = dialog.getByTestId('import-errors');
    expect(await errors.getByRole('row').nth(1).textContent()).toMatch(/^2.*行业代码/);
    await dialog.getByRole('button', { name: /下载标注错误的工作簿/ }).waitFor();
    await screenshot(page, 'p07-import-errors');

    // the good edit: a new planned amount and a note
    await dialog.getByRole('button', { name: /重新选择文件/ }).click();
    const good = await edit((sheet, col) => {
      sheet.getRow(2).getCell(col.get('计划总投资（万元）')!).value = Number(PROJECT.edited);
      sheet.getRow(2).getCell(col.get('备注')!).value = '按 Excel 回导修改';
    });
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '项目-修改.xlsx', mimeType: xlsx, buffer: good });
    await dialog.getByTestId('import-summary').waitFor();
    expect(await dialog.getByTestId('import-summary').textContent()).toContain('新建 0 条，更新 1 条');
    await screenshot(page, 'p08-import-done');
    await dialog.getByRole('button', { name: '关 闭', exact: true }).click();

    const row = page.getByRole('row', { name: new RegExp(PROJECT.name) });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('23,456.78');
    await screenshot(page, 'p09-list-after-import');
    await row.getByRole('link', { name: PROJECT.name }).click();
    await page.getByText('按 Excel 回导修改').waitFor();

    // the board shows it in the 签约 column
    await page.goto('/projects/board');
    await page.getByTestId('board-column-signed').getByText(PROJECT.name).waitFor();
    await screenshot(page, 'p10-board');
    expect(tab.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
