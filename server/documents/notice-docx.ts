import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { chineseDate } from './format.ts';
import {
  fitColumnWidths,
  mmToTwip,
  NOTICE_PAGE,
  type Notice,
  type NoticeAlign,
  type NoticeBlock,
  type NoticeTable,
} from './notice.ts';

/**
 * Word (.docx) rendering of a {@link Notice} with `docx`, in the layout of GB/T 9704-2012: A4, margins
 * 37/26/35/28 mm, title in 2号方正小标宋简体, body in 3号仿宋_GB2312 at a fixed 28.95 pt line pitch (22 lines),
 * headings in 黑体 / 楷体_GB2312, page numbers `— 1 —` in 4号宋体, odd pages right and even pages left.
 * The fonts are only named, not embedded: government PCs have them, and Word substitutes elsewhere.
 *
 * `renderNoticeDocx` does it all; the other exports are the pieces, for a notice that needs another order.
 */

/** The font names the standard asks for (Latin text and figures in Times New Roman). */
export const DOCX_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

const BODY_HALF_POINTS = NOTICE_PAGE.bodySizePt * 2;
/** Fixed line pitch in twips (28.95 pt). */
const PITCH = Math.round(NOTICE_PAGE.linePitchPt * 20);
/** Two characters of 3号 (first-line indent), in twips. */
const TWO_CHARS = NOTICE_PAGE.bodySizePt * 20 * 2;
/** The text block's width in twips (156 mm). */
export const DOCX_TEXT_WIDTH = mmToTwip(
  NOTICE_PAGE.widthMm - NOTICE_PAGE.marginLeftMm - NOTICE_PAGE.marginRightMm,
);
/** Table text size in points (小五; Times New Roman figures are narrower than the PDF's, so 9 pt fits). */
const TABLE_SIZE_PT = 9;

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

/** A run in a CJK font with Latin text in `latin` (default Times New Roman). */
export function cjkRun(
  text: string,
  options: { font: string; sizePt: number; bold?: boolean; latin?: string },
): TextRun {
  const latin = options.latin ?? DOCX_FONTS.latin;
  return new TextRun({
    text,
    bold: options.bold,
    size: options.sizePt * 2,
    font: { eastAsia: options.font, ascii: latin, hAnsi: latin, cs: latin },
  });
}

/** The title lines (2号方正小标宋简体, centred), an optional subtitle, and the blank line under them. */
export function titleParagraphs(lines: string[], subtitle?: string): Paragraph[] {
  const size = NOTICE_PAGE.titleSizePt;
  const out = lines.map(
    (line) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: Math.round(size * 1.5 * 20), lineRule: LineRuleType.EXACT },
        children: [cjkRun(line, { font: DOCX_FONTS.title, sizePt: size, latin: DOCX_FONTS.title })],
      }),
  );
  if (subtitle) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [cjkRun(subtitle, { font: DOCX_FONTS.heading2, sizePt: NOTICE_PAGE.bodySizePt })],
      }),
    );
  }
  out.push(new Paragraph({ children: [] }));
  return out;
}

/** 主送机关, flush left. */
export function recipientsParagraph(text: string): Paragraph {
  return new Paragraph({
    children: [cjkRun(text, { font: DOCX_FONTS.body, sizePt: NOTICE_PAGE.bodySizePt })],
  });
}

/** 一级标题 (黑体) or 二级标题 (楷体_GB2312), indented two characters, kept with the next paragraph. */
export function headingParagraph(level: 1 | 2, text: string): Paragraph {
  return new Paragraph({
    keepNext: true,
    indent: { firstLine: TWO_CHARS },
    children: [
      cjkRun(text, {
        font: level === 1 ? DOCX_FONTS.heading1 : DOCX_FONTS.heading2,
        sizePt: NOTICE_PAGE.bodySizePt,
      }),
    ],
  });
}

/** A body paragraph (3号仿宋_GB2312), first line indented two characters unless `indent` is false. */
export function bodyParagraph(text: string, options: { indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: TWO_CHARS },
    children: [cjkRun(text, { font: DOCX_FONTS.body, sizePt: NOTICE_PAGE.bodySizePt })],
  });
}

function smallParagraph(
  text: string,
  options: { sizePt: number; align?: NoticeAlign; font?: string; bold?: boolean; keepNext?: boolean },
): Paragraph {
  return new Paragraph({
    alignment: ALIGN[options.align ?? 'left'],
    keepNext: options.keepNext,
    spacing: { line: 240, lineRule: LineRuleType.AUTO },
    children: [
      cjkRun(text, { font: options.font ?? DOCX_FONTS.body, sizePt: options.sizePt, bold: options.bold }),
    ],
  });
}

/**
 * A ruled table across the text block (fixed layout, header rows repeated on every page, rows never split),
 * with its caption (黑体, centred) and unit above it and its notes under it.
 */
export function noticeTable(table: NoticeTable): (Paragraph | Table)[] {
  const cellMargins = { left: 45, right: 45, top: 40, bottom: 40 };
  const widths = fitDocxColumns(table, cellMargins.left + cellMargins.right);
  const makeRow = (cells: NoticeTable['body'][number], header: boolean) => {
    let col = 0;
    const children = cells.map((cell) => {
      const span = cell.colSpan ?? 1;
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      const align = cell.align ?? (header ? 'center' : (table.columns[col]?.align ?? 'center'));
      col += span;
      return new TableCell({
        columnSpan: span > 1 ? span : undefined,
        width: { size: width, type: WidthType.DXA },
        verticalAlign: VerticalAlignTable.CENTER,
        margins: cellMargins,
        children: [
          smallParagraph(cell.text, {
            sizePt: TABLE_SIZE_PT,
            align,
            bold: header || cell.bold,
            font: header ? DOCX_FONTS.heading1 : DOCX_FONTS.body,
          }),
        ],
      });
    });
    return new TableRow({ tableHeader: header, cantSplit: true, children });
  };
  const out: (Paragraph | Table)[] = [];
  if (table.caption) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 120, line: 360, lineRule: LineRuleType.AUTO },
        children: [cjkRun(table.caption, { font: DOCX_FONTS.heading1, sizePt: 14 })],
      }),
    );
  }
  if (table.unit) out.push(smallParagraph(table.unit, { sizePt: 10.5, align: 'right', keepNext: true }));
  out.push(
    new Table({
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [...table.header.map((r) => makeRow(r, true)), ...table.body.map((r) => makeRow(r, false))],
    }),
  );
  for (const note of table.notes ?? []) out.push(smallParagraph(note, { sizePt: 10.5 }));
  out.push(new Paragraph({ children: [] }));
  return out;
}

/** Width of a text in characters of its size: CJK and full-width forms 1, Latin letters and figures ½. */
export function textWidthInChars(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) < 0x2000 ? 0.5 : 1;
  return w;
}

/** Approximate advance widths (em) of Times New Roman's narrow characters; others as {@link textWidthInChars}. */
const TNR_EM: Record<string, number> = {
  '.': 0.25,
  ',': 0.25,
  ' ': 0.25,
  '-': 0.333,
  '+': 0.564,
  '%': 0.833,
};

function estimateEm(text: string): number {
  let w = 0;
  for (const ch of text) w += TNR_EM[ch] ?? textWidthInChars(ch);
  return w;
}

/**
 * Column widths in twips: every column at least as wide as its widest body cell (estimated; `wrap` columns six
 * characters) and its header in lines of four characters or more, the rest shared by the declared weights.
 */
export function fitDocxColumns(table: NoticeTable, cellPadding: number): number[] {
  const em = TABLE_SIZE_PT * 20;
  const mins = table.columns.map((c) => (c.wrap ? 6 : 2) * em + cellPadding);
  const widen = (rows: NoticeTable['body'], header: boolean) => {
    for (const row of rows) {
      let col = 0;
      for (const cell of row) {
        const span = cell.colSpan ?? 1;
        if (span === 1 && (header || !table.columns[col]?.wrap)) {
          const w = estimateEm(cell.text) * (cell.bold || header ? 1.05 : 1);
          const lines = header ? Math.max(1, Math.ceil(w / 4.5)) : 1;
          mins[col] = Math.max(mins[col], (w / lines + 0.5) * em + cellPadding);
        }
        col += span;
      }
    }
  };
  widen(table.header, true);
  widen(table.body, false);
  const fitted = fitColumnWidths(table.columns, mins, DOCX_TEXT_WIDTH);
  const total = table.columns.reduce((a, c) => a + c.width, 0);
  const widths = fitted ?? table.columns.map((c) => (c.width / total) * DOCX_TEXT_WIDTH);
  return widths.map((w) => Math.floor(w));
}

/**
 * 发文机关署名 and 成文日期 without a seal (GB/T 9704-2012 7.3.5.2): a blank line, the issuer two characters in
 * from the right, the date on the next line starting two characters right of the issuer's first character.
 */
export function signatureParagraphs(issuer: string | undefined, date: string): Paragraph[] {
  const dateText = chineseDate(date);
  const charTwips = NOTICE_PAGE.bodySizePt * 20;
  const out = [new Paragraph({ keepNext: true, children: [] })];
  let dateRight = 2;
  if (issuer) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        keepNext: true,
        indent: { right: 2 * charTwips },
        children: [cjkRun(issuer, { font: DOCX_FONTS.body, sizePt: NOTICE_PAGE.bodySizePt })],
      }),
    );
    dateRight = Math.max(0, textWidthInChars(issuer) - textWidthInChars(dateText));
  }
  out.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(dateRight * charTwips) },
      children: [cjkRun(dateText, { font: DOCX_FONTS.body, sizePt: NOTICE_PAGE.bodySizePt })],
    }),
  );
  return out;
}

function pageNumberFooter(side: 'left' | 'right' | 'center'): Footer {
  const size = NOTICE_PAGE.pageNumberSizePt;
  const oneChar = size * 20;
  const font = {
    eastAsia: DOCX_FONTS.pageNumber,
    ascii: DOCX_FONTS.pageNumber,
    hAnsi: DOCX_FONTS.pageNumber,
  };
  return new Footer({
    children: [
      new Paragraph({
        alignment: ALIGN[side],
        indent: side === 'right' ? { right: oneChar } : side === 'left' ? { left: oneChar } : undefined,
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: size * 2, font })],
      }),
    ],
  });
}

/**
 * Footers with `— n —` in 4号宋体: `outside` (odd pages right, even pages left, one character in, as the
 * standard sets for double-sided printing; the document must enable even/odd footers) or `center`.
 */
export function pageNumberFooters(placement: 'outside' | 'center' = 'outside'): ISectionOptions['footers'] {
  return placement === 'center'
    ? { default: pageNumberFooter('center') }
    : { default: pageNumberFooter('right'), even: pageNumberFooter('left') };
}

/** Section properties: A4 portrait, the notice margins, the footer 25 mm above the paper's edge. */
export function noticeSectionProperties(): ISectionOptions['properties'] {
  return {
    page: {
      size: {
        width: mmToTwip(NOTICE_PAGE.widthMm),
        height: mmToTwip(NOTICE_PAGE.heightMm),
        orientation: PageOrientation.PORTRAIT,
      },
      margin: {
        top: mmToTwip(NOTICE_PAGE.marginTopMm),
        right: mmToTwip(NOTICE_PAGE.marginRightMm),
        bottom: mmToTwip(NOTICE_PAGE.marginBottomMm),
        left: mmToTwip(NOTICE_PAGE.marginLeftMm),
        header: mmToTwip(15),
        footer: mmToTwip(25),
        gutter: 0,
      },
    },
    // The standard's 22 lines a page; the body's exact 28.95 pt line spacing already gives it.
    grid: { linePitch: PITCH, type: DocumentGridType.LINES },
  };
}

/** The Word paragraphs and tables of one notice block. */
export function blockElements(block: NoticeBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [headingParagraph(block.level, block.text)];
    case 'paragraph':
      return [bodyParagraph(block.text, { indent: block.indent })];
    case 'table':
      return noticeTable(block.table);
  }
}

/** The whole notice as a .docx. */
export async function renderNoticeDocx(
  notice: Notice,
  options: { pageNumbers?: 'outside' | 'center' } = {},
): Promise<Buffer> {
  const placement = options.pageNumbers ?? 'outside';
  const children: (Paragraph | Table)[] = [...titleParagraphs(notice.title, notice.subtitle)];
  if (notice.recipients) children.push(recipientsParagraph(notice.recipients));
  for (const block of notice.blocks) children.push(...blockElements(block));
  children.push(...signatureParagraphs(notice.issuer, notice.date));
  const doc = new Document({
    title: notice.title.join(''),
    subject: notice.meta?.subject,
    keywords: notice.meta?.keywords,
    creator: notice.meta?.author ?? notice.issuer ?? 'Magnet',
    evenAndOddHeaderAndFooters: placement === 'outside',
    styles: {
      default: {
        document: {
          run: {
            size: BODY_HALF_POINTS,
            font: { eastAsia: DOCX_FONTS.body, ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin },
          },
          paragraph: { spacing: { line: PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [{ properties: noticeSectionProperties(), footers: pageNumberFooters(placement), children }],
  });
  return Packer.toBuffer(doc);
}
