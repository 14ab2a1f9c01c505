import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { approveReport, insertEntry, insertProject } from '../../test/fixtures.ts';
import { multipart } from '../projects/fixtures.ts';

let t: TestApp;
let district: string;
let codeA: string;
let codeOther: string;

async function workbook(rows: unknown[][], sheet = '资金到位') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(['项目编号', '月份', '类别', '到位金额', '备注']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const importFile = (buf: Buffer) =>
  t.as(district, {
    method: 'POST',
    url: '/api/v1/capital-entries/import',
    ...multipart('entries.xlsx', buf),
  });
const count = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('capital_entries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  district = (await t.factory.actor('district', '120101')).token;
  const a = await insertProject(t.deps.db, { region: '120101' });
  const o = await insertProject(t.deps.db, { region: '120102' });
  const codes = await t.deps.db.selectFrom('projects').select(['id', 'code']).execute();
  codeA = codes.find((c) => c.id === a.id)!.code;
  codeOther = codes.find((c) => c.id === o.id)!.code;
  await approveReport(t.deps.db, '120101', '2026-01');
});
afterAll(() => t?.close());

describe("Excel import of a month's entries", () => {
  it('writes nothing when any row is wrong and reports every error by row and column', async () => {
    const res = await importFile(
      await workbook([
        [codeA, '2026-02', '内资', '100.50', ''],
        [codeOther, '2026-02', '内资', '1', ''], // another district's project
        [codeA, '2026-13', '内资', '1', ''],
        [codeA, '2026-03', '其他', '1', ''],
        [codeA, '2026-04', '内资', '1.234', ''],
        [codeA, '2026-02', '内资', '5', ''], // duplicate of row 2
        [codeA, '2026-01', '内资', '5', ''], // January is approved: locked
      ]),
    );
    expect(res.statusCode).toBe(422);
    const errors = res.json().error.details.errors as Array<{
      row: number;
      column: string | null;
      message: string;
    }>;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'A'],
      [4, 'B'],
      [5, 'C'],
      [6, 'D'],
      [7, null],
      [8, 'B'],
    ]);
    expect(await count()).toBe(0);
    const file = await t.as(district, { method: 'GET', url: res.json().error.details.error_file });
    expect(file.statusCode).toBe(200);
  });

  it('creates and then updates entries from a clean file', async () => {
    const first = await importFile(await workbook([[codeA, '2026-02', '内资', '1,200.5', '首批到位']]));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: 1, updated: 0 });
    const second = await importFile(
      await workbook([
        [codeA, '2026-02', '内资', '1300', ''],
        [codeA, '2026-02', '外资', '8', ''],
      ]),
    );
    expect(second.json()).toMatchObject({ created: 1, updated: 1 });
    const list = (
      await t.as(district, { method: 'GET', url: '/api/v1/capital-entries?month=2026-02' })
    ).json();
    expect(list.items.map((e: { kind: string; amount: string }) => [e.kind, e.amount]).sort()).toEqual([
      ['domestic', '1300.00'],
      ['foreign', '8.00'],
    ]);
  });

  it('refuses a file that is not Excel, and a workbook without the sheet', async () => {
    const notExcel = await t.as(district, {
      method: 'POST',
      url: '/api/v1/capital-entries/import',
      ...multipart('x.xlsx', Buffer.from('hello')),
    });
    expect(notExcel.statusCode).toBe(415);
    const wrongSheet = await importFile(await workbook([[codeA, '2026-02', '内资', '1']], 'Sheet1'));
    expect(wrongSheet.statusCode).toBe(400);
  });

  it("offers a template prefilled with the region's live projects", async () => {
    const res = await t.as(district, {
      method: 'GET',
      url: '/api/v1/capital-entries/import-template.xlsx?region=120101&month=2026-02',
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('资金到位')!;
    expect(ws.getRow(2).getCell(1).value).toBe(codeA);
  });
});

describe('the entry grid, a page at a time', () => {
  const REGION = '120103';
  const MONTH = '2026-03';
  const url = (query: string) => `/api/v1/capital-entries/grid?region=${REGION}&month=${MONTH}${query}`;
  let hexi: string;
  let office: string;
  const live: Array<{ id: string; code: string; investor: string }> = [];

  interface GridBody {
    region: string;
    month: string;
    report_status: string;
    locked: boolean;
    rows: Array<{ project_id: string; code: string; domestic: string | null; foreign: string | null }>;
    totals: { domestic: string; foreign: string };
    ytd_totals: { domestic: string; foreign: string };
    total: number;
    page: number;
    page_size: number;
  }
  const get = async (query: string, token = hexi) => {
    const res = await t.as(token, { method: 'GET', url: url(query) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as GridBody;
  };
  const entry = (project: string, month: string, kind: 'domestic' | 'foreign', amount: string) =>
    insertEntry(t.deps.db, project, month, kind, amount);

  beforeAll(async () => {
    hexi = (await t.factory.actor('district', REGION)).token;
    office = (await t.factory.actor('office')).token;
    for (let i = 0; i < 23; i++) {
      const p = await insertProject(t.deps.db, {
        region: REGION,
        name: i === 4 ? '河西新材料示范园' : `河西网格项目${i}`,
      });
      const row = await t.deps.db
        .selectFrom('projects as p')
        .innerJoin('enterprises as e', 'e.id', 'p.investor_id')
        .select(['p.code', 'e.name'])
        .where('p.id', '=', p.id)
        .executeTakeFirstOrThrow();
      live.push({ id: p.id, code: row.code, investor: row.name });
    }
    const lead = await insertProject(t.deps.db, { region: REGION, stage: 'lead' });
    const leadWithEntry = await insertProject(t.deps.db, { region: REGION, stage: 'lead' });
    const dropped = await insertProject(t.deps.db, { region: REGION, stage: 'dropped' });
    const deleted = await insertProject(t.deps.db, { region: REGION });
    expect(lead.id).toBeTruthy();

    // this month: 5 rows filled (one entry marked false, one of a 线索 project, which joins the grid)
    await entry(live[0].id, MONTH, 'domestic', '100.10');
    await entry(live[1].id, MONTH, 'domestic', '0.05');
    await entry(live[1].id, MONTH, 'foreign', '7.50');
    await entry(live[5].id, MONTH, 'foreign', '2.00');
    const falseEntry = await entry(live[12].id, MONTH, 'domestic', '1000.00');
    await t.deps.db
      .updateTable('capital_entries')
      .set({ status: 'false', status_reason: '核查不实' })
      .where('id', '=', falseEntry.id)
      .execute();
    await entry(leadWithEntry.id, MONTH, 'domestic', '30.00');
    await entry(deleted.id, MONTH, 'domestic', '999.00');
    await t.deps.db
      .updateTable('projects')
      .set({ deleted_at: new Date() })
      .where('id', '=', deleted.id)
      .execute();
    // the year to date: January counts, last December and next month do not, nor a dropped project's entry
    await entry(live[0].id, '2026-01', 'domestic', '50.00');
    await entry(live[3].id, '2026-01', 'foreign', '1.25');
    await entry(live[0].id, '2025-12', 'domestic', '77.00');
    await entry(live[0].id, '2026-04', 'domestic', '5.00');
    await entry(dropped.id, '2026-01', 'domestic', '40.00');
  });

  it('pages by project code with a total, 100 rows by default', async () => {
    const first = await get('');
    expect(first).toMatchObject({ region: REGION, month: MONTH, total: 24, page: 1, page_size: 100 });
    expect(first.rows).toHaveLength(24);
    const codes = first.rows.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).not.toContain(undefined);

    const pages = await Promise.all([1, 2, 3].map((p) => get(`&page=${p}&page_size=10`)));
    expect(pages.map((p) => p.rows.length)).toEqual([10, 10, 4]);
    expect(pages.every((p) => p.total === 24 && p.page_size === 10)).toBe(true);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    // the pages put together are the whole grid, in the same order, each row once
    expect(pages.flatMap((p) => p.rows.map((r) => r.project_id))).toEqual(
      first.rows.map((r) => r.project_id),
    );
    // asked again, a page holds the same rows
    expect((await get('&page=2&page_size=10')).rows).toEqual(pages[1].rows);
    const beyond = await get('&page=4&page_size=10');
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(24);
    expect((await get('&page_size=1000')).rows).toHaveLength(24);
  });

  it('totals the month and the year to date over every row, not the page or the filter', async () => {
    const totals = { domestic: '1130.15', foreign: '9.50' };
    const ytd = { domestic: '180.15', foreign: '10.75' };
    for (const query of ['', '&page=2&page_size=5', '&filled=no', '&q=示范园', '&q=%25']) {
      const g = await get(query);
      expect(g.totals, query).toEqual(totals);
      expect(g.ytd_totals, query).toEqual(ytd);
    }
    // the month's totals are the sums of the rows (the entry marked false included, as the rows show it)
    const all = (await get('&page_size=1000')).rows;
    const cents = (k: 'domestic' | 'foreign') =>
      all.reduce((s, r) => s + BigInt((r[k] ?? '0').replace('.', '')), 0n).toString();
    expect([cents('domestic'), cents('foreign')]).toEqual(['113015', '950']);
    const first = all.find((r) => r.project_id === live[0].id) as unknown as Record<string, string>;
    expect(first).toMatchObject({ domestic: '100.10', domestic_ytd: '150.10', foreign_ytd: '0.00' });
  });

  it('filters on filled and on q (project name, investor name, part of the code)', async () => {
    const yes = await get('&filled=yes&page_size=3');
    expect(yes.total).toBe(5);
    expect(yes.rows).toHaveLength(3);
    expect(yes.rows.every((r) => r.domestic !== null || r.foreign !== null)).toBe(true);
    const no = await get('&filled=no');
    expect(no.total).toBe(19);
    expect(no.rows.every((r) => r.domestic === null && r.foreign === null)).toBe(true);

    const byName = await get(`&q=${encodeURIComponent(' 示范园 ')}`);
    expect(byName.rows.map((r) => r.project_id)).toEqual([live[4].id]);
    expect(byName.total).toBe(1);
    const byInvestor = await get(`&q=${encodeURIComponent(live[7].investor)}`);
    expect(byInvestor.rows.map((r) => r.project_id)).toEqual([live[7].id]);
    const byCode = await get(`&q=${encodeURIComponent(live[9].code.slice(-11).toLowerCase())}`);
    expect(byCode.rows.map((r) => r.project_id)).toEqual([live[9].id]);
    const both = await get(`&q=${encodeURIComponent('网格项目1')}&filled=yes`);
    // 网格项目1, 10..19 match the name; of those 1 and 12 have an entry this month
    expect(both.rows.map((r) => r.project_id)).toEqual([live[1].id, live[12].id]);
    // LIKE wildcards are plain characters; a blank q is no filter
    expect((await get('&q=%25')).total).toBe(0);
    expect((await get('&q=_')).total).toBe(0);
    expect((await get('&q=%20%20')).total).toBe(24);
  });

  it('refuses a page size of 0 or over 1000, a page 0, an unknown filter or parameter (400)', async () => {
    for (const [query, path] of [
      ['&page_size=0', 'page_size'],
      ['&page_size=1001', 'page_size'],
      ['&page=0', 'page'],
      ['&page=x', 'page'],
      ['&filled=maybe', 'filled'],
      ['&sort=name', ''],
    ]) {
      const res = await t.as(hexi, { method: 'GET', url: url(query) });
      expect(res.statusCode, query).toBe(400);
      const body = res.json();
      expect(body.error.code, query).toBe('VALIDATION');
      expect(typeof body.error.message).toBe('string');
      if (path) expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await get('&page_size=1000')).page_size).toBe(1000);
  });

  it("keeps a district out of another district's grid (404); the office sees it", async () => {
    const res = await t.as(district, { method: 'GET', url: url('&page_size=5') });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect(res.json()).not.toHaveProperty('rows');
    const g = await get('&page_size=5', office);
    expect(g.total).toBe(24);
    expect(g.rows).toHaveLength(5);
  });
});
