import { once } from 'node:events';
import { Readable, type TransformOptions } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync, type DeflateRaw, type ZlibOptions } from 'node:zlib';
import type { CellOut, ColumnSpec } from './xlsx.ts';
import { columnLetter } from './xlsx-reader.ts';

/**
 * A streamed writer of one-sheet .xlsx workbooks (SpreadsheetML in a ZIP), for the exports. ExcelJS'
 * streaming writer builds a row object and a cell object with a style per value: at 100,000 rows × 32
 * columns that is seconds of CPU before a byte is compressed. Here each batch of rows becomes one XML
 * string (inline strings, a handful of fixed styles), deflated by zlib on its thread pool while the next
 * batch is built, the ZIP entry closed by a data descriptor. The readable pulls from the source only as
 * fast as it is read (back-pressure end to end), so memory stays flat whatever the row count.
 */
export type SheetColumn = Pick<ColumnSpec, 'header' | 'kind' | 'width'>;

/** Data rows per XML string handed to zlib (~0.3 MB of XML at 32 columns). */
const ROWS_PER_BATCH = 256;
/** zlib takes this much text before a write waits for it: lets compression overlap the next batch. */
const DEFLATE_BUFFER = 1024 * 1024;
/**
 * The sheet's XML is ~2 KB a row; at level 6 zlib becomes the bottleneck (100,000 rows × 32 columns: about
 * 2 s more for 16.6 instead of 24.3 MB, and ExcelJS' own files were 23.4 MB).
 */
const DEFLATE_LEVEL = 1;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/** 0xffffffff itself marks a zip64 field */
const ZIP32_LIMIT = 0xffffffff;

/** The style indexes (cellXfs) of styles.xml below. */
const S_HEADER = 1;
const S_MONEY = 2;
const S_CODE = 3;
const S_DATE = 4;
const S_DATETIME = 5;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  '</Types>';

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${NS_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

const APP =
  `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  '<Application>Magnet</Application></Properties>';

const core = (now: Date) => {
  const t = `${now.toISOString().slice(0, 19)}Z`;
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>Magnet</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${t}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${t}</dcterms:modified></cp:coreProperties>`
  );
};

const WORKBOOK_RELS =
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/>` +
  '</Relationships>';

const workbook = (sheetName: string) =>
  `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/>` +
  '<bookViews><workbookView/></bookViews>' +
  `<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

const ALIGN_HEADER = '<alignment horizontal="center" vertical="center" wrapText="1"/>';
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>' +
  '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  `<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">${ALIGN_HEADER}</xf>` +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/></styleSheet>';

// characters XML 1.0 does not allow (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone surrogates)
const XML_SPECIAL =
  // eslint-disable-next-line no-control-regex
  /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const XML_ILLEGAL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // a bare CR would come back as LF (XML line-end normalisation)
  '\r': '&#13;',
};

/** Text for XML content or a quoted attribute: markup escaped, characters XML 1.0 forbids dropped. */
export function escapeXml(s: string): string {
  if (!XML_SPECIAL.test(s)) return s;
  return s.replace(XML_ILLEGAL, '').replace(/[&<>"'\r]/g, (c) => XML_ENTITIES[c]);
}

const isBlank = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** `<t>` with xml:space="preserve" when the text starts or ends with white space (Excel trims it otherwise). */
function inlineText(s: string): string {
  const t = escapeXml(s);
  return isBlank(s.charCodeAt(0)) || isBlank(s.charCodeAt(s.length - 1))
    ? `<is><t xml:space="preserve">${t}</t></is>`
    : `<is><t>${t}</t></is>`;
}

const DAY_MS = 86_400_000;
/** Excel's serial day of 1970-01-01 (1900 date system); a Date is taken in UTC, as ExcelJS does. */
const EPOCH_SERIAL = 25_569;

function checkSheetName(name: string) {
  if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name))
    throw new Error(`invalid sheet name "${name}": 1–31 characters, none of [ ] : * ? / \\`);
}

/** The worksheet's opening: frozen first row, column widths and column styles, then `<sheetData>`. */
function sheetHead(columns: readonly SheetColumn[]): string {
  let cols = '';
  columns.forEach((c, i) => {
    const width = c.width ?? Math.max(10, c.header.length * 2 + 2);
    const style = c.kind === 'money' ? ` style="${S_MONEY}"` : c.kind === 'code' ? ` style="${S_CODE}"` : '';
    cols += `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"${style}/>`;
  });
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<sheetViews><sheetView workbookViewId="0">' +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>'
  );
}

const SHEET_TAIL = '</sheetData></worksheet>';

/**
 * Builds the XML of rows. Per column, the fixed text around a value is made once: `<c r="AB` then the row
 * number, then `" s="2" t="inlineStr"><is><t>` (string), `" s="2"><v>` (number) or `" s="2" t="b"><v>`.
 */
class RowWriter {
  private readonly ref: string[] = [];
  private readonly str: string[] = [];
  private readonly strKeep: string[] = [];
  private readonly num: string[] = [];
  private readonly bool: string[] = [];

  constructor(columns: readonly SheetColumn[]) {
    columns.forEach((c, i) =>
      this.add(i, c.kind === 'money' ? ` s="${S_MONEY}"` : c.kind === 'code' ? ` s="${S_CODE}"` : ''),
    );
  }

  private add(i: number, s: string) {
    this.ref[i] = `<c r="${columnLetter(i)}`;
    this.str[i] = `"${s} t="inlineStr"><is><t>`;
    this.strKeep[i] = `"${s} t="inlineStr"><is><t xml:space="preserve">`;
    this.num[i] = `"${s}><v>`;
    this.bool[i] = `"${s} t="b"><v>`;
  }

  header(columns: readonly SheetColumn[]): string {
    let x = '<row r="1">';
    columns.forEach((c, i) => {
      x += `${this.ref[i]}1" s="${S_HEADER}" t="inlineStr">${inlineText(c.header)}</c>`;
    });
    return `${x}</row>`;
  }

  row(n: number, cells: readonly CellOut[]): string {
    let x = `<row r="${n}">`;
    const count = cells.length;
    // cells beyond the declared columns are written too, unstyled (as ExcelJS did)
    for (let i = this.ref.length; i < count; i++) this.add(i, '');
    for (let i = 0; i < count; i++) {
      const v = cells[i];
      if (v === null || v === undefined) continue;
      switch (typeof v) {
        case 'string':
          if (v === '') break;
          x +=
            this.ref[i] +
            n +
            (isBlank(v.charCodeAt(0)) || isBlank(v.charCodeAt(v.length - 1))
              ? this.strKeep[i]
              : this.str[i]) +
            escapeXml(v) +
            '</t></is></c>';
          break;
        case 'number':
          if (Number.isFinite(v)) x += this.ref[i] + n + this.num[i] + v + '</v></c>';
          break;
        case 'boolean':
          x += this.ref[i] + n + this.bool[i] + (v ? '1' : '0') + '</v></c>';
          break;
        default:
          if (v instanceof Date) {
            const ms = v.getTime();
            if (!Number.isFinite(ms)) break;
            const s = ms % DAY_MS === 0 ? S_DATE : S_DATETIME;
            x += `${this.ref[i]}${n}" s="${s}"><v>${EPOCH_SERIAL + ms / DAY_MS}</v></c>`;
          } else {
            x += `${this.ref[i]}${n}${this.str[i]}${escapeXml(String(v))}</t></is></c>`;
          }
      }
    }
    return `${x}</row>`;
  }
}

// ---- ZIP (no zip64: every size and offset must stay below 4 GB) ----

interface ZipEntry {
  name: Buffer;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;

class ZipTooLarge extends Error {
  constructor() {
    super('the export exceeds 4 GB, the limit of a ZIP without zip64: export fewer rows');
  }
}

class Zip {
  private offset = 0;
  private readonly entries: ZipEntry[] = [];
  private readonly time: number;
  private readonly date: number;

  constructor(now: Date) {
    this.time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
    this.date = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
  }

  private advance(bytes: number) {
    this.offset += bytes;
    if (this.offset >= ZIP32_LIMIT) throw new ZipTooLarge();
  }

  private localHeader(e: ZipEntry): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4); // version needed: deflate
    h.writeUInt16LE(e.flags, 6);
    h.writeUInt16LE(8, 8); // deflated
    h.writeUInt16LE(this.time, 10);
    h.writeUInt16LE(this.date, 12);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.compressedSize, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(e.name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, e.name]);
  }

  /** A small part, deflated at once, its sizes and CRC in the local header. */
  file(name: string, text: string): Buffer {
    const data = Buffer.from(text, 'utf8');
    const deflated = deflateRawSync(data);
    const e: ZipEntry = {
      name: Buffer.from(name, 'utf8'),
      flags: FLAG_UTF8,
      crc: crc32(data),
      compressedSize: deflated.length,
      size: data.length,
      offset: this.offset,
    };
    this.entries.push(e);
    const out = Buffer.concat([this.localHeader(e), deflated]);
    this.advance(out.length);
    return out;
  }

  /** The local header of a streamed part: CRC and sizes follow the data, in a data descriptor. */
  begin(name: string): { entry: ZipEntry; header: Buffer } {
    const entry: ZipEntry = {
      name: Buffer.from(name, 'utf8'),
      flags: FLAG_UTF8 | FLAG_DATA_DESCRIPTOR,
      crc: 0,
      compressedSize: 0,
      size: 0,
      offset: this.offset,
    };
    this.entries.push(entry);
    const header = this.localHeader(entry);
    this.advance(header.length);
    return { entry, header };
  }

  /** Counts compressed bytes of the streamed part as they go out. */
  data(bytes: number) {
    this.advance(bytes);
  }

  finish(entry: ZipEntry, crc: number, size: number, compressedSize: number): Buffer {
    if (size >= ZIP32_LIMIT || compressedSize >= ZIP32_LIMIT) throw new ZipTooLarge();
    Object.assign(entry, { crc, size, compressedSize });
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(crc, 4);
    d.writeUInt32LE(compressedSize, 8);
    d.writeUInt32LE(size, 12);
    this.advance(d.length);
    return d;
  }

  /** The central directory and its end record. */
  end(): Buffer {
    const start = this.offset;
    const parts: Buffer[] = [];
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4); // made by: MS-DOS, spec 2.0
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(e.flags, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(this.time, 12);
      h.writeUInt16LE(this.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressedSize, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // extra, comment, disk, internal and external attributes: 0
      h.writeUInt32LE(e.offset, 42);
      parts.push(h, e.name);
    }
    const dir = Buffer.concat(parts);
    this.advance(dir.length);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(this.entries.length, 8);
    eocd.writeUInt16LE(this.entries.length, 10);
    eocd.writeUInt32LE(dir.length, 12);
    eocd.writeUInt32LE(start, 16);
    return Buffer.concat([dir, eocd]);
  }
}

/** A streamed, deflated part: text in, compressed chunks collected for the caller to send. */
class DeflatedPart {
  crc = 0;
  size = 0;
  compressedSize = 0;
  private readonly z: DeflateRaw;
  private out: Buffer[] = [];

  constructor() {
    // zlib streams take the Transform options too (not declared in ZlibOptions)
    const options: ZlibOptions & TransformOptions = {
      level: DEFLATE_LEVEL,
      writableHighWaterMark: DEFLATE_BUFFER,
    };
    this.z = createDeflateRaw(options);
    this.z.on('data', (c: Buffer) => {
      this.out.push(c);
      this.compressedSize += c.length;
    });
  }

  /** Hands text to zlib; waits only when zlib already holds DEFLATE_BUFFER bytes it has not compressed. */
  async write(text: string) {
    const data = Buffer.from(text, 'utf8');
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    if (this.size >= ZIP32_LIMIT) throw new ZipTooLarge();
    if (!this.z.write(data)) await once(this.z, 'drain');
  }

  /** The compressed bytes produced since the last call. */
  take(): Buffer | null {
    if (!this.out.length) return null;
    const b = this.out.length === 1 ? this.out[0] : Buffer.concat(this.out);
    this.out = [];
    return b;
  }

  async end() {
    const ended = once(this.z, 'end');
    this.z.end();
    await ended;
  }

  destroy() {
    this.z.destroy();
  }
}

async function* xlsxParts(
  sheetName: string,
  columns: readonly SheetColumn[],
  source: () => AsyncIterable<CellOut[][]>,
): AsyncGenerator<Buffer> {
  checkSheetName(sheetName);
  if (columns.length > MAX_COLUMNS) throw new Error(`a sheet holds at most ${MAX_COLUMNS} columns`);
  const now = new Date();
  const zip = new Zip(now);
  yield Buffer.concat([
    zip.file('[Content_Types].xml', CONTENT_TYPES),
    zip.file('_rels/.rels', ROOT_RELS),
    zip.file('docProps/app.xml', APP),
    zip.file('docProps/core.xml', core(now)),
    zip.file('xl/workbook.xml', workbook(sheetName)),
    zip.file('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    zip.file('xl/styles.xml', STYLES),
  ]);
  const { entry, header } = zip.begin('xl/worksheets/sheet1.xml');
  yield header;
  const part = new DeflatedPart();
  const rows = new RowWriter(columns);
  const send = function* () {
    const b = part.take();
    if (b) {
      zip.data(b.length);
      yield b;
    }
  };
  try {
    await part.write(sheetHead(columns) + rows.header(columns));
    let n = 1;
    for await (const chunk of source()) {
      for (let i = 0; i < chunk.length; i += ROWS_PER_BATCH) {
        const end = Math.min(chunk.length, i + ROWS_PER_BATCH);
        if (n + (end - i) > MAX_ROWS) throw new Error(`a sheet holds at most ${MAX_ROWS - 1} data rows`);
        let xml = '';
        for (let j = i; j < end; j++) xml += rows.row(++n, chunk[j]);
        await part.write(xml);
        yield* send();
      }
    }
    await part.write(SHEET_TAIL);
    await part.end();
    yield* send();
  } finally {
    part.destroy();
  }
  yield zip.finish(entry, part.crc, part.size, part.compressedSize);
  yield zip.end();
}

/**
 * One sheet named `sheetName`: a bold, filled, frozen header row, then every row the async source yields
 * (chunks of row arrays), cells typed by their JS value (strings inline, numbers, booleans, Dates as date
 * serials; null, undefined and '' left empty), money columns `#,##0.00`, code columns text (`@`).
 * The source is read as the stream is; an error from it destroys the stream with that error.
 */
export function xlsxSheetStream(
  sheetName: string,
  columns: readonly SheetColumn[],
  source: () => AsyncIterable<CellOut[][]>,
): Readable {
  return Readable.from(xlsxParts(sheetName, columns, source), { objectMode: false });
}
