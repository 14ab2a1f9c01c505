import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { AppError } from '../../errors.ts';
import { ooxmlKind, sniff } from '../attachments/sniff.ts';
import { columnLetter, readXlsx, XlsxError, XlsxTooManyRows, type SheetRow } from './xlsx-reader.ts';
import { xlsxSheetStream } from './xlsx-writer.ts';

/**
 * Excel in and out for every table (SPEC §3.8): column specs shared by export, template and import;
 * exports streamed by the hand-written writer of xlsx-writer.ts (memory stays flat whatever the row count;
 * ExcelJS' per-cell objects took seconds at 100,000 rows); templates and error files with ExcelJS; imports read
 * with the fast reader of xlsx-reader.ts, checked for the right sheet and headers before any row.
 */
/**
 * ExcelJS, loaded when a template or an error file is first made: ~28 MB of memory that a server which never
 * makes one does not carry (exports use xlsx-writer.ts, imports xlsx-reader.ts).
 */
export async function excelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export type ColumnKind = 'text' | 'code' | 'money' | 'date' | 'bool' | 'int';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** the Chinese header (what the template and the export write) */
  header: string;
  kind: ColumnKind;
  width?: number;
  /** read by the import; export-only columns are ignored when a file comes back */
  importable: boolean;
  required?: boolean;
  /** a line for the template's instructions sheet */
  help?: string;
  /** allowed values (a drop-down in the template) */
  options?: readonly string[];
  /** other headers accepted on import */
  aliases?: readonly string[];
}

export const MONEY_FORMAT = '#,##0.00';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

export type CellOut = string | number | boolean | Date | null | undefined;

/** `yyyyMMdd-HHmm` in China time, for file names. */
export function stamp(now = new Date()): string {
  const d = new Date(now.getTime() + 8 * 3600 * 1000).toISOString();
  return `${d.slice(0, 10).replace(/-/g, '')}-${d.slice(11, 16).replace(':', '')}`;
}

function applyColumns(ws: ExcelJS.Worksheet, columns: readonly ColumnSpec[]) {
  ws.columns = columns.map((c) => ({
    key: c.key,
    width: c.width ?? Math.max(10, c.header.length * 2 + 2),
    style: c.kind === 'money' ? { numFmt: MONEY_FORMAT } : c.kind === 'code' ? { numFmt: '@' } : {},
  }));
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
}

/**
 * Streams one sheet: the header row, then every row the async source yields (chunks of row arrays).
 * Returns the readable side at once; errors end the stream. Written by xlsx-writer.ts, not ExcelJS.
 */
export function streamSheet(
  sheetName: string,
  columns: readonly ColumnSpec[],
  source: () => AsyncIterable<CellOut[][]>,
): Readable {
  return xlsxSheetStream(sheetName, columns, source);
}

/** An import template: the data sheet with headers, drop-downs and text-formatted code columns, plus 填写说明. */
export async function templateWorkbook(
  sheetName: string,
  columns: readonly ColumnSpec[],
  notes: readonly string[],
): Promise<Buffer> {
  const wb = new (await excelJs()).Workbook();
  wb.creator = 'Magnet';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = columns.filter((c) => c.importable);
  applyColumns(ws, cols);
  styleHeader(ws.addRow(cols.map((c) => (c.required ? `${c.header}*` : c.header))));
  cols.forEach((c, i) => {
    if (!c.options?.length) return;
    const letter = columnLetter(i);
    // ExcelJS writes range validations but does not declare `dataValidations` in its types
    const validations = (
      ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations;
    validations.add(`${letter}2:${letter}100000`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.options.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '取值不在列表中',
      error: `可选：${c.options.join('、')}`,
    });
  });
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 28 }, { width: 10 }, { width: 90 }];
  styleHeader(help.addRow(['列', '必填', '说明']));
  for (const c of cols) help.addRow([c.header, c.required ? '是' : '', c.help ?? '']);
  help.addRow([]);
  for (const n of notes) help.addRow([n]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportSheet<K extends string> {
  /** column index in the file for each importable column present */
  colOf: Map<K, number>;
  header: string[];
  rows: SheetRow[];
}

/** Headers compare without blanks, required stars, and with half-width brackets. */
export function normHeader(s: string): string {
  return s
    .replace(/[\s*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

export const MAX_IMPORT_ROWS = 100_000;

/**
 * Opens the uploaded file as an import: refuses anything that is not an .xlsx workbook (415), a workbook
 * without the expected sheet, without the required headers, or without data rows (400), all before a
 * single row is looked at.
 */
export function openImportSheet<K extends string>(
  content: Buffer,
  sheetName: string,
  columns: readonly ColumnSpec<K>[],
): ImportSheet<K> {
  if (content.length === 0) {
    throw new AppError('VALIDATION', {
      message: 'file: 文件为空',
      details: [{ path: 'file', message: 'empty file' }],
    });
  }
  if (ooxmlKind(content) !== 'xlsx') {
    const t = sniff(content);
    const hint =
      t?.ext === 'xls' ? '旧版 .xls 文件请在 Excel 中另存为 .xlsx 后再导入' : '请上传 Excel 工作簿（.xlsx）';
    throw new AppError('UNSUPPORTED_MEDIA', {
      message: `文件不是 .xlsx 工作簿：${hint}`,
      details: { expected: 'xlsx' },
    });
  }
  let rows: SheetRow[];
  let names: string[];
  let merges: string[];
  try {
    const wb = readXlsx(content);
    names = wb.sheetNames;
    if (!names.includes(sheetName)) {
      throw new AppError('VALIDATION', {
        message: `file: 工作簿中没有名为“${sheetName}”的工作表（现有：${names.join('、') || '无'}），请使用导入模板`,
        details: [{ path: 'file', message: `sheet "${sheetName}" not found`, sheets: names }],
      });
    }
    rows = wb.rows(sheetName, { maxRows: MAX_IMPORT_ROWS + 1 });
    merges = wb.merges(sheetName);
  } catch (e) {
    if (e instanceof XlsxTooManyRows) throw tooManyRows();
    if (e instanceof XlsxError) {
      throw new AppError('UNSUPPORTED_MEDIA', {
        message: '文件已损坏或不是有效的 Excel 工作簿',
        details: { reason: e.message },
      });
    }
    throw e;
  }
  const [head, ...data] = rows;
  if (!head) {
    throw new AppError('VALIDATION', {
      message: `file: 工作表“${sheetName}”是空的`,
      details: [{ path: 'file', message: 'empty sheet' }],
    });
  }
  const byHeader = new Map<string, ColumnSpec<K>>();
  for (const c of columns) {
    if (!c.importable) continue;
    byHeader.set(normHeader(c.header), c);
    byHeader.set(normHeader(c.key), c);
    for (const a of c.aliases ?? []) byHeader.set(normHeader(a), c);
  }
  const colOf = new Map<K, number>();
  head.cells.forEach((h, i) => {
    const c = byHeader.get(normHeader(h));
    if (c && !colOf.has(c.key)) colOf.set(c.key, i);
  });
  const missing = columns.filter((c) => c.importable && c.required && !colOf.has(c.key));
  if (missing.length) {
    throw new AppError('VALIDATION', {
      message: `file: 缺少必填列：${missing.map((c) => c.header).join('、')}（第 ${head.row} 行应为表头）`,
      details: missing.map((c) => ({
        path: 'file',
        message: `missing column ${c.header}`,
        column: c.header,
      })),
    });
  }
  if (!data.length) {
    throw new AppError('VALIDATION', {
      message: `file: 工作表“${sheetName}”没有数据行`,
      details: [{ path: 'file', message: 'no data rows' }],
    });
  }
  if (data.length > MAX_IMPORT_ROWS) throw tooManyRows();
  // a merged cell holds its value once, for rows that need it each: the file is refused, not guessed at
  if (merges.length) {
    throw new AppError('VALIDATION', {
      message: `file: 工作表“${sheetName}”有合并单元格（${listed(merges)}），请取消合并并逐行填写后再导入`,
      details: [{ path: 'file', message: 'merged cells', ranges: merges.slice(0, 100) }],
    });
  }
  // a formula's value is whatever Excel last computed (or nothing, from other programs): figures that decide
  // rankings are imported only as values the user has seen
  const imported = new Set(colOf.values());
  const formulas = data.flatMap((r) =>
    (r.formulas ?? []).filter((c) => imported.has(c)).map((c) => `${columnLetter(c)}${r.row}`),
  );
  if (formulas.length) {
    throw new AppError('VALIDATION', {
      message: `file: ${formulas.length} 个单元格是公式（${listed(formulas)}），请复制后“选择性粘贴 → 数值”再导入`,
      details: [{ path: 'file', message: 'formula cells', cells: formulas.slice(0, 100) }],
    });
  }
  return { colOf, header: head.cells, rows: data };
}

/** The first few items of a list, then “等 N 处”. */
function listed(items: string[], shown = 10): string {
  return items.length > shown
    ? `${items.slice(0, shown).join('、')} 等 ${items.length} 处`
    : items.join('、');
}

function tooManyRows() {
  return new AppError('VALIDATION', {
    message: `file: 一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分成几个文件`,
    details: [{ path: 'file', message: `more than ${MAX_IMPORT_ROWS} rows` }],
  });
}

export interface ImportError {
  row: number;
  /** the column letter in the uploaded file, null for a whole-row problem */
  column: string | null;
  header: string | null;
  field: string | null;
  message: string;
}

/**
 * The uploaded sheet again, every row as it was read, the faulty cells in red, a last column with the
 * row's messages, and a second sheet listing every error. Streamed into a buffer.
 */
export async function errorWorkbook(
  sheetName: string,
  sheet: ImportSheet<string>,
  errors: readonly ImportError[],
) {
  const byRow = new Map<number, ImportError[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new (await excelJs()).stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = sheet.header.length;
  ws.columns = [...sheet.header.map(() => ({ width: 16, style: { numFmt: '@' } })), { width: 60 }];
  const head = ws.addRow([...sheet.header, '错误说明']);
  styleHeader(head);
  head.commit();
  for (const r of sheet.rows) {
    const errs = byRow.get(r.row) ?? [];
    const cells = Array.from({ length: width }, (_, i) => r.cells[i] ?? '');
    const row = ws.addRow([
      ...cells,
      errs.map((e) => (e.header ? `${e.header}：${e.message}` : e.message)).join('；'),
    ]);
    for (const e of errs) {
      if (!e.column) continue;
      const cell = row.getCell(e.column);
      cell.fill = ERROR_FILL;
      cell.font = { color: { argb: 'FF9C0006' } };
    }
    if (errs.length) row.getCell(width + 1).font = { color: { argb: 'FF9C0006' } };
    row.commit();
  }
  ws.commit();
  const list = wb.addWorksheet('错误清单');
  list.columns = [{ width: 8 }, { width: 8 }, { width: 24 }, { width: 80 }];
  const lh = list.addRow(['行', '列', '字段', '错误说明']);
  styleHeader(lh);
  lh.commit();
  for (const e of errors) list.addRow([e.row, e.column ?? '', e.header ?? '', e.message]).commit();
  list.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

// ---- cell parsing helpers shared by the imports ----

const TRUE = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const FALSE = new Set(['否', 'n', 'no', 'false', '0', '']);

export function parseBool(s: string): boolean | null {
  const v = s.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return null;
}

/** `2026-05-01`, `2026/5/1`, `2026.5.1`, `2026年5月1日` → `2026-05-01`; anything else null. */
export function parseDateText(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim());
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

/** A money cell: thousands separators and blanks removed; the text itself is validated, never a float. */
export function moneyText(s: string): string {
  return s.replace(/[,，\s]/g, '');
}
