import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin } from '../../shared/bulletin.ts';
import { dec, ratio } from '../../shared/money.ts';
import {
  bulletinNotice,
  bulletinTitle,
  bulletinTitleLines,
  rankedRows,
  renderBulletinDocx,
  renderBulletinPdf,
  renderBulletinXlsx,
  subordinateWords,
  wholeRegionWord,
} from './bulletin.ts';
import { tianjinBulletin, tianjinBulletinV2 } from './bulletin.fixture.ts';
import { formatAmount, formatPercent } from './format.ts';
import { debianNoticeFonts, noticeFonts } from './fonts.ts';
import { renderNoticePdf } from './notice-pdf.ts';
import { renderNoticeDocx } from './notice-docx.ts';
import type { Notice } from './notice.ts';

const TITLE = '关于2026年1—10月各区利用内资情况的通报';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-docs-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Poppler's tools (Debian poppler-utils); CI installs them in .ci/run. */
function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts', pdf: Buffer, args: string[] = []): string {
  const file = path.join(tmp, `${tool}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} not found: install Debian poppler-utils (apt-get install -y poppler-utils)`);
    }
    throw err;
  }
}

const squash = (s: string) => s.replace(/\s+/g, '');

async function docxText(buf: Buffer): Promise<{ xml: string; text: string; zip: JSZip }> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
  return { xml, text: paragraphs.join('\n'), zip };
}

describe('bulletin wording', () => {
  it('derives the title from month and regions', () => {
    const b = tianjinBulletin();
    expect(bulletinTitle(b)).toBe(TITLE);
    expect(bulletinTitleLines(b)).toEqual(['关于2026年1—10月', '各区利用内资情况的通报']);
    const jan = tianjinBulletin({ month: '2026-01', schedule: ratio('1', '12')! });
    expect(bulletinTitle(jan)).toBe('关于2026年1月各区利用内资情况的通报');
    expect(bulletinTitleLines(jan)).toEqual(['关于2026年1月各区利用内资情况的通报']);
  });

  it('names the regions of a province, a prefecture and the country', () => {
    const province = {
      parent: { code: '520000', name: '贵州省' },
      rows: [{ name: '贵阳市' }, { name: '黔东南苗族侗族自治州' }],
    } as unknown as Bulletin;
    expect(subordinateWords(province).all).toBe('各市（州）');
    const prefecture = {
      parent: { code: '520100', name: '贵阳市' },
      rows: [{ name: '南明区' }, { name: '开阳县' }, { name: '清镇市' }],
    } as unknown as Bulletin;
    expect(subordinateWords(prefecture).all).toBe('各县（市、区）');
    const nation = {
      parent: { code: '000000', name: '全国' },
      rows: [{ name: '北京市' }, { name: '河北省' }, { name: '广西壮族自治区' }],
    } as unknown as Bulletin;
    expect(subordinateWords(nation).recipients).toBe('各省、自治区、直辖市人民政府：');
    expect(wholeRegionWord('天津市')).toBe('全市');
    expect(wholeRegionWord('贵州省')).toBe('全省');
    expect(wholeRegionWord('内蒙古自治区')).toBe('全区');
  });

  it('orders rows by rank, ties by ytd, unreported last', () => {
    const rows = rankedRows(tianjinBulletin(), 'domestic');
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, null, null]);
    expect(rows.slice(-2).map((r) => r.name)).toEqual(['河北区', '宁河区']);
    // 武清区, 静海区, 南开区, 蓟州区 and 红桥区 all complete 80.00%: higher ytd first
    const tied = rows.filter((r) => r.completion === '0.8000');
    expect(tied.map((r) => r.name)).toEqual(['武清区', '静海区', '南开区', '蓟州区', '红桥区']);
  });

  it('summarises totals, the schedule, the behind-schedule regions and the Beijing share', () => {
    const b = tianjinBulletin();
    const text = bulletinNotice(b)
      .blocks.map((x) => (x.kind === 'table' ? '' : x.text))
      .join('\n');
    expect(text).toContain(`全市实际利用内资${formatAmount(b.totals.ytd)}万元`);
    expect(text).toContain(`同比增长${formatPercent(b.totals.yoy)}`);
    expect(text).toContain(`低于序时进度（83.33%）0.72个百分点`);
    expect(text).toContain(
      '滨海新区、武清区、静海区、南开区、蓟州区、红桥区、宝坻区、津南区、河东区9个区完成进度滞后',
    );
    expect(text).toContain('河北区、宁河区2个区本月月报未审核通过');
    expect(text).toContain(`来自北京的资金占${formatPercent(b.totals.beijing_share)}，达到三分之一的目标`);
    expect(text).not.toContain('更正说明');
    const v2 = bulletinNotice(tianjinBulletinV2());
    expect(v2.subtitle).toBe('（第2版）');
    const v2text = v2.blocks.map((x) => (x.kind === 'table' ? '' : x.text)).join('\n');
    expect(v2text).toContain('三、更正说明');
    expect(v2text).toContain('和平区内资1—10月累计由75,543.21万元更正为76,543.21万元');
    expect(v2text).toContain('河北区报送状态由未报送更正为已报送');
    expect(v2text).toContain('北辰区外资1—10月累计由4,000.00万美元更正为4,100.00万美元');
  });
});

describe('edge cases', () => {
  it('renders a bulletin where no region has reported', async () => {
    const base = tianjinBulletin();
    const empty = {
      month: null,
      ytd: null,
      ytd_prev: null,
      yoy: null,
      target: null,
      completion: null,
      behind_schedule: null,
      beijing_share: null,
      rank: null,
    };
    const b: Bulletin = {
      ...base,
      rows: base.rows.map((r) => ({ ...r, ...empty, reported: false, foreign: { ...empty } })),
      totals: { ...empty, foreign: { ...empty } },
    };
    const text = poppler('pdftotext', await renderBulletinPdf(b), ['-enc', 'UTF-8']);
    expect(squash(text)).toContain('全市暂无审核通过的实际利用内资数据');
    expect((await docxText(await renderBulletinDocx(b))).text).toContain('未报送');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBulletinXlsx(b)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('实际利用内资')!.getCell('D4').value).toBe('未报送');
  });
});

describe('renderBulletinXlsx', () => {
  it('holds the JSON figures as numbers with formats, 未报送 rows, totals, frozen header, A4 landscape', async () => {
    const b = tianjinBulletin();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBulletinXlsx(b)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['实际利用内资', '实际使用外资']);

    for (const [sheetName, kind] of [
      ['实际利用内资', 'domestic'],
      ['实际使用外资', 'foreign'],
    ] as const) {
      const ws = wb.getWorksheet(sheetName)!;
      expect(String(ws.getCell('A1').value)).toContain('2026年1—10月各区');
      expect(ws.getRow(3).getCell(5).value).toBe('1—10月累计');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 3 });
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });

      const byCode = new Map<string, ExcelJS.Row>();
      ws.eachRow((row) => {
        const code = row.getCell(2).value;
        if (typeof code === 'string' && /^\d{6}$/.test(code)) byCode.set(code, row);
      });
      expect(byCode.size).toBe(16);
      for (const r of b.rows) {
        const row = byCode.get(r.region)!;
        expect(row.getCell(3).value).toBe(r.name);
        if (!r.reported) {
          expect(row.getCell(4).value).toBe('未报送');
          expect(row.getCell(4).isMerged).toBe(true);
          expect(row.getCell(1).value).toBeNull();
          continue;
        }
        const f = kind === 'domestic' ? r : r.foreign;
        expect(row.getCell(1).value).toBe(f.rank);
        const checks: [number, string | null, string][] = [
          [4, f.month, '#,##0.00'],
          [5, f.ytd, '#,##0.00'],
          [6, f.ytd_prev, '#,##0.00'],
          [7, f.yoy, '0.00%'],
          [8, f.target, '#,##0.00'],
          [9, f.completion, '0.00%'],
        ];
        if (kind === 'domestic') checks.push([12, f.beijing_share, '0.00%']);
        for (const [col, expected, fmt] of checks) {
          const cell = row.getCell(col);
          if (expected === null) {
            expect(cell.value).toBe('—');
          } else {
            expect(cell.value).toBe(Number(expected));
            // the number reads back as exactly the JSON's decimal string
            expect(dec(String(cell.value)).toFixed(expected.split('.')[1]?.length ?? 0)).toBe(expected);
            expect(cell.numFmt).toBe(fmt);
          }
        }
        expect(row.getCell(11).value).toBe(f.behind_schedule ? '是' : '否');
        const diff = dec(f.completion!).minus(b.schedule).times(100).toNumber();
        expect(row.getCell(10).value).toBe(diff);
      }

      let totals: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (row.getCell(1).value === '合计') totals = row;
      });
      const t = kind === 'domestic' ? b.totals : b.totals.foreign;
      expect(totals!.getCell(5).value).toBe(Number(t.ytd));
      expect(totals!.getCell(9).value).toBe(Number(t.completion));
    }
  });

  it('lists the corrections of version 2 on their own sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBulletinXlsx(tianjinBulletinV2())) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('更正说明')!;
    expect(ws.rowCount).toBe(6);
    expect(ws.getRow(2).values).toEqual([
      undefined,
      '120101',
      '和平区',
      '内资1—10月累计',
      'ytd',
      '75,543.21万元',
      '76,543.21万元',
    ]);
  });
});

describe('renderBulletinDocx', () => {
  it('opens, names the official fonts and holds the title, every region and the figures', async () => {
    const b = tianjinBulletin();
    const { xml, text, zip } = await docxText(await renderBulletinDocx(b));
    expect(squash(text)).toContain(TITLE);
    for (const r of b.rows) expect(text).toContain(r.name);
    for (const r of b.rows.filter((x) => x.reported)) {
      expect(text).toContain(formatAmount(r.ytd));
      expect(text).toContain(formatAmount(r.foreign.ytd));
      expect(text).toContain(formatPercent(r.completion));
    }
    expect(text.match(/未报送/g)!.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain(formatAmount(b.totals.ytd));
    expect(text).toContain('天津市合作交流办');
    expect(text).toContain('2026年11月5日');
    // title 2号 (22 pt = 44 half-points) 方正小标宋简体, body 3号 仿宋_GB2312
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>/);
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/);
    // A4 and the GB/T 9704 margins (twips)
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // — n — in the footers, odd right and even left
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toContain('>— </w:t>');
      expect(f).toContain('PAGE');
      expect(f).toContain('> —</w:t>');
    }
    expect(footers.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(footers.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true);
  });

  it('carries the correction section of version 2', async () => {
    const { text } = await docxText(await renderBulletinDocx(tianjinBulletinV2()));
    expect(text).toContain('三、更正说明');
    expect(text).toContain('（第2版）');
    expect(text).toContain('2026年11月12日');
  });
});

describe('renderBulletinPdf', () => {
  it('is an A4 PDF with Noto Serif SC embedded as a subset', async () => {
    const pdf = await renderBulletinPdf(tianjinBulletin());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Bold/);
    // subset: far smaller than the 15 MB font
    expect(pdf.length).toBeLessThan(1_000_000);
    const fonts = poppler('pdffonts', pdf);
    expect(fonts).toMatch(/NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const info = poppler('pdfinfo', pdf);
    expect(info).toMatch(/Page size:\s+595\.2\d x 841\.8\d pts \(A4\)/);
    expect(info).toContain(TITLE);
  });

  it('reads back the title, every region, the figures, the signature and the page numbers', async () => {
    const b = tianjinBulletin();
    const pdf = await renderBulletinPdf(b);
    const text = poppler('pdftotext', pdf, ['-enc', 'UTF-8']);
    expect(squash(text)).toContain(TITLE);
    for (const r of b.rows) expect(text).toContain(r.name);
    for (const r of b.rows.filter((x) => x.reported)) {
      for (const v of [r.month, r.ytd, r.ytd_prev, r.target]) expect(text).toContain(formatAmount(v));
      for (const v of [r.foreign.month, r.foreign.ytd, r.foreign.target])
        expect(text).toContain(formatAmount(v));
      expect(text).toContain(formatPercent(r.completion));
      expect(text).toContain(formatPercent(r.beijing_share));
    }
    expect(text).toContain(formatAmount(b.totals.ytd));
    expect(text).toContain(formatAmount(b.totals.foreign.ytd));
    expect(text.match(/未报送/g)!.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain('各区人民政府：');
    expect(text).toContain('天津市合作交流办');
    expect(text).toContain('2026年11月5日');
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // pdftotext drops the narrow spaces around the figure
    pages.forEach((p, i) => expect(p).toMatch(new RegExp(`— ?${i + 1} ?—`)));
  });

  it('adds the correction section for version 2', async () => {
    const text = poppler('pdftotext', await renderBulletinPdf(tianjinBulletinV2()), ['-enc', 'UTF-8']);
    expect(squash(text)).toContain('三、更正说明');
    expect(squash(text)).toContain('和平区内资1—10月累计由75,543.21万元更正为76,543.21万元');
    expect(text).toContain('2026年11月12日');
  });

  it('finds its font in the npm package', () => {
    expect(noticeFonts().regular.path).toContain(path.join('@expo-google-fonts', 'noto-serif-sc'));
  });

  it.skipIf(debianNoticeFonts() === null)(
    'also renders with Debian fonts-noto-cjk (the fallback)',
    async () => {
      const pdf = await renderNoticePdf(bulletinNotice(tianjinBulletin()), { fonts: debianNoticeFonts()! });
      const raw = pdf.toString('latin1');
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifCJKsc-Regular/);
      expect(squash(poppler('pdftotext', pdf, ['-enc', 'UTF-8']))).toContain(TITLE);
    },
  );
});

describe('the notice renderers serve other notices', () => {
  const findings: Notice = {
    title: ['关于2026年上半年招商引资数据', '网上核查发现问题的通报'],
    recipients: '各区人民政府：',
    blocks: [
      { kind: 'paragraph', text: '按照工作安排，现将核查发现的问题通报如下：' },
      { kind: 'heading', level: 1, text: '一、问题清单' },
      {
        kind: 'table',
        table: {
          caption: '核查问题清单',
          columns: [{ width: 1 }, { width: 2 }, { width: 6, align: 'left', wrap: true }, { width: 2 }],
          header: [[{ text: '序号' }, { text: '地区' }, { text: '问题' }, { text: '整改期限' }]],
          body: Array.from({ length: 60 }, (_, i) => [
            { text: String(i + 1) },
            { text: '滨海新区' },
            {
              text: `第${i + 1}笔资金到位凭证与银行流水金额不一致，未能提供补充说明材料，需补正后重新报送。`,
            },
            { text: '2026年8月31日' },
          ]),
        },
      },
    ],
    issuer: '天津市合作交流办',
    date: '2026-07-15',
  };

  it('runs a long table over pages with the header repeated (PDF)', async () => {
    const text = poppler('pdftotext', await renderNoticePdf(findings), ['-enc', 'UTF-8']);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages.slice(1, -1)) expect(p).toContain('整改期限');
    expect(text).toContain('第60笔资金到位凭证');
    expect(text).toContain('2026年7月15日');
  });

  it('renders the same notice as Word with repeated header rows', async () => {
    const { xml, text } = await docxText(await renderNoticeDocx(findings));
    expect(text).toContain('第60笔资金到位凭证');
    expect(xml).toContain('<w:tblHeader/>');
  });
});
