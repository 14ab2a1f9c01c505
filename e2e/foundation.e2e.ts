import http from 'node:http';
import zlib from 'node:zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import type { Role } from '../shared/enums.ts';
import { isGroup, navFor, navItems, type NavItem } from '../web/app/nav.ts';
import { zhCN } from '../web/i18n/zh-CN.ts';

const DISTRICT_UNIT = '和平区人民政府';
const OTHER_DISTRICT_UNIT = '河东区人民政府';
const CITY_OFFICE = '天津市合作交流办';
const DISTRICT_USER = {
  username: 'heping_zs',
  name: '和平区招商科 王科长',
  initialPassword: 'Heping#Init2026',
  newPassword: 'Heping#Mine2026',
};

const run = chromiumAvailable();

/** The open antd select popup (rendered at the end of the body). */
function popup(page: Page) {
  return page.locator('.ant-select-dropdown:visible');
}

/** Picks an option of the antd select labelled `label` in `scope` (options carry their label as title). */
async function choose(page: Page, scope: Locator, label: string, option: string, search?: string) {
  const box = scope.getByLabel(label, { exact: true });
  await box.click();
  if (search) await box.fill(search);
  await popup(page).getByTitle(option, { exact: true }).click();
}

function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A side-menu entry by its label; a disabled one also carries “即将推出”. */
function menuItem(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: '主导航' })
    .getByRole('menuitem', { name: new RegExp(`^${escape(name)}( ${zhCN.nav.comingSoon})?$`) });
}

const label = (item: { label: keyof typeof zhCN.nav }) => zhCN.nav[item.label];

/**
 * The side menu shows exactly what nav.ts gives the role: items of other roles are absent, areas not built
 * yet are disabled with “即将推出”. Follows nav.ts, so enabling an area does not break this test.
 */
async function expectMenuFor(page: Page, role: Role) {
  const mine = navFor(role);
  const visible = new Set<string>();
  for (const entry of mine) {
    if (isGroup(entry) && !(await menuItem(page, label(entry.children[0])).isVisible()))
      await menuItem(page, label(entry)).click();
    for (const item of isGroup(entry) ? entry.children : [entry]) {
      visible.add(item.key);
      const el = menuItem(page, label(item));
      await el.waitFor();
      const disabled = (await el.getAttribute('aria-disabled')) === 'true';
      expect(disabled, `${item.key} disabled`).toBe(!item.enabled);
      if (!item.enabled) expect(await el.textContent()).toContain(zhCN.nav.comingSoon);
    }
  }
  const hidden: NavItem[] = navItems().filter((i) => !visible.has(i.key));
  for (const item of hidden) expect(await menuItem(page, label(item)).count(), `${item.key} hidden`).toBe(0);
  return { visible, hidden };
}

async function openMenu(page: Page, group: string, item: string) {
  const entry = menuItem(page, item);
  if (!(await entry.isVisible())) await menuItem(page, group).click();
  await entry.click();
}

describe.skipIf(!run)('foundation in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: BrowserPage;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // Another district's unit and a city-level unit, seeded through the API.
    const admin = await ApiClient.login(server.url, 'admin', server.adminPassword);
    await admin.createUnit({ name: OTHER_DISTRICT_UNIT, kind: 'district', region: '120102' });
    await admin.createUnit({ name: CITY_OFFICE, kind: 'office', region: '120000' });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && tab)
      await screenshot(tab.page, `failed-${ctx.task.name.slice(0, 24)}`);
  });

  afterAll(async () => {
    await tab?.context.close();
    await browser?.close();
    await server?.stop();
  });

  it('an admin signs in, switches language, creates a district unit and its user', async () => {
    tab = await openPage(browser, server.url);
    const { page } = tab;

    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: '招商引资工作管理平台' }).waitFor();
    await screenshot(page, '01-login-zh');

    // a wrong password shows the API's message
    await signIn(page, 'admin', 'wrong-password');
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();

    await signIn(page, 'admin', server.adminPassword);
    await page.getByRole('heading', { name: '您好，系统管理员' }).waitFor();
    const adminMenu = await expectMenuFor(page, 'admin');
    expect(adminMenu.hidden).toEqual([]);

    // English, kept across a reload, and back
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Hello, 系统管理员' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('menuitem', { name: /^Home$/ })
      .waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Hello, 系统管理员' }).waitFor();
    await screenshot(page, '02-admin-home-en');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: '您好，系统管理员' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    // a district government for 120101 和平区
    await openMenu(page, '基础数据', '组织机构');
    await page.waitForURL('**/units');
    await page.getByRole('heading', { name: '组织机构' }).waitFor();
    await page.getByRole('button', { name: /新建单位/ }).click();
    const unitDialog = page.getByRole('dialog', { name: '新建单位' });
    await unitDialog.waitFor();
    await unitDialog.getByRole('button', { name: /保\s*存/ }).click();
    await unitDialog.getByText('请输入单位名称').waitFor(); // client-side validation, in Chinese
    await unitDialog.getByLabel('单位名称').fill(DISTRICT_UNIT);
    await choose(page, unitDialog, '单位类型', '区县政府');
    const region = unitDialog.getByLabel('所在行政区划');
    await region.click();
    await region.fill('和平');
    await popup(page)
      .getByRole('treeitem', { name: /和平区.*120101/ })
      .click();
    await expect.poll(() => unitDialog.textContent(), { timeout: 10_000 }).toContain('和平区（120101）');
    await screenshot(page, '03-admin-unit-form');
    await unitDialog.getByRole('button', { name: /保\s*存/ }).click();
    await unitDialog.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: new RegExp(DISTRICT_UNIT) }).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(DISTRICT_UNIT) }).textContent()).toContain(
      '区县政府',
    );
    await screenshot(page, '04-admin-units');
    // antd's component styles (table, buttons, the dialog and its form) come from the style sheet rendered
    // at build time (web/build/antd-static-style.ts), not from <style> elements built in the browser: an antd
    // upgrade or a theme change that breaks the match between the two shows here, not as a slower page
    const builtInBrowser = await page.evaluate(
      () =>
        // component rules (not the theme's CSS variables, which are still written in the browser)
        [...document.querySelectorAll('style[data-css-hash]:not([data-token-hash])')].filter((s) =>
          /\.ant-(table-wrapper|btn|modal|select)[^-\w]/.test(s.textContent ?? ''),
        ).length,
    );
    expect(builtInBrowser).toBe(0);
    expect(await page.locator('link[rel="stylesheet"][href*="/assets/antd-"]').count()).toBe(1);

    // its user
    await openMenu(page, '系统管理', '用户管理');
    await page.waitForURL('**/admin/users');
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await page.getByRole('button', { name: /新建用户/ }).click();
    const userDialog = page.getByRole('dialog', { name: '新建用户' });
    await userDialog.getByLabel('用户名').fill(DISTRICT_USER.username);
    await userDialog.getByLabel('姓名').fill(DISTRICT_USER.name);
    await choose(page, userDialog, '角色', '区县/开发区/街道');
    await choose(page, userDialog, '所属单位', `${DISTRICT_UNIT} · 区县政府`, '和平');
    await userDialog.getByLabel('初始密码').fill('short');
    await userDialog.getByText('密码至少 8 位', { exact: true }).waitFor();
    await userDialog.getByLabel('初始密码').fill(DISTRICT_USER.initialPassword);
    expect(await userDialog.getByLabel('首次登录须修改密码').isChecked()).toBe(true);
    await screenshot(page, '05-admin-user-form');
    await userDialog.getByRole('button', { name: /保\s*存/ }).click();
    await userDialog.waitFor({ state: 'hidden' });
    const userRow = page.getByRole('row', { name: new RegExp(DISTRICT_USER.username) });
    await userRow.waitFor();
    expect(await userRow.textContent()).toContain(DISTRICT_UNIT);

    // sign out through the user menu
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '用户登录' }).waitFor();

    expect(tab.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });

  it('the district user changes the initial password and sees only its scope', async () => {
    const { page } = tab;
    await signIn(page, DISTRICT_USER.username, DISTRICT_USER.initialPassword);

    // forced password change before anything else
    await page.getByRole('heading', { name: '首次登录，请修改密码' }).waitFor();
    await screenshot(page, '06-district-forced-password');
    await page.getByLabel('当前密码').fill(DISTRICT_USER.initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill(DISTRICT_USER.newPassword);
    await page.getByLabel('确认新密码').fill(DISTRICT_USER.newPassword);
    await page.getByRole('button', { name: /修改密码/ }).click();
    await page.getByRole('heading', { name: `您好，${DISTRICT_USER.name}` }).waitFor();
    expect(await page.getByTestId('home-scope').textContent()).toBe('和平区及其下辖地区');

    // the menu: what a district uses (areas not built yet disabled), no cockpit, no administration
    const districtMenu = await expectMenuFor(page, 'district');
    expect(districtMenu.hidden.map((i) => i.key).sort()).toEqual(['audit', 'cockpit', 'users']);
    expect(await menuItem(page, zhCN.nav.system).count()).toBe(0);
    await screenshot(page, '07-district-home');

    // units: its own and the city-level ones, never another district's
    await openMenu(page, '基础数据', '组织机构');
    await page.waitForURL('**/units');
    await page.getByRole('heading', { name: '组织机构' }).waitFor();
    await page.getByRole('row', { name: new RegExp(DISTRICT_UNIT) }).waitFor();
    await screenshot(page, '08-district-units');
    expect(await page.getByRole('row', { name: new RegExp(CITY_OFFICE) }).count()).toBe(1);
    expect(await page.getByRole('row', { name: new RegExp(OTHER_DISTRICT_UNIT) }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /新建单位/ }).count()).toBe(0);

    // administration is closed, even by URL
    await page.goto('/admin/users');
    await page.getByText('无权访问').waitFor();
    expect(await page.getByRole('row', { name: /admin/ }).count()).toBe(0);

    expect(tab.errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });

  it('serves the build compressed and cacheable: hashed files for a year, the page itself never', async () => {
    const html = await rawGet(`${server.url}/projects`, 'gzip, deflate, br');
    expect(html.headers['cache-control']).toBe('no-cache');
    const sheet = /href="(\/assets\/antd-[^"]+\.css)"/.exec(html.body.toString())?.[1];
    expect(sheet).toBeDefined();
    const plain = await rawGet(`${server.url}${sheet}`, '');
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [accept, encoding, inflate] of [
      ['gzip, deflate, br', 'br', zlib.brotliDecompressSync],
      ['gzip, deflate', 'gzip', zlib.gunzipSync],
    ] as const) {
      const r = await rawGet(`${server.url}${sheet}`, accept);
      expect(r.headers['content-encoding']).toBe(encoding);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(r.headers.vary).toMatch(/accept-encoding/i);
      expect(r.body.length).toBeLessThan(plain.body.length / 5);
      expect(inflate(r.body).equals(plain.body)).toBe(true);
    }
  });
});

/** A GET with exactly this Accept-Encoding, its body as sent (fetch would decompress it). */
function rawGet(url: string, acceptEncoding: string) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}
