import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ooxmlKind } from '../attachments/sniff.ts';
import type { CellOut, ColumnSpec } from './xlsx.ts';
import { openImportSheet, streamSheet } from './xlsx.ts';
import { columnLetter, readXlsx } from './xlsx-reader.ts';
import { escapeXml } from './xlsx-writer.ts';

async function collect(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function load(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const col = (key: string, header: string, kind: ColumnSpec['kind'], width?: number): ColumnSpec => ({
  key,
  header,
  kind,
  width,
  importable: true,
});

// 40 columns, so that cells go past Z (AA … AN)
const COLUMNS: ColumnSpec[] = [
  col('code', '项目编号', 'code'),
  col('name', '项目名称', 'text', 30),
  col('escaped', 'A & B <"名称">', 'text'),
  col('money', '计划总投资（万元）', 'money'),
  col('negative', '负数', 'money'),
  col('large', '大额', 'money'),
  col('bool', '布尔', 'bool'),
  col('empty', '空', 'text'),
  col('date', '日期', 'date'),
  col('spaces', '空格', 'text'),
  col('illegal', '非法字符', 'text'),
  col('emoji', '表情', 'text'),
  col('datetime', '时间', 'date'),
  ...Array.from({ length: 26 }, (_, i) => col(`f${i}`, `填充${i}`, 'text')),
  col('last', '末列', 'money'),
];
const MAY_DAY = new Date(Date.UTC(2026, 4, 1));
const MAY_DAY_0830 = new Date(Date.UTC(2026, 4, 1, 8, 30));
const ROW: CellOut[] = [
  '0012',
  '天津港保税区 新能源汽车零部件项目',
  'Fish & Chips <b>"quoted"</b> \'apos\'',
  1234.5,
  -1234.56,
  12345678901.23,
  true,
  null,
  MAY_DAY,
  '  前后空格  ',
  'a\u0000b\u0008c\u000Bd\u001Fe\uD800f\uDC00g\uFFFEh\tTab\nLine',
  '😀 表情',
  MAY_DAY_0830,
  ...Array.from({ length: 26 }, (_, i) => `值${i}`),
  0.1,
];
const ROW2: CellOut[] = ['000120', 'second', undefined, 0, -0.5, null, false, '', null, '', null, null, null];

describe('xlsx writer', () => {
  it('writes every kind of cell, readable by ExcelJS and by the import reader', async () => {
    const buf = await collect(
      streamSheet('项目', COLUMNS, async function* () {
        yield [ROW];
        yield [ROW2];
      }),
    );
    expect(ooxmlKind(buf)).toBe('xlsx');
    expect(columnLetter(COLUMNS.length - 1)).toBe('AN');

    const wb = await load(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['项目']);
    const ws = wb.getWorksheet('项目')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(10);
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.getColumn(4).width).toBe(9 * 2 + 2);

    const head = ws.getRow(1);
    expect(head.getCell(3).value).toBe('A & B <"名称">');
    expect(head.getCell(1).font?.bold).toBe(true);
    expect(head.getCell(1).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFDDEBF7' } });
    expect(head.getCell(1).alignment).toMatchObject({ horizontal: 'center', wrapText: true });

    const r = ws.getRow(2);
    expect(r.getCell('A').value).toBe('0012');
    expect(r.getCell('A').numFmt).toBe('@');
    expect(r.getCell('B').value).toBe('天津港保税区 新能源汽车零部件项目');
    expect(r.getCell('C').value).toBe('Fish & Chips <b>"quoted"</b> \'apos\'');
    for (const [letter, value] of [
      ['D', 1234.5],
      ['E', -1234.56],
      ['F', 12345678901.23],
    ] as const) {
      expect(r.getCell(letter).value).toBe(value);
      expect(r.getCell(letter).numFmt).toBe('#,##0.00');
    }
    expect(r.getCell('G').value).toBe(true);
    expect(r.getCell('H').value).toBeNull();
    expect(r.getCell('I').value).toEqual(MAY_DAY);
    expect(r.getCell('I').numFmt).toBe('yyyy-mm-dd');
    expect(r.getCell('J').value).toBe('  前后空格  ');
    expect(r.getCell('K').value).toBe('abcdefgh\tTab\nLine');
    expect(r.getCell('L').value).toBe('😀 表情');
    expect(Math.abs((r.getCell('M').value as Date).getTime() - MAY_DAY_0830.getTime())).toBeLessThan(1000);
    expect(r.getCell('Z').value).toBe('值12');
    expect(r.getCell('AA').value).toBe('值13');
    expect(r.getCell('AM').value).toBe('值25');
    expect(r.getCell('AN').value).toBe(0.1);
    expect(r.getCell('AN').numFmt).toBe('#,##0.00');
    const r2 = ws.getRow(3);
    expect([r2.getCell('A').value, r2.getCell('D').value, r2.getCell('E').value]).toEqual([
      '000120',
      0,
      -0.5,
    ]);
    expect(r2.getCell('G').value).toBe(false);
    // '' and null are both left empty
    expect(r2.getCell('J').value).toBeNull();
    expect(r2.getCell('C').value).toBeNull();

    const book = readXlsx(buf);
    expect(book.sheetNames).toEqual(['项目']);
    const rows = book.rows('项目');
    expect(rows.map((x) => x.row)).toEqual([1, 2, 3]);
    expect(rows[0].cells).toEqual(COLUMNS.map((c) => c.header));
    expect(rows[1].cells).toEqual([
      '0012',
      '天津港保税区 新能源汽车零部件项目',
      'Fish & Chips <b>"quoted"</b> \'apos\'',
      '1234.5',
      '-1234.56',
      '12345678901.23',
      'TRUE',
      '',
      '2026-05-01',
      '  前后空格  ',
      'abcdefgh\tTab\nLine',
      '😀 表情',
      '2026-05-01',
      ...Array.from({ length: 26 }, (_, i) => `值${i}`),
      '0.1',
    ]);
    expect(rows[2].cells).toEqual(['000120', 'second', '', '0', '-0.5', '', 'FALSE']);

    // and the import takes it back
    const sheet = openImportSheet(buf, '项目', COLUMNS);
    expect(sheet.colOf.get('last')).toBe(39);
    expect(sheet.rows).toHaveLength(2);
  });

  it('escapes markup, keeps CR, drops what XML 1.0 forbids and keeps surrogate pairs', () => {
    expect(escapeXml('plain 中文')).toBe('plain 中文');
    expect(escapeXml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
    expect(escapeXml('a\r\nb')).toBe('a&#13;\nb');
    expect(escapeXml('\u0001x\uDBFF\uD83D\uDE00\uDE00y\uFFFF')).toBe('x\uD83D\uDE00y');
  });

  it('destroys the stream with the error of the source', async () => {
    const boom = new Error('database went away');
    const s = streamSheet('项目', COLUMNS, async function* () {
      yield [ROW];
      throw boom;
    });
    await expect(collect(s)).rejects.toBe(boom);
    expect(s.destroyed).toBe(true);
    await expect(collect(streamSheet('a/b', COLUMNS, async function* () {}))).rejects.toThrow(
      /invalid sheet name/,
    );
  });

  it('streams 100,000 rows as they come: bytes before the last chunk, no reading ahead of the consumer', async () => {
    const CHUNKS = 100;
    const PER_CHUNK = 1000;
    const columns = [
      col('code', '编号', 'code'),
      col('name', '名称', 'text'),
      col('amount', '金额', 'money'),
    ];
    let produced = 0;
    const s = streamSheet('大表', columns, async function* () {
      for (let c = 0; c < CHUNKS; c++) {
        await new Promise((resolve) => setImmediate(resolve));
        produced++;
        yield Array.from({ length: PER_CHUNK }, (_, i): CellOut[] => {
          const n = c * PER_CHUNK + i;
          return [String(n).padStart(6, '0'), `名称${n}`, n / 100];
        });
      }
    });
    const chunks: Buffer[] = [];
    let received = 0;
    let paused = false;
    // rows (not just the fixed parts of the package) arrive while the source is still early on
    const first = new Promise<number>((resolve) =>
      s.on('data', (c: Buffer) => {
        chunks.push(c);
        received += c.length;
        if (!paused && received > 100_000) {
          paused = true;
          s.pause();
          resolve(produced);
        }
      }),
    );
    expect(await first).toBeLessThan(CHUNKS / 4);
    // a paused consumer stops the source: what is read ahead is bounded and then nothing more
    await new Promise((resolve) => setTimeout(resolve, 100));
    const readAhead = produced;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(produced).toBe(readAhead);
    expect(produced).toBeLessThan(CHUNKS / 2);
    const done = new Promise((resolve, reject) => s.on('end', resolve).on('error', reject));
    s.resume();
    await done;
    expect(produced).toBe(CHUNKS);
    // many pieces, none of them near the whole file
    const total = chunks.reduce((n, c) => n + c.length, 0);
    expect(chunks.length).toBeGreaterThan(20);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(total / 4);

    const rows = readXlsx(Buffer.concat(chunks)).rows('大表');
    expect(rows).toHaveLength(CHUNKS * PER_CHUNK + 1);
    expect(rows[CHUNKS * PER_CHUNK].cells).toEqual(['099999', '名称99999', '999.99']);
  });
});
