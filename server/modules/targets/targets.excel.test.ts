import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { multipart, readSheet } from '../projects/fixtures.ts';

let t: TestApp;
let office: string;
let district: string;

beforeAll(async () => {
  t = await createTestApp();
  office = (await t.factory.actor('office')).token;
  district = (await t.factory.actor('district', '120101')).token;
  await t.as(office, {
    method: 'PUT',
    url: '/api/v1/targets/2026/120101',
    payload: { domestic: '1000', foreign: '50' },
  });
});
afterAll(() => t?.close());

async function exported() {
  const res = await t.as(office, { method: 'GET', url: '/api/v1/targets/export.xlsx?year=2026' });
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}

/** The exported workbook with some cells changed: `edits[region] = {column: value}` (1-based columns). */
async function edited(
  edits: Record<string, Record<number, string | number | null>>,
  extra: unknown[][] = [],
) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exported()) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('年度目标')!;
  ws.eachRow((row) => {
    const e = edits[String(row.getCell(1).value)];
    if (e) for (const [col, v] of Object.entries(e)) row.getCell(Number(col)).value = v;
  });
  for (const r of extra) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (token: string, buf: Buffer) =>
  t.as(token, { method: 'POST', url: '/api/v1/targets/import?year=2026', ...multipart('目标.xlsx', buf) });

describe('targets in and out of Excel', () => {
  it('exports the root and every region under it', async () => {
    const { rows } = await readSheet(await exported(), '年度目标');
    expect(rows).toHaveLength(18);
    expect(rows[1].getCell(1).value).toBe('120000');
    const heping = rows.find((r) => r.getCell(1).value === '120101')!;
    expect([heping.getCell(2).value, heping.getCell(3).value, heping.getCell(4).value]).toEqual([
      '和平区',
      1000,
      50,
    ]);
  });

  it('imports all rows, audited, and reports what changed', async () => {
    const buf = await edited({
      '120000': { 3: 40000, 4: 2000, 5: '0.15', 6: '33.33%', 7: 30 },
      '120101': { 3: '1200.50' },
      '120102': { 3: 800, 4: 0 },
    });
    const res = await upload(office, buf);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      year: 2026,
      created: 2,
      updated: 1,
      unchanged: 0,
      skipped: 14,
      total: 3,
    });
    const list = (await t.as(office, { method: 'GET', url: '/api/v1/targets?year=2026' })).json();
    expect(list.parent_target).toMatchObject({
      domestic: '40000.00',
      foreign: '2000.00',
      growth_rate: '0.1500',
      beijing_share: '0.3333',
      top500_count: 30,
    });
    const heping = list.items.find((i: { region: string }) => i.region === '120101');
    expect(heping).toMatchObject({ domestic: '1200.50', foreign: '50.00', version: 2 });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'target')
      .orderBy('id')
      .execute();
    expect(audit.slice(-4).map((a) => a.action)).toEqual([
      'target.create',
      'target.update',
      'target.create',
      'targets.import',
    ]);
  });

  it('writes nothing when a row is wrong, and names every wrong cell', async () => {
    const buf = await edited(
      { '120101': { 3: '-5' }, '120102': { 6: '1.5' }, '120103': { 3: 'abc', 4: 1 } },
      [
        ['110101', '东城区', 1, 1],
        ['120105', '河北区', 1, 1],
      ],
    );
    const res = await upload(office, buf);
    expect(res.statusCode).toBe(422);
    const errors = res.json().error.details.errors as Array<{ row: number; column: string; message: string }>;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'C'],
      [4, 'F'],
      [5, 'C'],
      [19, 'A'],
      [20, 'A'],
    ]);
    const heping = (await t.as(office, { method: 'GET', url: '/api/v1/targets/2026/120101' })).json();
    expect(heping.domestic).toBe('1200.50');
  });

  it('is for the office only', async () => {
    expect((await upload(district, await exported())).statusCode).toBe(403);
  });
});
