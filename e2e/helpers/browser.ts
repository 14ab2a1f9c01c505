import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './paths.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const VIEWPORT = { width: 1366, height: 768 };

const CI = ['1', 'true'].includes(String(process.env.CI).toLowerCase());

/**
 * Whether the browser tests can run. Without Chromium they are skipped on a developer machine, but under
 * `CI=true` a missing browser is a failure, never a skip.
 */
export function chromiumAvailable(): boolean {
  const ok = fs.existsSync(CHROMIUM_PATH);
  if (!ok && CI)
    throw new Error(`${CHROMIUM_PATH} is missing (apt-get install chromium); CI=true makes this a failure`);
  return ok;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
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
}

export interface BrowserPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far. */
  errors: string[];
}

/** A fresh context (no cookies, no localStorage) at 1366×768 on the server's URL. */
export async function openPage(browser: Browser, baseURL: string): Promise<BrowserPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

/** Saves a full-page PNG into e2e/artifacts/ (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs in through the login form (the caller waits for what the signed-in page should show). */
export async function signIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}
