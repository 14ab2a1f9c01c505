import ExcelJS from 'exceljs';
import type { Bulletin, BulletinChange, BulletinFigures, BulletinRow } from '../../shared/bulletin.ts';
import { dec } from '../../shared/money.ts';
import { parseMonth } from '../../shared/month.ts';
import {
  chineseDate,
  DASH,
  excelNumber,
  formatAmount,
  formatPercent,
  formatPercentAbs,
  percentPoints,
} from './format.ts';
import { cstDate, type Notice, type NoticeBlock, type NoticeCell, type NoticeTable } from './notice.ts';
import { renderNoticeDocx } from './notice-docx.ts';
import { renderNoticePdf } from './notice-pdf.ts';

/**
 * The monthly bulletin (月通报, SPEC §3.2) as documents: a government notice (通报) in PDF and Word built from
 * one {@link Notice} (`bulletinNotice`), and an Excel workbook with the same figures as numbers.
 */

export type CapitalKind = 'domestic' | 'foreign';

const KIND = {
  domestic: {
    capital: '实际利用内资',
    short: '内资',
    unit: '万元',
    table: '表1',
    heading: '一、实际利用内资情况',
  },
  foreign: {
    capital: '实际使用外资',
    short: '外资',
    unit: '万美元',
    table: '表2',
    heading: '二、实际使用外资情况',
  },
} as const;

/** How the notice names the regions of the table: `各区` / `个区` / `各区人民政府：`. */
export interface SubordinateWords {
  all: string;
  counter: string;
  recipients?: string;
}

function allEndWith(names: string[], suffixes: string[]): boolean {
  return names.length > 0 && names.every((n) => suffixes.some((s) => n.endsWith(s)));
}

const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

/** The words for the regions of the table, from their names and the parent's GB/T 2260 level. */
export function subordinateWords(b: Pick<Bulletin, 'parent' | 'rows'>): SubordinateWords {
  const names = b.rows.map((r) => r.name);
  const code = b.parent.code;
  const provinceLevel = /^\d{2}0000$/.test(code) && !MUNICIPALITIES.has(code) && !/^[01]0+$/.test(code);
  if (allEndWith(names, ['区'])) return { all: '各区', counter: '个区', recipients: '各区人民政府：' };
  if (allEndWith(names, ['县'])) return { all: '各县', counter: '个县', recipients: '各县人民政府：' };
  if (allEndWith(names, ['省', '自治区', '市', '特别行政区']) && names.some((n) => /(省|自治区)$/.test(n))) {
    return {
      all: '各省（区、市）',
      counter: '个省（区、市）',
      recipients: '各省、自治区、直辖市人民政府：',
    };
  }
  if (provinceLevel && allEndWith(names, ['市', '州', '盟', '地区', '区', '县'])) {
    return { all: '各市（州）', counter: '个市（州）', recipients: '各市（州）人民政府：' };
  }
  if (allEndWith(names, ['区', '县', '市', '旗'])) {
    return { all: '各县（市、区）', counter: '个县（市、区）', recipients: '各县（市、区）人民政府：' };
  }
  return { all: '各单位', counter: '个单位' };
}

/** `全市` for 天津市, `全省` for 贵州省, `全区` for a district or an autonomous region, `全国` for the country. */
export function wholeRegionWord(parentName: string): string {
  if (/中华人民共和国|全国|中国/.test(parentName)) return '全国';
  const suffixes: [RegExp, string][] = [
    [/(自治区|特别行政区)$/, '全区'],
    [/省$/, '全省'],
    [/(自治州|州)$/, '全州'],
    [/盟$/, '全盟'],
    [/地区$/, '全地区'],
    [/市$/, '全市'],
    [/区$/, '全区'],
    [/(自治县|县)$/, '全县'],
    [/旗$/, '全旗'],
  ];
  for (const [re, word] of suffixes) if (re.test(parentName)) return word;
  return parentName;
}

/** `2026年1—10月`, or `2026年1月` for January. */
export function bulletinPeriod(month: string): string {
  const { year, month: m } = parseMonth(month);
  return m === 1 ? `${year}年1月` : `${year}年1—${m}月`;
}

/** The ytd column's months: `1—10月`, or `1月`. */
function ytdMonths(month: string): string {
  const { month: m } = parseMonth(month);
  return m === 1 ? '1月' : `1—${m}月`;
}

/** The notice's title, e.g. `关于2026年1—10月各区利用内资情况的通报`. */
export function bulletinTitle(b: Bulletin): string {
  return `关于${bulletinPeriod(b.month)}${subordinateWords(b).all}利用内资情况的通报`;
}

/** The title broken into lines by meaning (a trapezoid: short line over long) when one line would be too long. */
export function bulletinTitleLines(b: Bulletin): string[] {
  const head = `关于${bulletinPeriod(b.month)}`;
  const tail = `${subordinateWords(b).all}利用内资情况的通报`;
  let em = 0;
  for (const ch of head + tail) em += (ch.codePointAt(0) ?? 0) < 0x2000 ? 0.56 : 1;
  return em <= 18 ? [head + tail] : [head, tail];
}

function figures(row: BulletinRow, kind: CapitalKind): BulletinFigures {
  return kind === 'domestic' ? row : row.foreign;
}

/** The rows in table order: by rank, then the unranked (未报送) by region code. */
export function rankedRows(b: Bulletin, kind: CapitalKind): BulletinRow[] {
  return [...b.rows].sort((x, y) => {
    const rx = x.reported ? figures(x, kind).rank : null;
    const ry = y.reported ? figures(y, kind).rank : null;
    if (rx !== null && ry !== null && rx !== ry) return rx - ry;
    if (rx === null && ry !== null) return 1;
    if (ry === null && rx !== null) return -1;
    return x.region.localeCompare(y.region);
  });
}

function hasBeijingShare(b: Bulletin, kind: CapitalKind): boolean {
  if (kind === 'domestic') return true;
  return b.rows.some((r) => r.foreign.beijing_share !== null) || b.totals.foreign.beijing_share !== null;
}

function joinNames(names: string[]): string {
  return names.join('、');
}

/** `X、Y、Z3个区` / `X区`: names, and the count when more than one. */
function namedCount(names: string[], counter: string): string {
  return names.length === 1 ? names[0] : `${joinNames(names)}${names.length}${counter}`;
}

function summarySentence(b: Bulletin, kind: CapitalKind): string {
  const k = KIND[kind];
  const t = kind === 'domestic' ? b.totals : b.totals.foreign;
  const period = bulletinPeriod(b.month);
  const whole = wholeRegionWord(b.parent.name);
  if (t.ytd === null) return `${period}，${whole}暂无审核通过的${k.capital}数据。`;
  let s = `${period}，${whole}${k.capital}${formatAmount(t.ytd)}${k.unit}`;
  if (t.yoy !== null) {
    s += dec(t.yoy).isNegative()
      ? `，同比下降${formatPercentAbs(t.yoy)}`
      : `，同比增长${formatPercentAbs(t.yoy)}`;
    if (t.ytd_prev !== null) s += `（上年同期${formatAmount(t.ytd_prev)}${k.unit}）`;
  } else {
    s += '，上年同期无可比数据';
  }
  if (t.target !== null && t.completion !== null) {
    s += `；完成年度目标${formatAmount(t.target)}${k.unit}的${formatPercent(t.completion)}`;
    const diff = percentPoints(t.completion, b.schedule);
    const schedule = `序时进度（${formatPercent(b.schedule)}）`;
    if (diff === null || dec(diff).isZero()) s += `，与${schedule}持平`;
    else if (dec(diff).isNegative()) s += `，低于${schedule}${dec(diff).abs().toFixed(2)}个百分点`;
    else s += `，高于${schedule}${dec(diff).toFixed(2)}个百分点`;
  } else {
    s += '；年度目标尚未下达';
  }
  s += '。';
  const { month: m } = parseMonth(b.month);
  if (m > 1 && t.month !== null) s += `其中${m}月当月完成${formatAmount(t.month)}${k.unit}。`;
  return s;
}

function rankingSentence(b: Bulletin, kind: CapitalKind): string {
  const words = subordinateWords(b);
  const reported = b.rows.filter((r) => r.reported);
  const ranked = rankedRows(b, kind).filter((r) => r.reported && figures(r, kind).rank !== null);
  const parts: string[] = [];
  if (ranked.length > 0) {
    const top = ranked.slice(0, 3).map((r) => r.name);
    parts.push(
      top.length === 1
        ? `按完成进度排名，${top[0]}位列第一`
        : `按完成进度排名，前${top.length}位依次为${joinNames(top)}`,
    );
  }
  const behind = rankedRows(b, kind)
    .filter((r) => r.reported && figures(r, kind).behind_schedule === true)
    .map((r) => r.name);
  const schedule = `序时进度（${formatPercent(b.schedule)}）`;
  if (behind.length > 0) {
    parts.push(
      `${namedCount(behind, words.counter)}完成进度滞后于${schedule}，请相关${words.counter.slice(1)}认真分析原因，` +
        '加大招商引资工作力度，确保完成全年目标任务',
    );
  } else if (reported.length > 0) {
    parts.push(`已报送的${words.counter.slice(1)}完成进度均达到${schedule}`);
  }
  const missing = b.rows.filter((r) => !r.reported).map((r) => r.name);
  if (missing.length > 0) {
    parts.push(`${namedCount(missing, words.counter)}本月月报未审核通过，表中列为“未报送”，不参与排名`);
  }
  return parts.map((p) => `${p}。`).join('');
}

function beijingSentence(b: Bulletin): string {
  const words = subordinateWords(b);
  const share = b.totals.beijing_share;
  if (share === null) return '';
  const third = dec(1).div(3);
  let s = `从资金来源看，${wholeRegionWord(b.parent.name)}利用内资中来自北京的资金占${formatPercent(share)}，`;
  s += dec(share).comparedTo(third) >= 0 ? '达到三分之一的目标' : '低于三分之一的目标';
  const reaching = rankedRows(b, 'domestic')
    .filter((r) => r.reported && r.beijing_share !== null && dec(r.beijing_share).comparedTo(third) >= 0)
    .map((r) => r.name);
  s +=
    reaching.length > 0
      ? `；北京资金占比达到三分之一的有${namedCount(reaching, words.counter)}。`
      : `；尚无${words.counter.slice(1)}北京资金占比达到三分之一。`;
  return s;
}

function scheduleCell(f: BulletinFigures, schedule: string): string {
  const diff = percentPoints(f.completion, schedule);
  if (diff === null) return DASH;
  return f.behind_schedule ? `${diff} 滞后` : diff;
}

/** The ranking table of one kind of capital, as the notice shows it (figures formatted for reading). */
export function bulletinTable(b: Bulletin, kind: CapitalKind): NoticeTable {
  const k = KIND[kind];
  const { month: m } = parseMonth(b.month);
  const withBeijing = hasBeijingShare(b, kind);
  const columns: NoticeTable['columns'] = [
    { width: 22 },
    { width: 40 },
    { width: 54, align: 'right' },
    { width: 54, align: 'right' },
    { width: 54, align: 'right' },
    { width: 40, align: 'right' },
    { width: 54, align: 'right' },
    { width: 38, align: 'right' },
    { width: 48, align: 'right' },
  ];
  const header: NoticeCell[] = [
    { text: '排名' },
    { text: '地区' },
    { text: `${m}月` },
    { text: `${ytdMonths(b.month)}累计` },
    { text: '上年同期' },
    { text: '同比增长' },
    { text: '年度目标' },
    { text: '完成进度' },
    { text: '与序时进度差（百分点）' },
  ];
  if (withBeijing) {
    columns.push({ width: 38, align: 'right' });
    header.push({ text: '北京资金占比' });
  }
  const body: NoticeCell[][] = rankedRows(b, kind).map((row) => {
    const f = figures(row, kind);
    if (!row.reported) {
      return [
        { text: DASH },
        { text: row.name },
        { text: '未报送', colSpan: columns.length - 2, align: 'center' },
      ];
    }
    const cells: NoticeCell[] = [
      { text: f.rank === null ? DASH : String(f.rank) },
      { text: row.name },
      { text: formatAmount(f.month) },
      { text: formatAmount(f.ytd) },
      { text: formatAmount(f.ytd_prev) },
      { text: formatPercent(f.yoy) },
      { text: formatAmount(f.target) },
      { text: formatPercent(f.completion) },
      { text: scheduleCell(f, b.schedule) },
    ];
    if (withBeijing) cells.push({ text: formatPercent(f.beijing_share) });
    return cells;
  });
  const t = kind === 'domestic' ? b.totals : b.totals.foreign;
  const totals: NoticeCell[] = [
    { text: '合计', colSpan: 2, bold: true, align: 'center' },
    { text: formatAmount(t.month), bold: true },
    { text: formatAmount(t.ytd), bold: true },
    { text: formatAmount(t.ytd_prev), bold: true },
    { text: formatPercent(t.yoy), bold: true },
    { text: formatAmount(t.target), bold: true },
    { text: formatPercent(t.completion), bold: true },
    { text: scheduleCell({ ...t, rank: null }, b.schedule), bold: true },
  ];
  if (withBeijing) totals.push({ text: formatPercent(t.beijing_share), bold: true });
  body.push(totals);
  return {
    caption: `${k.table} ${bulletinPeriod(b.month)}${subordinateWords(b).all}${k.capital}情况`,
    unit: `单位：${k.unit}`,
    columns,
    header: [header],
    body,
    notes: [
      `注：序时进度为${m}/12，即${formatPercent(b.schedule)}；完成进度低于序时进度的标注“滞后”。` +
        '排名按完成进度由高到低，完成进度相同的按累计额由高到低。',
    ],
  };
}

const FIELD_LABELS: Record<string, (m: number, ytd: string) => string> = {
  reported: () => '报送状态',
  month: (m) => `${m}月当月`,
  ytd: (_m, ytd) => `${ytd}累计`,
  ytd_prev: () => '上年同期',
  yoy: () => '同比增长',
  target: () => '年度目标',
  completion: () => '完成进度',
  behind_schedule: () => '是否滞后',
  beijing_share: () => '北京资金占比',
  rank: () => '排名',
};
const AMOUNT_FIELDS = new Set(['month', 'ytd', 'ytd_prev', 'target']);
const RATIO_FIELDS = new Set(['yoy', 'completion', 'beijing_share']);

/** One correction in words: `河东区内资1—10月累计由1,234.00万元更正为1,334.00万元`. */
export function describeChange(b: Bulletin, c: BulletinChange): { label: string; from: string; to: string } {
  const foreign = c.field.startsWith('foreign.');
  const field = foreign ? c.field.slice('foreign.'.length) : c.field;
  const k = KIND[foreign ? 'foreign' : 'domestic'];
  const { month: m } = parseMonth(b.month);
  const label = FIELD_LABELS[field] ? `${k.short}${FIELD_LABELS[field](m, ytdMonths(b.month))}` : c.field;
  const show = (v: BulletinChange['from']): string => {
    if (v === null) return field === 'reported' ? '未报送' : '无';
    if (field === 'reported') return v === true ? '已报送' : '未报送';
    if (field === 'behind_schedule') return v === true ? '滞后' : '不滞后';
    if (field === 'rank') return `第${String(v)}名`;
    if (AMOUNT_FIELDS.has(field)) return `${formatAmount(String(v))}${k.unit}`;
    if (RATIO_FIELDS.has(field)) return formatPercent(String(v));
    return String(v);
  };
  return { label: field === 'reported' ? '报送状态' : label, from: show(c.from), to: show(c.to) };
}

function correctionBlocks(b: Bulletin): NoticeBlock[] {
  if (!b.version || b.version <= 1 || !b.changes) return [];
  const blocks: NoticeBlock[] = [{ kind: 'heading', level: 1, text: '三、更正说明' }];
  if (b.changes.length === 0) {
    blocks.push({ kind: 'paragraph', text: `本通报为第${b.version}版，与上一版相比数据无变化。` });
    return blocks;
  }
  blocks.push({
    kind: 'paragraph',
    text: `本通报为第${b.version}版，对上一版中的以下数据作了更正，以本版为准：`,
  });
  b.changes.forEach((c, i) => {
    const d = describeChange(b, c);
    blocks.push({ kind: 'paragraph', text: `${i + 1}. ${c.name}${d.label}由${d.from}更正为${d.to}。` });
  });
  return blocks;
}

/** The date the notice carries: its publication (China Standard Time), or today for a live computation. */
export function bulletinDate(b: Bulletin): string {
  return cstDate(b.published_at);
}

/** The bulletin as a notice: the model both the PDF and the Word document are rendered from. */
export function bulletinNotice(b: Bulletin): Notice {
  const words = subordinateWords(b);
  const period = bulletinPeriod(b.month);
  const blocks: NoticeBlock[] = [
    { kind: 'paragraph', text: `现将${period}${words.all}实际利用内资、实际使用外资情况通报如下：` },
    { kind: 'heading', level: 1, text: KIND.domestic.heading },
    { kind: 'paragraph', text: summarySentence(b, 'domestic') },
  ];
  const domesticRanking = rankingSentence(b, 'domestic');
  if (domesticRanking) blocks.push({ kind: 'paragraph', text: domesticRanking });
  const beijing = beijingSentence(b);
  if (beijing) blocks.push({ kind: 'paragraph', text: beijing });
  blocks.push({ kind: 'table', table: bulletinTable(b, 'domestic') });
  blocks.push({ kind: 'heading', level: 1, text: KIND.foreign.heading });
  blocks.push({ kind: 'paragraph', text: summarySentence(b, 'foreign') });
  const foreignRanking = rankingSentence(b, 'foreign');
  if (foreignRanking) blocks.push({ kind: 'paragraph', text: foreignRanking });
  blocks.push({ kind: 'table', table: bulletinTable(b, 'foreign') });
  blocks.push(...correctionBlocks(b));
  const subtitle = b.live
    ? '（实时数据，未发布）'
    : b.version !== undefined && b.version > 1
      ? `（第${b.version}版）`
      : undefined;
  return {
    title: bulletinTitleLines(b),
    subtitle,
    recipients: words.recipients,
    blocks,
    issuer: b.issuer,
    date: bulletinDate(b),
    meta: {
      subject: `${b.parent.name} ${b.month} 月通报${b.version ? ` 第${b.version}版` : ''}`,
      keywords: b.content_hash ? `content-hash:${b.content_hash}` : undefined,
      author: b.issuer,
    },
  };
}

/** The bulletin as a PDF notice (A4, GB/T 9704-2012 layout, Noto Serif SC embedded as a subset). */
export function renderBulletinPdf(b: Bulletin): Promise<Buffer> {
  return renderNoticePdf(bulletinNotice(b));
}

/** The bulletin as a Word notice (fonts named: 方正小标宋简体, 仿宋_GB2312). */
export function renderBulletinDocx(b: Bulletin): Promise<Buffer> {
  return renderNoticeDocx(bulletinNotice(b));
}

// ---------------------------------------------------------------------------------------------- Excel

const XLSX_FONT = '宋体';
const FMT = {
  amount: '#,##0.00',
  ratio: '0.00%',
  points: '+0.00;-0.00;0.00',
} as const;

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

type XlsxColumn = {
  header: string;
  width: number;
  value: (f: BulletinFigures, row: BulletinRow | null) => ExcelJS.CellValue;
  numFmt?: string;
};

function num(v: string | null): ExcelJS.CellValue {
  return v === null ? DASH : excelNumber(v);
}

function xlsxColumns(b: Bulletin, kind: CapitalKind): XlsxColumn[] {
  const { month: m } = parseMonth(b.month);
  const cols: XlsxColumn[] = [
    { header: '排名', width: 6, value: (f) => f.rank ?? null, numFmt: '0' },
    { header: '区划代码', width: 10, value: (_f, r) => r?.region ?? null },
    { header: '地区', width: 12, value: (_f, r) => r?.name ?? '合计' },
    { header: `${m}月`, width: 15, value: (f) => num(f.month), numFmt: FMT.amount },
    { header: `${ytdMonths(b.month)}累计`, width: 16, value: (f) => num(f.ytd), numFmt: FMT.amount },
    { header: '上年同期', width: 16, value: (f) => num(f.ytd_prev), numFmt: FMT.amount },
    { header: '同比增长', width: 10, value: (f) => num(f.yoy), numFmt: FMT.ratio },
    { header: '年度目标', width: 16, value: (f) => num(f.target), numFmt: FMT.amount },
    { header: '完成进度', width: 10, value: (f) => num(f.completion), numFmt: FMT.ratio },
    {
      header: '与序时进度差（百分点）',
      width: 12,
      value: (f) => {
        const d = percentPoints(f.completion, b.schedule);
        return d === null ? DASH : excelNumber(d);
      },
      numFmt: FMT.points,
    },
    {
      header: '是否滞后',
      width: 8,
      value: (f) => (f.behind_schedule === null ? DASH : f.behind_schedule ? '是' : '否'),
    },
  ];
  if (hasBeijingShare(b, kind)) {
    cols.push({ header: '北京资金占比', width: 12, value: (f) => num(f.beijing_share), numFmt: FMT.ratio });
  }
  return cols;
}

function addKindSheet(wb: ExcelJS.Workbook, b: Bulletin, kind: CapitalKind): void {
  const k = KIND[kind];
  const cols = xlsxColumns(b, kind);
  const n = cols.length;
  const ws = wb.addWorksheet(`${k.capital}`, {
    views: [{ state: 'frozen', xSplit: 3, ySplit: 3 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '3:3',
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C— &P —', evenFooter: '&C— &P —' },
  });
  cols.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  const font = (size: number, bold = false): Partial<ExcelJS.Font> => ({ name: XLSX_FONT, size, bold });

  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = `${bulletinPeriod(b.month)}${subordinateWords(b).all}${k.capital}情况`;
  title.font = font(16, true);
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;

  ws.mergeCells(2, 1, 2, n - 2);
  const info = ws.getCell(2, 1);
  const version = b.live ? '实时数据（未发布）' : b.version ? `第${b.version}版` : '';
  info.value = `统计期：${bulletinPeriod(b.month)}\u3000序时进度：${formatPercent(b.schedule)}\u3000${version}`;
  info.font = font(10);
  ws.mergeCells(2, n - 1, 2, n);
  const unit = ws.getCell(2, n - 1);
  unit.value = `单位：${k.unit}`;
  unit.font = font(10);
  unit.alignment = { horizontal: 'right' };

  const header = ws.getRow(3);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = font(10, true);
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
  });
  header.height = 32;

  const style = (cell: ExcelJS.Cell, c: XlsxColumn, bold = false) => {
    cell.font = font(10, bold);
    cell.border = THIN;
    if (typeof cell.value === 'number' && c.numFmt) {
      cell.numFmt = c.numFmt;
      cell.alignment = { horizontal: 'right', vertical: 'middle' };
    } else {
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    }
  };

  let r = 4;
  for (const row of rankedRows(b, kind)) {
    const f = figures(row, kind);
    const xrow = ws.getRow(r);
    if (!row.reported) {
      cols.slice(0, 3).forEach((c, i) => {
        const cell = xrow.getCell(i + 1);
        cell.value = i === 0 ? null : c.value(f, row);
        style(cell, c);
      });
      ws.mergeCells(r, 4, r, n);
      const cell = xrow.getCell(4);
      cell.value = '未报送';
      style(cell, cols[3]);
      for (let i = 5; i <= n; i++) xrow.getCell(i).border = THIN;
    } else {
      cols.forEach((c, i) => {
        const cell = xrow.getCell(i + 1);
        cell.value = c.value(f, row);
        style(cell, c);
      });
    }
    r++;
  }
  const t = kind === 'domestic' ? b.totals : b.totals.foreign;
  const totals: BulletinFigures = { ...t, rank: null };
  const xrow = ws.getRow(r);
  cols.forEach((c, i) => {
    const cell = xrow.getCell(i + 1);
    cell.value = c.value(totals, null);
    style(cell, c, true);
  });
  ws.mergeCells(r, 1, r, 3);
  xrow.getCell(1).value = '合计';
  r += 2;

  const notes = [
    `注：1. 序时进度为${parseMonth(b.month).month}/12，即${formatPercent(b.schedule)}；完成进度低于序时进度为滞后。`,
    '2. 排名按完成进度由高到低，完成进度相同的按累计额由高到低；“未报送”指当月月报未审核通过，不参与排名。',
    '3. 比率以四位小数计算，显示为百分数；与序时进度差以百分点计。',
  ];
  if (b.content_hash) notes.push(`4. 内容摘要：${b.content_hash}`);
  for (const note of notes) {
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    cell.value = note;
    cell.font = font(9);
    r++;
  }
  r++;
  for (const line of [b.issuer, chineseDate(bulletinDate(b))]) {
    if (!line) continue;
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    cell.value = line;
    cell.font = font(11);
    cell.alignment = { horizontal: 'right' };
    r++;
  }
}

function addChangesSheet(wb: ExcelJS.Workbook, b: Bulletin): void {
  if (!b.version || b.version <= 1 || !b.changes?.length) return;
  const ws = wb.addWorksheet('更正说明', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '区划代码', key: 'region', width: 10 },
    { header: '地区', key: 'name', width: 12 },
    { header: '项目', key: 'label', width: 24 },
    { header: '字段', key: 'field', width: 18 },
    { header: `第${b.version - 1}版`, key: 'from', width: 20 },
    { header: `第${b.version}版`, key: 'to', width: 20 },
  ];
  ws.getRow(1).font = { name: XLSX_FONT, bold: true };
  for (const c of b.changes) {
    const d = describeChange(b, c);
    ws.addRow({ region: c.region, name: c.name, label: d.label, field: c.field, from: d.from, to: d.to });
  }
}

/**
 * The bulletin as an Excel workbook: one sheet for domestic and one for foreign capital (title row, info row,
 * frozen header, rows by rank, 未报送 rows, totals, notes, issuer and date), figures as numbers with formats
 * (`#,##0.00`, `0.00%`) equal to the JSON's decimal strings, A4 landscape fitted to one page wide; a third
 * sheet lists the corrections of a version ≥ 2.
 */
export async function renderBulletinXlsx(b: Bulletin): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = b.issuer ?? 'Magnet';
  wb.title = bulletinTitle(b);
  const date = b.published_at ? new Date(b.published_at) : new Date();
  wb.created = date;
  wb.modified = date;
  addKindSheet(wb, b, 'domestic');
  addKindSheet(wb, b, 'foreign');
  addChangesSheet(wb, b);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
