import { once } from 'node:events';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../../shared/uscc.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { cast, multipart, type Cast } from './fixtures.ts';

/**
 * Issue 7, Excel import fuzzing: truncated files, zip bombs, formulas, merged cells, dates as text and a
 * sheet of 1,048,576 rows are refused with a clear error and nothing is written, on every import route.
 * The workbooks are put together here byte by byte (a small zip writer), so that each one is exactly the
 * malformed file it claims to be.
 */

let t: TestApp;
let c: Cast;
beforeAll(async () => {
  t = await createTestApp({ MAGNET_MAX_UPLOAD_MB: '50' });
  c = await cast(t);
});
afterAll(() => t?.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ZipPart {
  name: string;
  /** the bytes as stored (deflated unless `stored`) */
  data: Buffer;
  /** the uncompressed size written in the headers */
  size: number;
  stored?: boolean;
}

const part = (name: string, text: string): ZipPart => {
  const raw = Buffer.from(text);
  return { name, data: zlib.deflateRawSync(raw), size: raw.length };
};

/** A zip archive of the parts (local headers, central directory, end record; CRCs left at 0). */
function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const method = p.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(p.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + p.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const col = (i: number) => String.fromCharCode(65 + i);

/** A cell: text as an inline string, `{ f, v }` as a formula with its cached value. */
type Cell = string | { f: string; v: string };

function sheetXml(rows: Cell[][], merges: string[] = []): string {
  const body = rows
    .map((cells, r) => {
      const xs = cells.map((v, i) => {
        const ref = `${col(i)}${r + 1}`;
        return typeof v === 'string'
          ? `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`
          : `<c r="${ref}"><f>${esc(v.f)}</f><v>${esc(v.v)}</v></c>`;
      });
      return `<row r="${r + 1}">${xs.join('')}</row>`;
    })
    .join('');
  const merged = merges.length
    ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData>${merged}</worksheet>`;
}

/** The parts of a one-sheet workbook around the given sheet part. */
function workbookParts(sheetName: string, sheet: ZipPart): ZipPart[] {
  return [
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    sheet,
  ];
}

const xlsx = (sheetName: string, rows: Cell[][], merges: string[] = []) =>
  zip(workbookParts(sheetName, part('xl/worksheets/sheet1.xml', sheetXml(rows, merges))));

/** `bytes` of blanks deflated as they stream (the archive stays a few hundred kB). */
async function deflatedBlanks(bytes: number): Promise<Buffer> {
  const d = zlib.createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  d.on('data', (b: Buffer) => chunks.push(b));
  const block = Buffer.alloc(1 << 20, 0x20);
  for (let done = 0; done < bytes; done += block.length) if (!d.write(block)) await once(d, 'drain');
  d.end();
  await once(d, 'end');
  return Buffer.concat(chunks);
}

const HEAD = [
  '项目名称',
  '投资方名称',
  '投资方统一社会信用代码',
  '投资方性质',
  '行业代码',
  '落地区域代码',
  '计划总投资（万元）',
  '预计落地日期',
  '重大项目',
];
let n = 0;
function goodRow(over: Partial<Record<(typeof HEAD)[number], Cell>> = {}): Cell[] {
  n++;
  const base: Record<string, Cell> = {
    项目名称: `模糊测试项目${n}号`,
    投资方名称: `模糊测试投资${n}有限公司`,
    投资方统一社会信用代码: makeUscc(7000 + n, '110105'),
    投资方性质: '民营企业',
    行业代码: '3911',
    落地区域代码: '120101',
    '计划总投资（万元）': '1000.00',
    预计落地日期: '2027-03-05',
    重大项目: '否',
  };
  return HEAD.map((h) => over[h] ?? base[h]);
}

/** What a refused import must leave alone: every table an import writes, and the audit log. */
async function footprint() {
  const r = await sql<{ p: number; e: number; ce: number; tg: number; a: number }>`
    SELECT (SELECT count(*) FROM projects)::int AS p, (SELECT count(*) FROM enterprises)::int AS e,
      (SELECT count(*) FROM capital_entries)::int AS ce, (SELECT count(*) FROM targets)::int AS tg,
      (SELECT count(*) FROM audit_log)::int AS a`.execute(t.deps.db);
  return r.rows[0];
}

const ROUTES = [
  { url: '/api/v1/projects/import', sheet: '项目', who: () => c.office.token },
  { url: '/api/v1/enterprises/import', sheet: '企业', who: () => c.office.token },
  { url: '/api/v1/capital-entries/import', sheet: '资金到位', who: () => c.districtA.token },
  { url: '/api/v1/targets/import?year=2026', sheet: '年度目标', who: () => c.office.token },
];

async function refused(content: Buffer, url = ROUTES[0].url, token = c.office.token) {
  const before = await footprint();
  const res = await t.as(token, { method: 'POST', url, ...multipart('fuzz.xlsx', content, XLSX) });
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, res.body).toBeLessThan(500);
  const body = res.json();
  expect(typeof body.error.code).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(3);
  expect(await footprint()).toEqual(before);
  return { status: res.statusCode, message: body.error.message as string, body };
}

let valid: Buffer;
beforeAll(() => {
  valid = xlsx('项目', [HEAD, goodRow()]);
});

describe('the hand-made workbook', () => {
  it('is a real workbook: imported as it is, it creates its project', async () => {
    const res = await t.as(c.office.token, {
      method: 'POST',
      url: '/api/v1/projects/import',
      ...multipart('ok.xlsx', valid, XLSX),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toBe(1);
  });
});

describe('truncated and broken files', () => {
  it('refuses a file cut anywhere, on every import route', async () => {
    const cuts = [1, 30, Math.floor(valid.length / 2), valid.length - 23, valid.length - 1];
    let tried = 0;
    for (const r of ROUTES) {
      for (const cut of cuts) {
        const { status } = await refused(valid.subarray(0, cut), r.url, r.who());
        expect([400, 415]).toContain(status);
        tried++;
      }
    }
    expect(tried).toBe(20);
  });

  it('refuses random bytes, an old .xls and a part that does not inflate', async () => {
    expect((await refused(Buffer.from('这不是一个工作簿'.repeat(40)))).status).toBe(415);
    const ole = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('Workbook', 'utf16le').copy(ole, 600);
    expect((await refused(ole)).message).toMatch(/\.xls/);
    const garbage: ZipPart = { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('not deflate'), size: 99 };
    expect((await refused(zip(workbookParts('项目', garbage)))).status).toBe(415);
  });
});

describe('zip bombs', () => {
  it('refuses a part that declares more than the limit, without inflating it', async () => {
    const data = await deflatedBlanks(300 << 20);
    const honest: ZipPart = { name: 'xl/worksheets/sheet1.xml', data, size: 300 << 20 };
    for (const r of ROUTES) {
      const { status, body } = await refused(zip(workbookParts(r.sheet, honest)), r.url, r.who());
      expect(status).toBe(415);
      expect(body.error.details.reason).toMatch(/too large/);
    }
  });

  it('refuses a part that lies about its size once it inflates beyond the limit', async () => {
    const data = await deflatedBlanks(300 << 20);
    expect(data.length).toBeLessThan(1 << 20);
    const liar: ZipPart = { name: 'xl/worksheets/sheet1.xml', data, size: 2048 };
    const { status, body } = await refused(zip(workbookParts('项目', liar)));
    expect(status).toBe(415);
    expect(body.error.details.reason).toMatch(/inflate/);
  });
});

describe('what Excel users do', () => {
  it('refuses formulas in imported columns, naming the cells', async () => {
    const file = xlsx('项目', [
      HEAD,
      goodRow(),
      goodRow({ '计划总投资（万元）': { f: '500*2', v: '1000' } }),
      goodRow({ 项目名称: { f: 'CONCATENATE("项目","A")', v: '项目A' } }),
    ]);
    const { status, message } = await refused(file);
    expect(status).toBe(400);
    expect(message).toContain('公式');
    expect(message).toContain('G3');
    expect(message).toContain('A4');
  });

  it('refuses merged cells, naming the range', async () => {
    const rows = [HEAD, goodRow(), goodRow({ 投资方名称: '' })];
    const { status, message } = await refused(xlsx('项目', rows, ['B2:B3']));
    expect(status).toBe(400);
    expect(message).toContain('合并单元格');
    expect(message).toContain('B2:B3');
  });

  it('reads dates typed as text in the usual forms and refuses the others by row and column', async () => {
    const ok = await t.as(c.office.token, {
      method: 'POST',
      url: '/api/v1/projects/import',
      ...multipart('dates.xlsx', xlsx('项目', [HEAD, goodRow({ 预计落地日期: '2027年3月5日' })]), XLSX),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const name = `模糊测试项目${n}号`;
    const saved = await sql<{ d: string }>`
      SELECT expected_landing_date::text AS d FROM projects WHERE name = ${name}`.execute(t.deps.db);
    expect(saved.rows[0].d).toBe('2027-03-05');

    const file = xlsx('项目', [
      HEAD,
      goodRow({ 预计落地日期: '2027/3/5' }),
      goodRow({ 预计落地日期: '明年三月' }),
      goodRow({ 预计落地日期: '2027-02-30' }),
    ]);
    const { status, body } = await refused(file);
    expect(status).toBe(422);
    const errors = body.error.details.errors as Array<{ row: number; column: string; message: string }>;
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'H'],
      [4, 'H'],
    ]);
  });

  it('refuses a sheet of 1,048,576 rows without reading it all', async () => {
    const head = `<row r="1">${HEAD.map((h, i) => `<c r="${col(i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`;
    const rows: string[] = [head];
    for (let r = 2; r <= 1_048_576; r++)
      rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>项目${r}</t></is></c></row>`);
    const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
    const sheet = part('xl/worksheets/sheet1.xml', xml);
    expect(sheet.data.length).toBeLessThan(50 << 20); // within the upload limit: the row count is what is refused
    for (const r of ROUTES) {
      const { status, message } = await refused(zip(workbookParts(r.sheet, sheet)), r.url, r.who());
      expect(status).toBe(400);
      expect(message).toContain('100000');
    }
  });
});
