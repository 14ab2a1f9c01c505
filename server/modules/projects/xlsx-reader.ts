import { inflateRawSync } from 'node:zlib';

/**
 * A small, fast reader for .xlsx workbooks (Office Open XML), for Excel imports. ExcelJS needs ~20 s and
 * ~600 MB to load a 50,000-row sheet on these machines; this reads the same sheet in well under a second,
 * with cell values as the exact text of the file (numbers keep their decimal digits: money never passes
 * through a float). Date-formatted numeric cells come back as `YYYY-MM-DD`.
 */
export class XlsxError extends Error {}

/** A sheet with more rows than the caller accepts (reading stops there: a 1,048,576-row sheet costs little). */
export class XlsxTooManyRows extends XlsxError {
  constructor(readonly limit: number) {
    super(`more than ${limit} rows`);
  }
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/**
 * Limit against zip bombs: one part may not inflate beyond this, whatever its header declares (a 100,000-row
 * sheet of the widest template is about 60 MB of XML).
 */
export const MAX_PART_BYTES = 256 * 1024 * 1024;

function readZip(buf: Buffer): Map<string, ZipEntry> {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new XlsxError('not a zip archive');
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxError('zip end record missing');
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (off + 46 > buf.length || buf.readUInt32LE(off) !== 0x02014b50)
      throw new XlsxError('bad zip directory');
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    const name = buf.toString('utf8', off + 46, off + 46 + nameLen);
    entries.set(name.replace(/^\//, ''), {
      name,
      method: buf.readUInt16LE(off + 10),
      compressedSize: buf.readUInt32LE(off + 20),
      size: buf.readUInt32LE(off + 24),
      localOffset: buf.readUInt32LE(off + 42),
    });
    off += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function entryText(buf: Buffer, e: ZipEntry): string {
  const lo = e.localOffset;
  if (lo + 30 > buf.length || buf.readUInt32LE(lo) !== 0x04034b50)
    throw new XlsxError(`bad zip entry ${e.name}`);
  const start = lo + 30 + buf.readUInt16LE(lo + 26) + buf.readUInt16LE(lo + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.size > MAX_PART_BYTES) throw new XlsxError(`${e.name} is too large`);
  let out: Buffer;
  if (e.method === 0) out = data;
  else if (e.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES });
    } catch {
      throw new XlsxError(`cannot inflate ${e.name}`);
    }
  } else throw new XlsxError(`unsupported zip compression ${e.method}`);
  return out.toString('utf8');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e];
  });
}

/** One compiled pattern per attribute name: `attr` runs for every cell (r, t, s) of a sheet. */
const ATTR_PATTERNS = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = ATTR_PATTERNS.get(name);
  if (!re) ATTR_PATTERNS.set(name, (re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  const m = re.exec(attrs);
  return m ? decodeXml(m[1]) : undefined;
}

/** The text of an `<si>` or `<is>` element: its `<t>` runs, without phonetic (`<rPh>`) runs. */
function richText(xml: string): string {
  const clean = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
  let m;
  while ((m = re.exec(clean))) out += m[1] ? decodeXml(m[1]) : '';
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** Which cell style indexes (`s=`) display a date. */
function dateStyles(stylesXml: string | null): Set<number> {
  const out = new Set<number>();
  if (!stylesXml) return out;
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1], 'numFmtId'));
    custom.set(id, attr(m[1], 'formatCode') ?? '');
  }
  const isDate = (id: number) => {
    if (BUILTIN_DATE_FORMATS.has(id)) return true;
    const code = custom.get(id);
    if (!code) return false;
    const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
    return /[ymd]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
  };
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml);
  if (!xfs) return out;
  let i = 0;
  for (const m of xfs[1].matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
    if (isDate(Number(attr(m[1], 'numFmtId') ?? '0'))) out.add(i);
    i++;
  }
  return out;
}

/** An Excel serial day number → `YYYY-MM-DD` (1900 date system, or 1904). */
export function serialToDate(serial: number, date1904 = false): string {
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  // counted from 1899-12-30 because Excel has a 1900-02-29 (day 60): right for every date after 1900-03-01
  const epoch = Date.UTC(1899, 11, 30);
  return new Date(epoch + days * 86400000).toISOString().slice(0, 10);
}

/** Column letters → 0-based index: A → 0, Z → 25, AA → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface SheetRow {
  /** the Excel row number (1-based) */
  row: number;
  /** cell texts by 0-based column; '' for empty */
  cells: string[];
  /** the 0-based columns whose cell holds a formula (its value is Excel's cached result) */
  formulas?: number[];
}

export interface Workbook {
  sheetNames: string[];
  /** Every non-empty row of a sheet, in order; XlsxTooManyRows beyond `maxRows` non-empty rows. */
  rows(sheetName: string, opts?: { maxRows?: number }): SheetRow[];
  /** The merged ranges of a sheet (`A3:A5`). */
  merges(sheetName: string): string[];
}

/** Opens an .xlsx workbook from its bytes; XlsxError when it is not one. */
export function readXlsx(buf: Buffer): Workbook {
  const zip = readZip(buf);
  const text = (name: string) => {
    const e = zip.get(name);
    return e ? entryText(buf, e) : null;
  };
  const workbookXml = text('xl/workbook.xml');
  if (!workbookXml) throw new XlsxError('xl/workbook.xml missing');
  const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(workbookXml);
  const rels = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (id && target)
      rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const sheets: Array<{ name: string; path: string }> = [];
  for (const m of workbookXml.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = attr(m[1], 'name') ?? '';
    const rid = attr(m[1], 'r:id') ?? /\sr\d*:id="([^"]*)"/.exec(m[1])?.[1];
    const path = rid ? rels.get(rid) : undefined;
    if (path) sheets.push({ name, path });
  }
  let shared: string[] | null = null;
  const sharedStrings = () => {
    if (shared) return shared;
    const xml = text('xl/sharedStrings.xml') ?? '';
    shared = [];
    for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(m[1] ? richText(m[1]) : '');
    return shared;
  };
  let dates: Set<number> | null = null;
  const sheetXml = new Map<string, string>();
  const xmlOf = (sheetName: string) => {
    const sheet = sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new XlsxError(`no sheet ${sheetName}`);
    let xml = sheetXml.get(sheet.path);
    if (xml === undefined) {
      const read = text(sheet.path);
      if (read === null) throw new XlsxError(`${sheet.path} missing`);
      xml = read;
      sheetXml.set(sheet.path, xml);
    }
    return xml;
  };
  return {
    sheetNames: sheets.map((s) => s.name),
    merges(sheetName) {
      const xml = xmlOf(sheetName);
      return [...xml.matchAll(/<mergeCell\b([^>]*)\/?>/g)]
        .map((m) => attr(m[1], 'ref') ?? '')
        .filter(Boolean);
    },
    rows(sheetName, opts = {}) {
      const xml = xmlOf(sheetName);
      const maxRows = opts.maxRows ?? Infinity;
      dates ??= dateStyles(text('xl/styles.xml'));
      const out: SheetRow[] = [];
      let nextRow = 1;
      for (const rm of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
        const r = Number(attr(rm[1], 'r') ?? nextRow);
        nextRow = r + 1;
        if (!rm[2]) continue;
        const cells: string[] = [];
        let formulas: number[] | undefined;
        let nextCol = 0;
        let any = false;
        for (const cm of rm[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
          const ref = attr(cm[1], 'r');
          const col = ref ? columnIndex(/^[A-Z]+/.exec(ref)?.[0] ?? 'A') : nextCol;
          nextCol = col + 1;
          const body = cm[2];
          if (!body) continue;
          if (/<f[\s>/]/.test(body)) (formulas ??= []).push(col);
          const t = attr(cm[1], 't');
          let value = '';
          if (t === 'inlineStr') {
            const is = /<is>([\s\S]*?)<\/is>/.exec(body);
            value = is ? richText(is[1]) : '';
          } else {
            const v = /<v>([\s\S]*?)<\/v>/.exec(body);
            const raw = v ? decodeXml(v[1]) : '';
            if (t === 's') value = sharedStrings()[Number(raw)] ?? '';
            else if (t === 'b') value = raw === '1' ? 'TRUE' : 'FALSE';
            else if (t === 'e') value = raw;
            else if (t === 'str' || t === 'd') value = raw;
            else {
              const s = Number(attr(cm[1], 's') ?? '0');
              value =
                raw !== '' && dates.has(s) && Number.isFinite(Number(raw))
                  ? serialToDate(Number(raw), date1904)
                  : raw;
            }
          }
          while (cells.length < col) cells.push('');
          cells[col] = value;
          if (value.trim() !== '') any = true;
        }
        if (!any) continue;
        if (out.length >= maxRows) throw new XlsxTooManyRows(maxRows);
        out.push(formulas ? { row: r, cells, formulas } : { row: r, cells });
      }
      return out;
    },
  };
}
