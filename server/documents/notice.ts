import { todayCst } from '../../shared/month.ts';

/**
 * A government notice (通报) as a small document model, rendered to PDF by `notice-pdf.ts` and to Word by
 * `notice-docx.ts` in the layout GB/T 9704-2012 (党政机关公文格式) sets. The monthly bulletin builds one in
 * `bulletin.ts`; an assessment-result notice (考核结果通报) or a findings notice (核查问题通报) builds its own
 * from the same blocks and gets the same layout.
 */

export type NoticeAlign = 'left' | 'center' | 'right';

export interface NoticeCell {
  text: string;
  /** Number of columns the cell spans (default 1). */
  colSpan?: number;
  /** Overrides the column's alignment. */
  align?: NoticeAlign;
  bold?: boolean;
}

export interface NoticeColumn {
  /** Relative width; the table spans the whole text block (版心). */
  width: number;
  /** Alignment of the body cells (header cells are centred). Default `center`. */
  align?: NoticeAlign;
  /** Text that may wrap (a description); otherwise a column is at least as wide as its widest body cell. */
  wrap?: boolean;
}

export interface NoticeTable {
  /** Centred above the table, e.g. `表1 2026年1—10月各区实际利用内资情况`. */
  caption?: string;
  /** Right-aligned between caption and table, e.g. `单位：万元`. */
  unit?: string;
  columns: NoticeColumn[];
  /** Header rows, repeated on every page the table runs onto. */
  header: NoticeCell[][];
  body: NoticeCell[][];
  /** Small print under the table (注：…). */
  notes?: string[];
}

export type NoticeBlock =
  /** 一级标题 `一、…` (黑体 in Word) or 二级标题 `（一）…` (楷体 in Word), indented two characters like the body. */
  | { kind: 'heading'; level: 1 | 2; text: string }
  /** A body paragraph (3号仿宋), first line indented two characters unless `indent` is false. */
  | { kind: 'paragraph'; text: string; indent?: boolean }
  | { kind: 'table'; table: NoticeTable };

export interface Notice {
  /**
   * The title (标题), one entry per line: long titles are broken by meaning into a trapezoid or a diamond
   * (GB/T 9704-2012 7.3.1), which only the author of the notice can do well. A line still too long wraps.
   */
  title: string[];
  /** A line under the title in body size, e.g. `（第2版）`. */
  subtitle?: string;
  /** 主送机关, e.g. `各区人民政府：` (ends with a full-width colon). */
  recipients?: string;
  blocks: NoticeBlock[];
  /** 发文机关署名; omitted when unknown. */
  issuer?: string;
  /** 成文日期, `YYYY-MM-DD`. */
  date: string;
  /** Document properties (PDF Info, Word core properties). */
  meta?: { subject?: string; keywords?: string; author?: string };
}

/** Page geometry of GB/T 9704-2012 §5: A4, 版心 156 mm × 225 mm, 22 lines of 28 characters. */
export const NOTICE_PAGE = {
  widthMm: 210,
  heightMm: 297,
  /** 天头 */
  marginTopMm: 37,
  /** 订口 */
  marginLeftMm: 28,
  marginRightMm: 26,
  marginBottomMm: 35,
  /** 3号 */
  bodySizePt: 16,
  /** 2号 */
  titleSizePt: 22,
  /** 4号, page numbers */
  pageNumberSizePt: 14,
  /** 225 mm / 22 lines */
  linePitchPt: 28.95,
  charsPerLine: 28,
  /** The page number's dash line sits 7 mm under the text block. */
  pageNumberGapMm: 7,
  /** Table text (小五 is 9 pt; 8 pt lets eleven figure columns fit the 156 mm text block). */
  tableSizePt: 8,
} as const;

export const PT_PER_MM = 72 / 25.4;

/** Millimetres to PDF points. */
export function mmToPt(mm: number): number {
  return mm * PT_PER_MM;
}

/** Millimetres to Word's twentieths of a point (twips). */
export function mmToTwip(mm: number): number {
  return Math.round(mm * PT_PER_MM * 20);
}

/** Today's date in China Standard Time, or the CST date of an ISO timestamp, as `YYYY-MM-DD`. */
export function cstDate(timestamp?: string): string {
  const t = timestamp === undefined ? new Date() : new Date(timestamp);
  if (Number.isNaN(t.getTime())) throw new Error(`not a timestamp: ${timestamp}`);
  return todayCst(t);
}

/**
 * Column widths for a table of `available` width: each column gets at least `minWidths[i]` (its widest
 * unwrappable content), the rest is shared in proportion to the declared `width`s. Returns null when the
 * minimums do not fit (the caller tries a smaller font).
 */
export function fitColumnWidths(
  columns: NoticeColumn[],
  minWidths: number[],
  available: number,
): number[] | null {
  const needed = minWidths.reduce((a, b) => a + b, 0);
  if (needed > available) return null;
  const weights = columns.reduce((a, c) => a + c.width, 0);
  const extra = available - needed;
  return minWidths.map((m, i) => m + (extra * columns[i].width) / weights);
}
