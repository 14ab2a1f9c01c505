import { sql } from 'kysely';
import { money, NON_NEGATIVE_MONEY_PATTERN } from '../../../shared/money.ts';
import { currentMonthCst, MONTH_PATTERN } from '../../../shared/month.ts';
import type { Deps } from '../../context.ts';
import { inRegionScope, type Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import { importWorkbook, type ImportAnswer, type ImportResult } from '../projects/projects.excel.ts';
import { columnLetter } from '../projects/xlsx-reader.ts';
import {
  moneyText,
  openImportSheet,
  templateWorkbook,
  type ColumnSpec,
  type ImportError,
} from '../projects/xlsx.ts';
import * as repo from './capital.repository.ts';

/**
 * Excel import of a month's capital entries (SPEC §3.2 "Excel import of a month's entries, all or
 * nothing with a row error report"). One row per project, month and kind; an existing entry is
 * overwritten, a new one created. Every row is checked first: the project (by its code) must be in the
 * caller's scope, the month not in the future and its report neither submitted nor approved.
 */
export const CAPITAL_SHEET = '资金到位';
type Key = 'code' | 'name' | 'month' | 'kind' | 'amount' | 'note';
export const CAPITAL_COLUMNS: readonly ColumnSpec<Key>[] = [
  {
    key: 'code',
    header: '项目编号',
    kind: 'code',
    width: 24,
    importable: true,
    required: true,
    help: '项目库中的项目编号，如 P120101-2026-000123',
  },
  {
    key: 'name',
    header: '项目名称',
    kind: 'text',
    width: 36,
    importable: false,
    help: '仅供核对，导入时不读取',
  },
  {
    key: 'month',
    header: '月份',
    kind: 'code',
    width: 10,
    importable: true,
    required: true,
    help: 'YYYY-MM，如 2026-10',
  },
  {
    key: 'kind',
    header: '类别',
    kind: 'text',
    width: 8,
    importable: true,
    required: true,
    options: ['内资', '外资'],
    help: '内资（万元）或外资（万美元）',
  },
  {
    key: 'amount',
    header: '到位金额',
    kind: 'money',
    width: 16,
    importable: true,
    required: true,
    help: '不小于 0，最多两位小数；内资单位万元，外资单位万美元',
  },
  { key: 'note', header: '备注', kind: 'text', width: 30, importable: true },
];
const KIND: Record<string, 'domestic' | 'foreign'> = {
  内资: 'domestic',
  外资: 'foreign',
  domestic: 'domestic',
  foreign: 'foreign',
};

/** A template listing the live projects of a region for a month, ready to fill in. */
export async function capitalTemplate(deps: Deps, actor: Actor, region: string | undefined, month: string) {
  const rows =
    region && inRegionScope(actor.regionScope, region) ? await repo.gridRows(deps.db, region, month) : [];
  const buf = await templateWorkbook(CAPITAL_SHEET, CAPITAL_COLUMNS, [
    '每行一个项目、一个月份、一个类别；已有记录将被覆盖。',
    '任何一行有错误时不写入任何数据，并返回标注错误的文件。',
    '已提交或已审核通过的月报数据已锁定，须先由合作交流办退回或重开。',
  ]);
  if (!rows.length) return buf;
  // prefill: re-open the template and add one row per project
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(CAPITAL_SHEET)!;
  for (const r of rows) {
    ws.addRow([
      r.code,
      month,
      r.capital_kind === 'foreign' ? '外资' : '内资',
      r.capital_kind === 'foreign'
        ? r.foreign === null
          ? null
          : Number(money(r.foreign))
        : r.domestic === null
          ? null
          : Number(money(r.domestic)),
      null,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function runCapitalImport(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  sheet: ReturnType<typeof openImportSheet<Key>>,
  fileInfo: { name: string; sha256: string },
): Promise<ImportResult> {
  const errors: ImportError[] = [];
  const col = (k: Key) => sheet.colOf.get(k);
  const cellOf = (cells: string[], k: Key) => {
    const i = col(k);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const err = (row: number, k: Key | null, message: string) => {
    const i = k ? col(k) : undefined;
    errors.push({
      row,
      column: i === undefined ? null : columnLetter(i),
      header: k ? CAPITAL_COLUMNS.find((c) => c.key === k)!.header : null,
      field: k,
      message,
    });
  };
  const codes = [...new Set(sheet.rows.map((r) => cellOf(r.cells, 'code')).filter(Boolean))];
  const projects = new Map<string, { id: string; region: string; origin_province: string | null }>();
  for (let i = 0; i < codes.length; i += 1000) {
    const found = await deps.db
      .selectFrom('projects')
      .select(['id', 'code', 'region', 'origin_province'])
      .where('code', 'in', codes.slice(i, i + 1000))
      .where('deleted_at', 'is', null)
      .execute();
    for (const p of found) projects.set(p.code, p);
  }
  const now = currentMonthCst();
  const seen = new Map<string, number>();
  const valid: Array<{
    row: number;
    project: { id: string; region: string; origin_province: string | null };
    month: string;
    kind: 'domestic' | 'foreign';
    amount: string;
    note: string | null;
  }> = [];
  for (const r of sheet.rows) {
    const code = cellOf(r.cells, 'code');
    const month = cellOf(r.cells, 'month')
      .replace(/[/.年]/, '-')
      .replace(/月$/, '')
      .replace(/^(\d{4})-(\d)$/, '$1-0$2');
    const kindText = cellOf(r.cells, 'kind');
    const amount = moneyText(cellOf(r.cells, 'amount'));
    const project = projects.get(code);
    const kind = KIND[kindText];
    const before = errors.length;
    if (!code) err(r.row, 'code', '项目编号必填');
    else if (!project || !inRegionScope(actor.regionScope, project.region)) {
      err(r.row, 'code', `项目编号 ${code} 不存在或不在您的管辖范围内`);
    }
    if (!MONTH_PATTERN.test(month)) err(r.row, 'month', '月份须为 YYYY-MM');
    else if (month > now) err(r.row, 'month', `${month} 尚未到来`);
    if (!kind) err(r.row, 'kind', '类别须为“内资”或“外资”');
    if (!NON_NEGATIVE_MONEY_PATTERN.test(amount)) err(r.row, 'amount', '金额须为不小于 0、最多两位小数的数');
    const ok = errors.length === before;
    if (!ok || !project || !kind) continue;
    const key = `${project.id}|${month}|${kind}`;
    if (seen.has(key)) {
      err(r.row, null, `与第 ${seen.get(key)} 行重复（同一项目、月份、类别）`);
      continue;
    }
    seen.set(key, r.row);
    valid.push({
      row: r.row,
      project,
      month,
      kind,
      amount: money(amount),
      note: cellOf(r.cells, 'note') || null,
    });
  }
  // reports that lock their entries
  const pairs = [...new Set(valid.map((v) => `${v.project.region}|${v.month}`))];
  for (const pair of pairs) {
    const [region, month] = pair.split('|');
    const st = await repo.reportStatus(deps.db, region, month);
    if (st && (st.status === 'submitted' || st.status === 'approved')) {
      for (const v of valid.filter((x) => x.project.region === region && x.month === month)) {
        err(
          v.row,
          'month',
          `${region} ${month} 月报${st.status === 'approved' ? '已审核通过' : '已提交'}，数据已锁定`,
        );
      }
    }
  }
  if (errors.length)
    return {
      errors: errors.sort((a, b) => a.row - b.row),
      created: 0,
      updated: 0,
      enterprises_created: 0,
      total: sheet.rows.length,
    };
  let created = 0;
  let updated = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const v of valid) {
      const res = await sql<{ inserted: boolean }>`
        INSERT INTO capital_entries (project_id, region, month, kind, amount, beijing, note, created_by)
        VALUES (${v.project.id}, ${v.project.region}, ${`${v.month}-01`}::date, ${v.kind}, ${v.amount}::numeric, ${v.project.origin_province === '110000'}, ${v.note}, ${actor.id})
        ON CONFLICT (project_id, month, kind) DO UPDATE SET amount = excluded.amount, note = coalesce(excluded.note, capital_entries.note),
          updated_at = now(), version = capital_entries.version + 1
        RETURNING (version = 1) AS inserted`.execute(trx);
      if (res.rows[0].inserted) created++;
      else updated++;
    }
    await recordAudit(trx, ctx, {
      action: 'capital.import',
      entity: 'capital_entry',
      entityId: null,
      after: { file: fileInfo.name, sha256: fileInfo.sha256, rows: valid.length, created, updated },
    });
  });
  return { errors: [], created, updated, enterprises_created: 0, total: sheet.rows.length };
}

export function importCapital(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  file: { filename: string | undefined; content: Buffer },
): Promise<ImportAnswer> {
  const sheet = openImportSheet(file.content, CAPITAL_SHEET, CAPITAL_COLUMNS);
  return importWorkbook(deps, actor, 'capital.import', CAPITAL_SHEET, sheet, file, (_progress, info) =>
    runCapitalImport(deps, actor, ctx, sheet, info),
  );
}
