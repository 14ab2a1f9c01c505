/**
 * What a file is, from its content (never from its name or the browser's Content-Type). Only the types
 * an investment office exchanges are accepted: PDF, images, Office documents (OOXML and the older OLE
 * formats) and plain text / CSV.
 */
export interface Sniffed {
  mime: string;
  /** the canonical extension */
  ext: string;
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const MIME = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * The names of the entries of a ZIP archive, read from its central directory; null when the buffer is
 * not a well-formed ZIP. No decompression happens.
 */
export function zipEntryNames(buf: Buffer): string[] | null {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return null;
  // the end-of-central-directory record sits in the last 22 + 65535 bytes
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(offset + 28);
    const extraLen = buf.readUInt16LE(offset + 30);
    const commentLen = buf.readUInt16LE(offset + 32);
    if (offset + 46 + nameLen > buf.length) return null;
    names.push(buf.toString('utf8', offset + 46, offset + 46 + nameLen));
    offset += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Which OOXML document a ZIP is, from the entries the format requires. */
export function ooxmlKind(buf: Buffer): 'docx' | 'xlsx' | 'pptx' | null {
  const names = zipEntryNames(buf);
  if (!names) return null;
  const has = new Set(names);
  if (!has.has('[Content_Types].xml')) return null;
  if (has.has('word/document.xml')) return 'docx';
  if (has.has('xl/workbook.xml')) return 'xlsx';
  if (has.has('ppt/presentation.xml')) return 'pptx';
  return null;
}

/** An OLE2 compound file names its streams in UTF-16LE in its directory: Word has `WordDocument`, Excel `Workbook`. */
function oleKind(buf: Buffer): 'doc' | 'xls' | null {
  if (buf.length < 512 || !buf.subarray(0, 8).equals(OLE_MAGIC)) return null;
  const has = (name: string) => buf.includes(Buffer.from(name, 'utf16le'));
  if (has('WordDocument')) return 'doc';
  if (has('Workbook') || has('Book')) return 'xls';
  return null;
}

/** UTF-8 (with or without BOM) or GB 18030 text without control characters other than tab, CR, LF, FF. */
function isText(buf: Buffer): boolean {
  if (buf.length === 0) return false;
  if (buf.includes(0)) return false;
  let text: string | null = null;
  for (const enc of ['utf-8', 'gb18030']) {
    try {
      text = new TextDecoder(enc, { fatal: true }).decode(buf);
      break;
    } catch {
      // try the next encoding
    }
  }
  if (text === null) return false;
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** The type of a file from its content, or null if it is not one Magnet accepts. `name` only tells CSV from TXT. */
export function sniff(buf: Buffer, name = ''): Sniffed | null {
  if (buf.length >= 5 && buf.toString('latin1', 0, 5) === '%PDF-') return { mime: MIME.pdf, ext: 'pdf' };
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_MAGIC)) return { mime: MIME.png, ext: 'png' };
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff)
    return { mime: MIME.jpeg, ext: 'jpg' };
  if (buf.length >= 6 && /^GIF8[79]a$/.test(buf.toString('latin1', 0, 6)))
    return { mime: MIME.gif, ext: 'gif' };
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
    return { mime: MIME.webp, ext: 'webp' };
  const ooxml = ooxmlKind(buf);
  if (ooxml) return { mime: MIME[ooxml], ext: ooxml };
  const ole = oleKind(buf);
  if (ole) return { mime: MIME[ole], ext: ole };
  if (isText(buf))
    return /\.csv$/i.test(name) ? { mime: MIME.csv, ext: 'csv' } : { mime: MIME.txt, ext: 'txt' };
  return null;
}

// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f<>:"|?*]/g;

/**
 * A file name safe to store and to send back: no directory parts, no control or reserved characters,
 * at most 200 characters (the extension kept), never empty.
 */
export function sanitizeFileName(raw: string | undefined, fallbackExt = ''): string {
  let name = (raw ?? '').split(/[\\/]/).pop() ?? '';
  name = name.replace(UNSAFE_NAME_CHARS, '').replace(/\s+/g, ' ').trim();
  name = name.replace(/^\.+/, '');
  if (name.length > 200) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 200 - ext.length) + ext;
  }
  if (!name) name = fallbackExt ? `file.${fallbackExt}` : 'file';
  return name;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the RFC 5987 UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
