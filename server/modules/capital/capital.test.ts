import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { approveReport, insertProject } from '../../test/fixtures.ts';
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
