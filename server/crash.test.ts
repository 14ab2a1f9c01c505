import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../shared/uscc.ts';
import { openDatabase } from './db/database.ts';
import { freePort, testDatabaseUrl, testEngine } from './test/harness.ts';

/**
 * kill -9 of the server in the middle of an Excel import, a report approval and a bulletin publication,
 * on the engine under test (issue 7). After a restart every acknowledged write is there, and nothing
 * half-done is: an import is all its rows or none, an approval and a publication come with their audit
 * entry or not at all.
 */
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const engine = testEngine();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-crash-'));
const dbName = `magnet_crash_${process.pid}`;
const PASSWORD = 'Admin#Crash2026';
let child: ChildProcess | undefined;
let base = '';

function dbUrl() {
  return testDatabaseUrl().replace(/\/[^/?]+(\?|$)/, `/${dbName}$1`);
}

async function start(attempt = 1): Promise<void> {
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    MAGNET_DEMO: '0',
    MAGNET_ADMIN_PASSWORD: PASSWORD,
    LOG_LEVEL: 'warn',
  };
  if (engine === 'postgres') env.DATABASE_URL = dbUrl();
  else {
    env.DATABASE_URL = '';
    env.MAGNET_DATA_DIR = dataDir;
  }
  let err = '';
  child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d) => (err += String(d)));
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 2400; i++) {
    if (child.exitCode !== null) {
      // the port was taken between our check and the server's listen: another one
      if (/already in use/.test(err) && attempt < 3) return start(attempt + 1);
      throw new Error(`server exited ${child.exitCode}: ${err}`);
    }
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no start: ${err}`);
}

function kill9() {
  const c = child!;
  return new Promise<void>((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  });
}

async function api(
  token: string | null,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

const login = async () =>
  (await api(null, 'POST', '/api/v1/auth/login', { username: 'admin', password: PASSWORD })).json
    .token as string;

/** Fires a request and kills the server after `delayMs`: whether the answer came first is recorded. */
async function racedKill(token: string, method: string, url: string, body: unknown, delayMs: number) {
  let acked: number | null = null;
  const req = api(token, method, url, body).then(
    (r) => (acked = r.status),
    () => undefined,
  );
  await new Promise((r) => setTimeout(r, delayMs));
  await kill9();
  await req;
  return acked as number | null;
}

async function auditCount(token: string, action: string, entityId: string) {
  const r = await api(
    token,
    'GET',
    `/api/v1/audit?action=${action}&entity_id=${encodeURIComponent(entityId)}`,
  );
  return r.json.total as number;
}

async function projectsWorkbook(rows: number, tag: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目');
  ws.addRow([
    '项目名称',
    '投资方名称',
    '投资方统一社会信用代码',
    '投资方性质',
    '行业代码',
    '落地区域代码',
    '计划总投资（万元）',
  ]);
  for (let i = 0; i < rows; i++)
    ws.addRow([
      `${tag}项目${i}`,
      `${tag}投资方${i % 50}有限公司`,
      makeUscc(i % 50, '110105'),
      '民营企业',
      '2710',
      '120101',
      '100.00',
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) await kill9();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'postgres') {
    const a = await openDatabase({ engine: 'postgres', url: testDatabaseUrl(), poolSize: 1 });
    await sql.raw(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).execute(a.db);
    await a.close();
  }
});

describe(`kill -9 on ${engine}`, { timeout: 900_000 }, () => {
  it('keeps every acknowledged write and no half-done one', async () => {
    if (engine === 'postgres') {
      const a = await openDatabase({ engine: 'postgres', url: testDatabaseUrl(), poolSize: 1 });
      await sql.raw(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).execute(a.db);
      await sql.raw(`CREATE DATABASE ${dbName}`).execute(a.db);
      await a.close();
    }
    await start();
    let token = await login();
    const unit = await api(token, 'POST', '/api/v1/units', {
      name: '和平区人民政府',
      kind: 'district',
      region: '120101',
    });
    expect(unit.status).toBe(201);
    const inv = await api(token, 'POST', '/api/v1/enterprises', {
      name: '崩溃测试投资有限公司',
      uscc: makeUscc(7, '110105'),
      ownership: 'private',
    });
    expect(inv.status).toBe(201);
    const proj = await api(token, 'POST', '/api/v1/projects', {
      name: '崩溃测试项目',
      region: '120101',
      investor_id: inv.json.id,
      origin: '110105',
      capital_kind: 'domestic',
      industry: '2710',
      planned_amount: '1000.00',
    });
    expect(proj.status).toBe(201);

    // 1. report approvals, killed at different moments
    for (const [i, month] of ['2026-01', '2026-02', '2026-03'].entries()) {
      expect(
        (
          await api(token, 'POST', '/api/v1/capital-entries', {
            project_id: proj.json.id,
            month,
            kind: 'domestic',
            amount: '10.00',
          })
        ).status,
      ).toBe(201);
      expect((await api(token, 'POST', `/api/v1/monthly-reports/120101/${month}/submit`)).status).toBe(200);
      const acked = await racedKill(
        token,
        'POST',
        `/api/v1/monthly-reports/120101/${month}/approve`,
        undefined,
        [0, 15, 60][i],
      );
      await start();
      token = await login();
      const report = await api(token, 'GET', `/api/v1/monthly-reports/120101/${month}`);
      if (acked === 200) expect(report.json.status).toBe('approved');
      expect(['submitted', 'approved']).toContain(report.json.status);
      const audited = await auditCount(token, 'report.approve', `120101/${month}`);
      expect(audited).toBe(report.json.status === 'approved' ? 1 : 0);
    }

    // 2. bulletin publications
    for (const [i, month] of ['2026-01', '2026-02'].entries()) {
      const acked = await racedKill(token, 'POST', `/api/v1/bulletins/${month}/publish`, {}, [5, 40][i]);
      await start();
      token = await login();
      const versions = (await api(token, 'GET', `/api/v1/bulletins/${month}/versions`)).json.items as Array<{
        version: number;
      }>;
      if (acked === 201) expect(versions.map((v) => v.version)).toEqual([1]);
      const audited = await auditCount(token, 'bulletin.publish', `120000/${month}/v1`);
      expect(audited).toBe(versions.length);
      if (versions.length) {
        const v1 = await api(token, 'GET', `/api/v1/bulletins/${month}?version=1`);
        expect(v1.status).toBe(200);
      }
    }

    // 3. an Excel import of 3,000 rows (a background job), killed while it runs
    const file = await projectsWorkbook(3000, '崩溃导入');
    const form = new FormData();
    form.append('file', new Blob([file]), 'import.xlsx');
    const started = await api(token, 'POST', '/api/v1/projects/import', form);
    expect([200, 202]).toContain(started.status);
    await new Promise((r) => setTimeout(r, 300));
    await kill9();
    await start();
    token = await login();
    const count = (
      await api(token, 'GET', `/api/v1/projects?q=${encodeURIComponent('崩溃导入项目')}&page_size=1`)
    ).json.total as number;
    expect([0, 3000]).toContain(count);
    if (started.status === 200) expect(count).toBe(3000);
    await kill9();
  });
});
