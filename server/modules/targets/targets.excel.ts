import { sql } from 'kysely';
import { dec, money, NON_NEGATIVE_MONEY_PATTERN } from '../../../shared/money.ts';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import { excelJs, moneyText, openImportSheet, type ColumnSpec, type ImportError } from '../projects/xlsx.ts';
import { columnLetter } from '../projects/xlsx-reader.ts';

/**
 * A year's targets in and out of Excel (SPEC §3.3, §3.8): one row for the deployment root (the city-level
 * goals) and one per region directly under it. The export is also the import template: change the figures
 * and send it back. An import is all or nothing: any faulty row and nothing is written (422 with every row's
 * errors); otherwise every changed row is written and audited in one transaction.
 */

export const TARGETS_SHEET = '年度目标';

type Key =
  | 'region'
  | 'name'
  | 'domestic'
  | 'foreign'
  | 'growth_rate'
  | 'beijing_share'
  | 'top500_count'
  | 'updated_at';

export const TARGET_COLUMNS: readonly ColumnSpec<Key>[] = [
  { key: 'region', header: '区划代码', kind: 'code', importable: true, required: true, width: 12 },
  { key: 'name', header: '地区', kind: 'text', importable: false, width: 16 },
  {
    key: 'domestic',
    header: '实际利用内资目标（万元）',
    kind: 'money',
    importable: true,
    required: true,
    width: 22,
    aliases: ['内资目标', 'domestic'],
  },
  {
    key: 'foreign',
    header: '实际使用外资目标（万美元）',
    kind: 'money',
    importable: true,
    required: true,
    width: 24,
    aliases: ['外资目标', 'foreign'],
  },
  { key: 'growth_rate', header: '内资增长率目标', kind: 'text', importable: true, width: 16 },
  { key: 'beijing_share', header: '北京投资占比目标', kind: 'text', importable: true, width: 18 },
  { key: 'top500_count', header: '引进500强企业数', kind: 'int', importable: true, width: 16 },
  { key: 'updated_at', header: '更新时间', kind: 'text', importable: false, width: 20 },
];

const RATIO = /^-?\d{1,3}(\.\d{1,4})?$/;
const FMT_MONEY = '#,##0.00';

async function rowsOf(deps: Deps, year: number) {
  const root = deps.config.MAGNET_ROOT_REGION;
  const rows = await deps.db
    .selectFrom('regions as r')
    .leftJoin('targets as t', (j) => j.onRef('t.region', '=', 'r.code').on('t.year', '=', year))
    .select([
      'r.code',
      'r.name',
      't.domestic',
      't.foreign',
      't.growth_rate',
      't.beijing_share',
      't.top500_count',
      't.updated_at',
    ])
    .where((eb) => eb.or([eb('r.parent', '=', root), eb('r.code', '=', root)]))
    .orderBy(sql`(r.code = ${root})`, 'desc')
    .orderBy('r.code')
    .execute();
  return { root, rows };
}

/** The year's targets as a workbook (and the import template: the same sheet comes back). */
export async function exportTargets(deps: Deps, year: number): Promise<Buffer> {
  const { rows } = await rowsOf(deps, year);
  const wb = new (await excelJs()).Workbook();
  wb.creator = 'Magnet';
  wb.title = `${year}年度招商引资目标`;
  const ws = wb.addWorksheet(TARGETS_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ws.columns = TARGET_COLUMNS.map((c) => ({
    key: c.key,
    width: c.width,
    style: c.kind === 'money' ? { numFmt: FMT_MONEY } : c.kind === 'code' ? { numFmt: '@' } : {},
  }));
  const head = ws.addRow(TARGET_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header)));
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  for (const r of rows) {
    ws.addRow([
      r.code,
      r.name,
      r.domestic === null ? null : dec(r.domestic).toNumber(),
      r.foreign === null ? null : dec(r.foreign).toNumber(),
      r.growth_rate === null ? null : dec(r.growth_rate).toFixed(4),
      r.beijing_share === null ? null : dec(r.beijing_share).toFixed(4),
      r.top500_count,
      r.updated_at ? r.updated_at.toISOString().slice(0, 19).replace('T', ' ') : null,
    ]);
  }
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 26 }, { width: 90 }];
  for (const line of [
    ['年度', `${year}`],
    ['区划代码', '第一行为全市（部署根区划）的目标与城市级指标，其余为各区；不可增删地区，区划代码不可修改'],
    ['内资 / 外资目标', '万元 / 万美元，最多两位小数，不小于 0；0 表示不下达该项任务'],
    ['内资增长率目标', '小数，如 0.15 表示增长 15%；可空'],
    ['北京投资占比目标', '小数，如 0.3333 表示不低于三分之一；可空'],
    ['引进500强企业数', '整数；可空'],
    ['导入', '整表导入，任何一行有误则全部不写入，并逐行列出错误'],
  ]) {
    help.addRow(line);
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

interface ParsedRow {
  row: number;
  region: string;
  domestic: string;
  foreign: string;
  growth_rate: string | null;
  beijing_share: string | null;
  top500_count: number | null;
}

/** Reads, checks and (when every row is right) writes a year's targets; 422 with every row's errors otherwise. */
export async function importTargets(
  deps: Deps,
  year: number,
  file: { filename: string | undefined; content: Buffer },
  ctx: AuditContext,
) {
  const sheet = openImportSheet(file.content, TARGETS_SHEET, TARGET_COLUMNS);
  const { root, rows: known } = await rowsOf(deps, year);
  const names = new Map(known.map((k) => [k.code, k.name]));
  const errors: ImportError[] = [];
  const parsed: ParsedRow[] = [];
  const seen = new Map<string, number>();
  let skipped = 0;
  const headerOf = (k: Key) => TARGET_COLUMNS.find((c) => c.key === k)!.header;
  for (const r of sheet.rows) {
    const cell = (k: Key) => {
      const i = sheet.colOf.get(k);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const fail = (k: Key | null, message: string) => {
      const i = k ? sheet.colOf.get(k) : undefined;
      errors.push({
        row: r.row,
        column: i === undefined ? null : columnLetter(i),
        header: k ? headerOf(k) : null,
        field: k,
        message,
      });
    };
    const region = cell('region');
    if (!names.has(region)) {
      fail('region', region ? `${region} 不是本级或下一级行政区划` : '区划代码不能为空');
      continue;
    }
    if (seen.has(region)) fail('region', `与第 ${seen.get(region)} 行重复`);
    seen.set(region, r.row);
    // a region left blank is not set (the export lists every region, with or without targets)
    const figures: Key[] = ['domestic', 'foreign', 'growth_rate', 'beijing_share', 'top500_count'];
    if (figures.every((k) => cell(k) === '')) {
      skipped++;
      continue;
    }
    const amount = (k: 'domestic' | 'foreign') => {
      const raw = moneyText(cell(k));
      if (!NON_NEGATIVE_MONEY_PATTERN.test(raw)) {
        fail(k, raw ? '须为不小于 0、最多两位小数的金额' : '不能为空');
        return '0';
      }
      return money(raw);
    };
    const ratioOf = (k: 'growth_rate' | 'beijing_share') => {
      const raw = cell(k).replace(/%$/, '');
      if (!raw) return null;
      const pct = cell(k).endsWith('%');
      if (!RATIO.test(raw) && !(pct && /^-?\d{1,3}(\.\d{1,2})?$/.test(raw))) {
        fail(k, '须为小数，如 0.15（或 15%）');
        return null;
      }
      const v = pct ? dec(raw).div(100) : dec(raw);
      if (k === 'beijing_share' && (v.isNegative() || v.greaterThan(1))) fail(k, '须在 0 到 1 之间');
      return v.toFixed(4);
    };
    const countRaw = cell('top500_count');
    let top500: number | null = null;
    if (countRaw) {
      if (!/^\d{1,6}$/.test(countRaw)) fail('top500_count', '须为不小于 0 的整数');
      else top500 = Number(countRaw);
    }
    parsed.push({
      row: r.row,
      region,
      domestic: amount('domestic'),
      foreign: amount('foreign'),
      growth_rate: ratioOf('growth_rate'),
      beijing_share: ratioOf('beijing_share'),
      top500_count: top500,
    });
  }
  if (errors.length) {
    throw new AppError('RULE', {
      message: `导入未写入：发现 ${errors.length} 处错误，请修改后重新导入`,
      details: { rule: 'import_validation', error_count: errors.length, errors },
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const p of parsed) {
      const before = await trx
        .selectFrom('targets')
        .selectAll()
        .where('year', '=', year)
        .where('region', '=', p.region)
        .forUpdate()
        .executeTakeFirst();
      const values = {
        domestic: p.domestic,
        foreign: p.foreign,
        growth_rate: p.growth_rate,
        beijing_share: p.beijing_share,
        top500_count: p.top500_count,
      };
      const same =
        before &&
        money(before.domestic) === p.domestic &&
        money(before.foreign) === p.foreign &&
        (before.growth_rate === null ? null : dec(before.growth_rate).toFixed(4)) === p.growth_rate &&
        (before.beijing_share === null ? null : dec(before.beijing_share).toFixed(4)) === p.beijing_share &&
        before.top500_count === p.top500_count;
      if (same) {
        unchanged++;
        continue;
      }
      await trx
        .insertInto('targets')
        .values({ year, region: p.region, ...values, updated_by: ctx.actor.id || null })
        .onConflict((oc) =>
          oc.columns(['year', 'region']).doUpdateSet({
            ...values,
            updated_by: ctx.actor.id || null,
            updated_at: sql`now()`,
            version: sql`targets.version + 1`,
          }),
        )
        .execute();
      if (before) updated++;
      else created++;
      await recordAudit(trx, ctx, {
        action: before ? 'target.update' : 'target.create',
        entity: 'target',
        entityId: `${year}/${p.region}`,
        before: before
          ? {
              domestic: money(before.domestic),
              foreign: money(before.foreign),
              growth_rate: before.growth_rate,
              beijing_share: before.beijing_share,
              top500_count: before.top500_count,
            }
          : null,
        after: { ...values, via: 'import' },
      });
    }
    await recordAudit(trx, ctx, {
      action: 'targets.import',
      entity: 'target',
      entityId: `${year}/${root}`,
      after: { year, file: file.filename ?? null, created, updated, unchanged, skipped, rows: parsed.length },
    });
    return { year, created, updated, unchanged, skipped, total: parsed.length };
  });
}
