import PDFDocument from 'pdfkit';
import { chineseDate, pageNumberLabel } from './format.ts';
import { fontBytes, noticeFonts, type NoticeFonts } from './fonts.ts';
import {
  fitColumnWidths,
  mmToPt,
  NOTICE_PAGE,
  type Notice,
  type NoticeBlock,
  type NoticeCell,
  type NoticeTable,
} from './notice.ts';

/**
 * PDF rendering of a {@link Notice} with pdfkit, in the layout of GB/T 9704-2012: A4, margins 37/26/35/28 mm
 * (top/right/bottom/left), title in 2号 bold serif centred, body in 3号 serif at 22 lines × 28 characters,
 * page numbers `— 1 —` in 4号 7 mm under the text block, odd pages right and even pages left, one character in
 * from the edge of the text block (7.5). The CJK font is embedded as a subset (see `fonts.ts`).
 *
 * `renderNoticePdf` does it all; the `draw*` functions are the pieces, for a notice that needs another order.
 */

export type NoticePdf = PDFKit.PDFDocument;

const REGULAR = 'notice-regular';
const BOLD = 'notice-bold';

/** The text block (版心) in PDF points. */
export const PDF_BOX = (() => {
  const pageWidth = mmToPt(NOTICE_PAGE.widthMm);
  const pageHeight = mmToPt(NOTICE_PAGE.heightMm);
  const left = mmToPt(NOTICE_PAGE.marginLeftMm);
  const right = pageWidth - mmToPt(NOTICE_PAGE.marginRightMm);
  const top = mmToPt(NOTICE_PAGE.marginTopMm);
  const bottom = pageHeight - mmToPt(NOTICE_PAGE.marginBottomMm);
  return { pageWidth, pageHeight, left, right, top, bottom, width: right - left };
})();

const BODY = NOTICE_PAGE.bodySizePt;
const PITCH = NOTICE_PAGE.linePitchPt;
/** Squeezes the 16 pt characters to 28 a line across 156 mm, as Word's document grid does. */
const BODY_CHAR_SPACING = PDF_BOX.width / NOTICE_PAGE.charsPerLine - BODY - 0.02;

/** The gap pdfkit adds under a line so that lines of `size` pt sit `pitch` pt apart. */
function lineGapFor(doc: NoticePdf, pitch: number): number {
  return Math.max(0, pitch - doc.currentLineHeight(true));
}

/** Starts a new page when fewer than `height` points are left on this one. */
export function ensureSpace(doc: NoticePdf, height: number): void {
  if (doc.y + height > PDF_BOX.bottom) {
    doc.addPage();
  }
}

/** A new A4 document with the notice margins and the embedded CJK fonts registered. */
export function createNoticePdf(options: { fonts?: NoticeFonts; notice?: Notice } = {}): NoticePdf {
  const fonts = options.fonts ?? noticeFonts();
  const notice = options.notice;
  const doc = new PDFDocument({
    size: 'A4',
    margins: {
      top: PDF_BOX.top,
      left: PDF_BOX.left,
      right: PDF_BOX.pageWidth - PDF_BOX.right,
      bottom: PDF_BOX.pageHeight - PDF_BOX.bottom,
    },
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: notice ? notice.title.join('') : '',
      Author: notice?.meta?.author ?? notice?.issuer ?? '',
      Subject: notice?.meta?.subject ?? '',
      Keywords: notice?.meta?.keywords ?? '',
      Creator: 'Magnet',
    },
  });
  doc.registerFont(REGULAR, fontBytes(fonts.regular), fonts.regular.family ?? '');
  doc.registerFont(BOLD, fontBytes(fonts.bold), fonts.bold.family ?? '');
  doc.font(REGULAR).fontSize(BODY);
  return doc;
}

/** The title (2号, bold, centred), one line per entry, an optional subtitle, then one blank line. */
export function drawTitle(doc: NoticePdf, lines: string[], subtitle?: string): void {
  const size = NOTICE_PAGE.titleSizePt;
  doc.font(BOLD).fontSize(size);
  const gap = lineGapFor(doc, size * 1.5);
  for (const line of lines) {
    doc.text(line, PDF_BOX.left, doc.y, { width: PDF_BOX.width, align: 'center', lineGap: gap });
  }
  if (subtitle) {
    doc.font(REGULAR).fontSize(BODY);
    doc.text(subtitle, PDF_BOX.left, doc.y, {
      width: PDF_BOX.width,
      align: 'center',
      lineGap: lineGapFor(doc, PITCH),
    });
  }
  doc.y += PITCH;
}

/** 主送机关: flush left, no indent. */
export function drawRecipients(doc: NoticePdf, text: string): void {
  doc.font(REGULAR).fontSize(BODY);
  doc.text(text, PDF_BOX.left, doc.y, {
    width: PDF_BOX.width,
    lineGap: lineGapFor(doc, PITCH),
    characterSpacing: BODY_CHAR_SPACING,
  });
}

/** A heading, indented two characters; kept with at least one following line. */
export function drawHeading(doc: NoticePdf, level: 1 | 2, text: string): void {
  ensureSpace(doc, PITCH * 2);
  doc.font(level === 1 ? BOLD : REGULAR).fontSize(BODY);
  doc.text(text, PDF_BOX.left, doc.y, {
    width: PDF_BOX.width,
    indent: BODY * 2,
    lineGap: lineGapFor(doc, PITCH),
    characterSpacing: BODY_CHAR_SPACING,
  });
}

/**
 * A body paragraph (3号), first line indented two characters unless `indent` is false. `keepAfter` points must
 * follow on the same page (the signature after the last paragraph): when they would not, the paragraph starts
 * a new page, so that no page holds the signature alone (GB/T 9704-2012 7.3.5).
 */
export function drawParagraph(
  doc: NoticePdf,
  text: string,
  options: { indent?: boolean; keepAfter?: number } = {},
): void {
  doc.font(REGULAR).fontSize(BODY);
  const textOptions = {
    width: PDF_BOX.width,
    indent: options.indent === false ? 0 : BODY * 2,
    lineGap: lineGapFor(doc, PITCH),
    characterSpacing: BODY_CHAR_SPACING,
  };
  const keepAfter = options.keepAfter ?? 0;
  const height = keepAfter > 0 ? doc.heightOfString(text, textOptions) : 0;
  ensureSpace(doc, height + keepAfter <= (PDF_BOX.bottom - PDF_BOX.top) / 2 ? height + keepAfter : PITCH);
  doc.text(text, PDF_BOX.left, doc.y, textOptions);
}

interface LaidCell {
  cell: NoticeCell;
  x: number;
  width: number;
  align: 'left' | 'center' | 'right';
}

const TABLE = {
  padX: 2.5,
  padY: 3.5,
  lineGap: 1.5,
  rule: 0.6,
  sizes: [NOTICE_PAGE.tableSizePt, 7.5, 7, 6.5],
};

function cellFont(header: boolean, cell: NoticeCell): string {
  return header || cell.bold ? BOLD : REGULAR;
}

/**
 * Column widths and font size: the largest size (8 pt down to 6.5 pt) at which every column holds its widest
 * body cell on one line (columns marked `wrap` at least six characters) and its header in lines of four
 * characters or more; the rest of the width is shared by the declared weights.
 */
export function fitPdfTable(doc: NoticePdf, table: NoticeTable): { widths: number[]; size: number } {
  for (const size of TABLE.sizes) {
    const mins = table.columns.map((c) => (c.wrap ? size * 6 : size * 2) + TABLE.padX * 2 + 1);
    // Header cells wrap, but into lines of at least four characters (同比增长, not 同比增/长).
    for (const row of table.header) {
      let col = 0;
      for (const cell of row) {
        const span = cell.colSpan ?? 1;
        if (span === 1) {
          doc.font(BOLD).fontSize(size);
          const w = doc.widthOfString(cell.text);
          const lines = Math.max(1, Math.ceil(w / (size * 4.5)));
          mins[col] = Math.max(mins[col], w / lines + size * 0.5 + TABLE.padX * 2);
        }
        col += span;
      }
    }
    for (const row of table.body) {
      let col = 0;
      for (const cell of row) {
        const span = cell.colSpan ?? 1;
        if (span === 1 && !table.columns[col]?.wrap) {
          doc.font(cellFont(false, cell)).fontSize(size);
          mins[col] = Math.max(mins[col], doc.widthOfString(cell.text) + TABLE.padX * 2 + 1);
        }
        col += span;
      }
    }
    const widths = fitColumnWidths(table.columns, mins, PDF_BOX.width);
    if (widths) return { widths, size };
  }
  const total = table.columns.reduce((a, c) => a + c.width, 0);
  return {
    widths: table.columns.map((c) => (c.width / total) * PDF_BOX.width),
    size: TABLE.sizes[TABLE.sizes.length - 1],
  };
}

function layRow(row: NoticeCell[], table: NoticeTable, widths: number[], header: boolean): LaidCell[] {
  const laid: LaidCell[] = [];
  let col = 0;
  let x = PDF_BOX.left;
  for (const cell of row) {
    const span = cell.colSpan ?? 1;
    const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
    const align = cell.align ?? (header ? 'center' : (table.columns[col]?.align ?? 'center'));
    laid.push({ cell, x, width, align });
    x += width;
    col += span;
  }
  return laid;
}

function rowHeight(doc: NoticePdf, cells: LaidCell[], header: boolean, size: number): number {
  let h = size * 1.2;
  for (const c of cells) {
    doc.font(cellFont(header, c.cell)).fontSize(size);
    h = Math.max(
      h,
      doc.heightOfString(c.cell.text, { width: c.width - TABLE.padX * 2, lineGap: TABLE.lineGap }),
    );
  }
  return h + TABLE.padY * 2;
}

function drawRow(
  doc: NoticePdf,
  cells: LaidCell[],
  y: number,
  height: number,
  header: boolean,
  size: number,
): void {
  doc.lineWidth(TABLE.rule).strokeColor('black');
  for (const c of cells) {
    doc.rect(c.x, y, c.width, height).stroke();
    doc.font(cellFont(header, c.cell)).fontSize(size);
    const inner = c.width - TABLE.padX * 2;
    const textHeight = doc.heightOfString(c.cell.text, { width: inner, lineGap: TABLE.lineGap });
    doc.text(c.cell.text, c.x + TABLE.padX, y + (height - textHeight) / 2 + TABLE.lineGap / 2, {
      width: inner,
      align: c.align,
      lineGap: TABLE.lineGap,
    });
  }
}

const NOTE_SIZE = 10.5;

/**
 * A ruled table across the text block: caption (bold, centred), unit (right), header rows repeated on every
 * page it runs onto, body, notes. The caption is kept with the header and the first rows; the last two rows
 * with the notes and `keepAfter` points (the signature, when the table ends the notice).
 */
export function drawTable(doc: NoticePdf, table: NoticeTable, options: { keepAfter?: number } = {}): void {
  const { widths, size } = fitPdfTable(doc, table);
  const header = table.header.map((r) => layRow(r, table, widths, true));
  const body = table.body.map((r) => layRow(r, table, widths, false));
  const headerHeights = header.map((r) => rowHeight(doc, r, true, size));
  const bodyHeights = body.map((r) => rowHeight(doc, r, false, size));
  const headerHeight = headerHeights.reduce((a, b) => a + b, 0);

  doc.font(BOLD).fontSize(14);
  const captionHeight = table.caption ? doc.heightOfString(table.caption, { width: PDF_BOX.width }) + 4 : 0;
  doc.font(REGULAR).fontSize(NOTE_SIZE);
  const unitHeight = table.unit ? doc.heightOfString(table.unit, { width: PDF_BOX.width }) : 0;
  const firstRows = bodyHeights.slice(0, 3).reduce((a, b) => a + b, 0);
  doc.y += 6;
  ensureSpace(doc, captionHeight + unitHeight + 2 + headerHeight + firstRows);

  if (table.caption) {
    doc.font(BOLD).fontSize(14);
    doc.text(table.caption, PDF_BOX.left, doc.y, { width: PDF_BOX.width, align: 'center' });
    doc.y += 4;
  }
  if (table.unit) {
    doc.font(REGULAR).fontSize(NOTE_SIZE);
    doc.text(table.unit, PDF_BOX.left, doc.y, { width: PDF_BOX.width, align: 'right' });
  }

  let y = doc.y + 2;
  const drawHeader = () => {
    header.forEach((r, i) => {
      drawRow(doc, r, y, headerHeights[i], true, size);
      y += headerHeights[i];
    });
  };
  drawHeader();
  // The last two rows go with the notes and whatever must follow the table (keepAfter).
  doc.font(REGULAR).fontSize(NOTE_SIZE);
  const tail =
    (table.notes ?? []).reduce((a, n) => a + doc.heightOfString(n, { width: PDF_BOX.width, lineGap: 2 }), 4) +
    (options.keepAfter ?? 0);
  const keepFrom = Math.max(1, body.length - 2);
  body.forEach((r, i) => {
    const needed = i === keepFrom ? bodyHeights.slice(i).reduce((a, b) => a + b, 0) + tail : bodyHeights[i];
    if (y + needed > PDF_BOX.bottom && y > PDF_BOX.top + headerHeight + 1) {
      doc.addPage();
      y = PDF_BOX.top;
      drawHeader();
    }
    drawRow(doc, r, y, bodyHeights[i], false, size);
    y += bodyHeights[i];
  });
  doc.x = PDF_BOX.left;
  doc.y = y + 4;
  doc.font(REGULAR).fontSize(NOTE_SIZE);
  for (const note of table.notes ?? []) {
    ensureSpace(doc, doc.heightOfString(note, { width: PDF_BOX.width, lineGap: 2 }));
    doc.text(note, PDF_BOX.left, doc.y, { width: PDF_BOX.width, lineGap: 2 });
  }
  doc.y += PITCH / 2;
}

/** The height the signature block takes: a blank line, the issuer (if any), the date. */
export function signatureHeight(issuer: string | undefined): number {
  return PITCH * (issuer ? 3 : 2);
}

/**
 * 发文机关署名 and 成文日期 for a notice without a seal (GB/T 9704-2012 7.3.5.2): one blank line under the
 * body, the issuer two characters in from the right, the date on the next line starting two characters to the
 * right of the issuer's first character (and never past the text block). Kept together on one page.
 */
export function drawSignature(doc: NoticePdf, issuer: string | undefined, date: string): void {
  doc.font(REGULAR).fontSize(BODY);
  const gap = lineGapFor(doc, PITCH);
  ensureSpace(doc, signatureHeight(issuer));
  doc.y += PITCH;
  const dateText = chineseDate(date);
  const dateWidth = doc.widthOfString(dateText);
  let dateX = PDF_BOX.right - BODY * 2 - dateWidth;
  if (issuer) {
    const issuerX = PDF_BOX.right - BODY * 2 - doc.widthOfString(issuer);
    doc.text(issuer, issuerX, doc.y, { lineGap: gap, lineBreak: false });
    doc.y += PITCH;
    dateX = Math.min(issuerX + BODY * 2, PDF_BOX.right - dateWidth);
  }
  doc.text(dateText, dateX, doc.y, { lineGap: gap, lineBreak: false });
  doc.y += PITCH;
  doc.x = PDF_BOX.left;
}

/**
 * Page numbers `— n —` (4号) on every page, 7 mm under the text block: `outside` puts odd pages right and even
 * pages left, one character in (GB/T 9704-2012 7.5, for documents printed on both sides); `center` centres them.
 */
export function drawPageNumbers(doc: NoticePdf, placement: 'outside' | 'center' = 'outside'): void {
  const size = NOTICE_PAGE.pageNumberSizePt;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const n = i + 1;
    const label = pageNumberLabel(n);
    doc.font(REGULAR).fontSize(size);
    const width = doc.widthOfString(label);
    const x =
      placement === 'center'
        ? PDF_BOX.left + (PDF_BOX.width - width) / 2
        : n % 2 === 1
          ? PDF_BOX.right - size - width
          : PDF_BOX.left + size;
    // Put the dashes (at about a third of the em above the baseline) 7 mm under the text block.
    const y = PDF_BOX.bottom + mmToPt(NOTICE_PAGE.pageNumberGapMm) - size * 0.8;
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(label, x, y, { lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
}

/** Ends the document and collects its bytes. */
export function finishPdf(doc: NoticePdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Draws one block of the notice body; `keepAfter` points must follow it on the same page. */
export function drawBlock(doc: NoticePdf, block: NoticeBlock, keepAfter = 0): void {
  switch (block.kind) {
    case 'heading':
      drawHeading(doc, block.level, block.text);
      break;
    case 'paragraph':
      drawParagraph(doc, block.text, { indent: block.indent, keepAfter });
      break;
    case 'table':
      drawTable(doc, block.table, { keepAfter });
      break;
  }
}

/** The whole notice: title, recipients, blocks, signature and date, page numbers. */
export async function renderNoticePdf(
  notice: Notice,
  options: { fonts?: NoticeFonts; pageNumbers?: 'outside' | 'center' } = {},
): Promise<Buffer> {
  const doc = createNoticePdf({ fonts: options.fonts, notice });
  drawTitle(doc, notice.title, notice.subtitle);
  if (notice.recipients) drawRecipients(doc, notice.recipients);
  notice.blocks.forEach((block, i) =>
    drawBlock(doc, block, i === notice.blocks.length - 1 ? signatureHeight(notice.issuer) : 0),
  );
  drawSignature(doc, notice.issuer, notice.date);
  drawPageNumbers(doc, options.pageNumbers ?? 'outside');
  return finishPdf(doc);
}
