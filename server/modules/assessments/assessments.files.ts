import ExcelJS from 'exceljs';
import type { Bulletin } from '../../../shared/bulletin.ts';
import { periodLabelZh } from '../../../shared/schemas/assessments.ts';
import { subordinateWords, wholeRegionWord } from '../../documents/bulletin.ts';
import { DASH, excelNumber, formatPercent } from '../../documents/format.ts';
import { cstDate, type Notice, type NoticeCell, type NoticeTable } from '../../documents/notice.ts';
import { renderNoticeDocx } from '../../documents/notice-docx.ts';
import { renderNoticePdf } from '../../documents/notice-pdf.ts';
import type { Deps } from '../../context.ts';
import type { Actor } from '../../plugins/access.ts';
import * as repo from './assessments.repository.ts';
import { getRun } from './runs.service.ts';

/** The assessment result as Excel and as a notice (考核结果通报, GB/T 9704-2012) in PDF and Word. */

export type RunFormat = 'xlsx' | 'pdf' | 'docx';
type Run = Awaited<ReturnType<typeof getRun>>;

const REASON_ZH: Record<string, string> = {
  domestic_target: '未完成内资目标任务',
  foreign_target: '未完成外资目标任务',
  bottom_three: '综合排名后三位',
};
const STATUS_ZH = { draft: '草稿', reviewed: '已审核', final: '定稿' } as const;

const MIME: Record<RunFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const flagsZh = (flags: string[]) =>
  flags.map((f) => (f === 'award' ? '表彰' : f === 'interview' ? '约谈' : f)).join('、');

export async function renderRunFile(deps: Deps, actor: Actor, id: string, format: RunFormat) {
  const run = await getRun(deps, actor, id);
  const [parent, office] = await Promise.all([
    deps.db.selectFrom('regions').select(['code', 'name']).where('code', '=', run.parent).executeTakeFirst(),
    repo.issuerName(deps.db),
  ]);
  const parentInfo = parent ?? { code: run.parent, name: run.parent };
  const title = `${periodLabelZh(run.period)}招商引资考核结果`;
  const base = `${title}${run.status === 'final' ? '' : `（${STATUS_ZH[run.status]}）`}`;
  if (format === 'xlsx') {
    return { name: `${base}.xlsx`, mime: MIME.xlsx, body: await runWorkbook(run, parentInfo.name) };
  }
  const notice = runNotice(run, parentInfo, office?.name ?? '合作交流办');
  const body = format === 'pdf' ? await renderNoticePdf(notice) : await renderNoticeDocx(notice);
  return { name: `${base}.${format}`, mime: MIME[format], body };
}

function words(run: Run, parent: { code: string; name: string }) {
  return subordinateWords({
    parent,
    rows: run.results.map((r) => ({ name: r.name })),
  } as unknown as Pick<Bulletin, 'parent' | 'rows'>);
}

/** 考核结果通报: the ranking with the scale and quality scores, who is called in and why, who is commended. */
export function runNotice(run: Run, parent: { code: string; name: string }, issuer: string): Notice {
  const w = words(run, parent);
  const label = periodLabelZh(run.period);
  const cell = (text: string, align?: NoticeCell['align']): NoticeCell => ({ text, align });
  const interview = run.results.filter((r) => r.flags.includes('interview'));
  const award = run.results.filter((r) => r.flags.includes('award'));
  const groups = [
    { key: 'scale', zh: '规模' },
    { key: 'quality', zh: '质量' },
  ] as const;
  const indicatorText = groups
    .map((g) => {
      const inds = run.indicators.filter((i) => i.group === g.key);
      return inds.length ? `${g.zh}类指标${inds.map((i) => `${i.name}（${i.weight}分）`).join('、')}` : '';
    })
    .filter(Boolean)
    .join('；');
  const ranking: NoticeTable = {
    caption: `表1 ${label}${w.all}招商引资考核得分及排名`,
    unit: '单位：分',
    columns: [
      { width: 1 },
      { width: 2.2, align: 'left' },
      { width: 1.6, align: 'right' },
      { width: 1.6, align: 'right' },
      { width: 1.6, align: 'right' },
      { width: 1.7, align: 'right' },
      { width: 1.7, align: 'right' },
      { width: 1.3 },
    ],
    header: [
      [
        cell('排名'),
        cell('地区'),
        cell('综合得分'),
        cell('规模得分'),
        cell('质量得分'),
        cell('内资完成率'),
        cell('外资完成率'),
        cell('结果'),
      ],
    ],
    body: run.results.map((r) => [
      cell(String(r.rank)),
      cell(r.name, 'left'),
      cell(r.score, 'right'),
      cell(r.scale_score, 'right'),
      cell(r.quality_score, 'right'),
      cell(formatPercent(r.figures.domestic.completion), 'right'),
      cell(formatPercent(r.figures.foreign.completion), 'right'),
      cell(flagsZh(r.flags) || DASH),
    ]),
    notes: [
      `注：完成率 = 已审核的实际利用内资（外资）÷ 按时间进度折算的年度目标（折算系数 ${run.factor}）；目标为 0 的地区不计完成率（${DASH}）。`,
    ],
  };
  const blocks: Notice['blocks'] = [
    {
      kind: 'paragraph',
      text: `按照${wholeRegionWord(parent.name)}招商引资考核办法（第${run.scheme_version}版），以各区完成目标任务为考核基础，以招商引资高质量发展为考核导向，对${w.all}${label}招商引资工作从“规模”和“质量”两类指标进行了考核评价。${indicatorText}。现将考核结果通报如下。`,
    },
    { kind: 'heading', level: 1, text: '一、考核结果' },
    {
      kind: 'paragraph',
      text: award.length
        ? `${award.map((r) => r.name).join('、')}综合得分位列前三，成绩突出。`
        : `本期参加考核的地区共${run.results.length}${w.counter}。`,
    },
    { kind: 'table', table: ranking },
    { kind: 'heading', level: 1, text: '二、约谈' },
    {
      kind: 'paragraph',
      text: interview.length
        ? `对内资、外资未完成目标任务以及综合排名后三位的${interview.length}${w.counter}，由市人民政府主要领导约谈其主要负责人：${interview
            .map((r) => `${r.name}（${r.interview_reasons.map((x) => REASON_ZH[x] ?? x).join('，')}）`)
            .join('；')}。被约谈地区要深入分析原因，制定整改措施，明确整改时限，整改情况报送市合作交流办。`
        : '本期没有需要约谈的地区。',
    },
    { kind: 'heading', level: 1, text: '三、表彰' },
    {
      kind: 'paragraph',
      text: award.length
        ? `对综合排名前三位的${award.map((r) => r.name).join('、')}予以通报表扬，在年度绩效考核中予以加分。`
        : '本期不作表彰。',
    },
  ];
  if (run.status !== 'final') {
    blocks.push({
      kind: 'paragraph',
      text: `（本结果状态为“${STATUS_ZH[run.status]}”，尚未定稿，仅供内部审核。）`,
    });
  }
  return {
    title: [`关于${label}${w.all}招商引资`, '考核结果的通报'],
    subtitle: run.status === 'final' ? undefined : `（${STATUS_ZH[run.status]}）`,
    recipients: w.recipients,
    blocks,
    issuer,
    date: cstDate(run.finalized_at ?? run.created_at),
    meta: {
      subject: `${parent.name} ${run.period} 招商引资考核结果`,
      keywords: `content-hash:${run.content_hash}`,
      author: issuer,
    },
  };
}

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function num(v: string | null): ExcelJS.CellValue {
  return v === null ? DASH : excelNumber(v);
}

function headerRow(ws: ExcelJS.Worksheet, values: string[]) {
  const row = ws.addRow(values);
  row.eachCell((c) => {
    c.font = { name: FONT, bold: true, size: 10 };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = THIN;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  row.height = 30;
}

function bodyRow(ws: ExcelJS.Worksheet, values: ExcelJS.CellValue[], formats: Array<string | undefined>) {
  const row = ws.addRow(values);
  row.eachCell({ includeEmpty: true }, (c, i) => {
    c.font = { name: FONT, size: 10 };
    c.border = THIN;
    const fmt = formats[i - 1];
    if (typeof c.value === 'number' && fmt) {
      c.numFmt = fmt;
      c.alignment = { horizontal: 'right' };
    }
  });
}

/** 考核结果 (ranking with each indicator's points), 得分明细 (indicator values and targets), 考核办法. */
export async function runWorkbook(run: Run, parentName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Magnet';
  wb.title = `${periodLabelZh(run.period)}招商引资考核结果`;
  const ws = wb.addWorksheet('考核结果', {
    views: [{ state: 'frozen', xSplit: 3, ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const fixed = ['排名', '区划代码', '地区', '综合得分', '规模得分', '质量得分'];
  const indHeaders = run.indicators.map((i) => `${i.name}（${i.weight}）`);
  const tail = [
    '内资完成额',
    '内资目标（折算）',
    '内资完成率',
    '外资完成额',
    '外资目标（折算）',
    '外资完成率',
    '结果',
    '约谈原因',
  ];
  const n = fixed.length + indHeaders.length + tail.length;
  ws.mergeCells(1, 1, 1, n);
  ws.getCell(1, 1).value = `${parentName}${periodLabelZh(run.period)}招商引资考核结果`;
  ws.getCell(1, 1).font = { name: FONT, size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, n);
  ws.getCell(2, 1).value =
    `考核办法：${run.scheme_name}（第${run.scheme_version}版）\u3000状态：${STATUS_ZH[run.status]}\u3000折算系数：${run.factor}\u3000金额单位：万元/万美元\u3000校验码：${run.content_hash.slice(0, 16)}`;
  ws.getCell(2, 1).font = { name: FONT, size: 10 };
  headerRow(ws, [...fixed, ...indHeaders, ...tail]);
  const widths = [6, 10, 14, 10, 10, 10, ...indHeaders.map(() => 14), 14, 14, 10, 14, 14, 10, 10, 28];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const r of run.results) {
    const pointsOf = (key: string) => r.breakdown.find((b) => b.indicator === key)?.points ?? null;
    bodyRow(
      ws,
      [
        r.rank,
        r.region,
        r.name,
        num(r.score),
        num(r.scale_score),
        num(r.quality_score),
        ...run.indicators.map((i) => num(pointsOf(i.key))),
        num(r.figures.domestic.actual),
        num(r.figures.domestic.target),
        num(r.figures.domestic.completion),
        num(r.figures.foreign.actual),
        num(r.figures.foreign.target),
        num(r.figures.foreign.completion),
        flagsZh(r.flags),
        r.interview_reasons.map((x) => REASON_ZH[x] ?? x).join('、'),
      ],
      [
        '0',
        undefined,
        undefined,
        '0.00',
        '0.00',
        '0.00',
        ...run.indicators.map(() => '0.00'),
        '#,##0.00',
        '#,##0.00',
        '0.00%',
        '#,##0.00',
        '#,##0.00',
        '0.00%',
      ],
    );
  }

  const detail = wb.addWorksheet('得分明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  headerRow(detail, [
    '区划代码',
    '地区',
    '指标',
    '类别',
    '指标项',
    '指标值',
    '比较基准',
    '权重',
    '得分',
    '计算',
    '依据',
  ]);
  [10, 14, 22, 8, 22, 12, 12, 8, 8, 36, 48].forEach((w, i) => (detail.getColumn(i + 1).width = w));
  for (const r of run.results) {
    for (const b of r.breakdown) {
      bodyRow(
        detail,
        [
          r.region,
          r.name,
          b.name,
          b.group === 'scale' ? '规模' : '质量',
          b.metric,
          b.value === null ? DASH : b.value,
          b.target ?? DASH,
          num(b.weight),
          num(b.points),
          b.formula,
          Object.entries(b.inputs)
            .map(([k, v]) => `${k}=${v ?? DASH}`)
            .join('；'),
        ],
        [undefined, undefined, undefined, undefined, undefined, undefined, undefined, '0.00', '0.00'],
      );
    }
  }

  const rules = wb.addWorksheet('考核办法');
  headerRow(rules, ['指标', '类别', '指标项', '权重', '计分规则']);
  [24, 8, 24, 8, 60].forEach((w, i) => (rules.getColumn(i + 1).width = w));
  for (const i of run.indicators) {
    const rule =
      i.rule.type === 'linear'
        ? `线性：权重 × min(指标值 ÷ ${i.rule.target_value ?? '基准'}, ${i.rule.cap})`
        : i.rule.type === 'steps'
          ? `分档：${i.rule.steps.map(([m, p]) => `≥${m} 得 ${p}`).join('，')}`
          : `按名次：${i.rule.points.map((p, k) => `第${k + 1}名 ${p}`).join('，')}，其余 ${i.rule.default}`;
    bodyRow(
      rules,
      [i.name, i.group === 'scale' ? '规模' : '质量', i.metric, num(i.weight), rule],
      [undefined, undefined, undefined, '0.00'],
    );
  }
  rules.addRow([]);
  rules.addRow([
    '约谈：未完成按时间进度折算的内资或外资目标任务，或综合排名后三位；表彰：综合排名前三位（地区少于六个时为前、后各半数以内）。',
  ]);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
