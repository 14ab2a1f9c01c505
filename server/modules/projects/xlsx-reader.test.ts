import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnIndex, columnLetter, readXlsx, serialToDate, XlsxError } from './xlsx-reader.ts';

async function regularWorkbook() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目');
  ws.addRow(['名称', '金额', '日期', '布尔', '富文本', '公式']);
  ws.addRow([
    '天津 & 北京 <协同>',
    12345.67,
    new Date(Date.UTC(2026, 4, 1)),
    true,
    { richText: [{ text: '富' }, { text: '文本' }] },
    { formula: '1+1', result: 2 },
  ]);
  ws.addRow([]);
  ws.addRow(['第四行', 0.1, '2026/5/1', false, null, null]);
  ws.getCell('A6').value = '跳过的列';
  ws.getCell('D6').value = 'x';
  wb.addWorksheet('说明').addRow(['说明']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function streamedWorkbook() {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Sheet A');
  ws.addRow(['代码', '金额']).commit();
  ws.addRow(['120101', Number('9999999999999999.99')]).commit();
  ws.addRow(['91110000802100433B', 1.5]).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

describe('xlsx reader', () => {
  it('reads shared and inline strings, entities, numbers as written, dates, booleans, rich text and formulas', async () => {
    const wb = readXlsx(await regularWorkbook());
    expect(wb.sheetNames).toEqual(['项目', '说明']);
    const rows = wb.rows('项目');
    expect(rows.map((r) => r.row)).toEqual([1, 2, 4, 6]);
    expect(rows[1].cells).toEqual(['天津 & 北京 <协同>', '12345.67', '2026-05-01', 'TRUE', '富文本', '2']);
    expect(rows[2].cells).toEqual(['第四行', '0.1', '2026/5/1', 'FALSE']);
    expect(rows[3].cells).toEqual(['跳过的列', '', '', 'x']);
  });

  it('reads workbooks written by ExcelJS’ streaming writer (shared strings) and keeps big numbers’ text', async () => {
    const wb = readXlsx(await streamedWorkbook());
    const rows = wb.rows('Sheet A');
    expect(rows[1].cells[0]).toBe('120101');
    expect(rows[2].cells).toEqual(['91110000802100433B', '1.5']);
    // a double cannot hold 9999999999999999.99: what the file says is what we read (then refuse as money)
    expect(rows[1].cells[1]).not.toBe('9999999999999999.99');
  });

  it('refuses what is not a workbook', () => {
    expect(() => readXlsx(Buffer.from('not a zip'))).toThrow(XlsxError);
    expect(() => readXlsx(Buffer.alloc(0))).toThrow(XlsxError);
  });

  it('converts columns and serial dates', () => {
    expect(columnIndex('A')).toBe(0);
    expect(columnIndex('AA')).toBe(26);
    expect(columnLetter(27)).toBe('AB');
    expect(columnLetter(columnIndex('XFD'))).toBe('XFD');
    expect(serialToDate(46143)).toBe('2026-05-01');
    expect(serialToDate(61)).toBe('1900-03-01');
  });
});
