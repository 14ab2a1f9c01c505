import type { Readable } from 'node:stream';
import { countryName, findCountry } from '../../../shared/countries.ts';
import {
  ENTERPRISE_TAGS,
  ENTERPRISE_TAG_LABELS,
  OWNERSHIPS,
  OWNERSHIP_LABELS,
  RANKED_TAGS,
  type EnterpriseTag,
  type EnterpriseTagValue,
} from '../../../shared/schemas/enterprises.ts';
import { normalizeUscc, usccMessage, usccProblem } from '../../../shared/uscc.ts';
import type { Deps } from '../../context.ts';
import type { Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import { actorUserId, type Progress } from '../jobs/jobs.service.ts';
import {
  importWorkbook,
  OWNERSHIP_BY_TEXT,
  type ImportAnswer,
  type ImportResult,
} from '../projects/projects.excel.ts';
import * as projects from '../projects/projects.repository.ts';
import {
  openImportSheet,
  streamSheet,
  templateWorkbook,
  type CellOut,
  type ColumnSpec,
  type ImportError,
  type ImportSheet,
} from '../projects/xlsx.ts';
import { columnLetter } from '../projects/xlsx-reader.ts';
import { presentEnterprise } from './enterprises.presenter.ts';
import * as repo from './enterprises.repository.ts';

export { stamp } from '../projects/xlsx.ts';

export const ENTERPRISE_SHEET = '企业';

type EnterpriseColumnKey =
  | 'name'
  | 'uscc'
  | 'country'
  | 'ownership'
  | 'hq_region'
  | 'hq_region_name'
  | 'industry'
  | 'industry_name'
  | 'tags'
  | 'contacts'
  | 'notes'
  | 'created_at';

export const ENTERPRISE_COLUMNS: readonly ColumnSpec<EnterpriseColumnKey>[] = [
  { key: 'name', header: '企业名称', kind: 'text', width: 36, importable: true, required: true },
  {
    key: 'uscc',
    header: '统一社会信用代码',
    kind: 'code',
    width: 22,
    importable: true,
    help: '18 位，按 GB 32100-2015 校验；有代码时按代码匹配已有企业',
  },
  {
    key: 'country',
    header: '国家/地区',
    kind: 'text',
    width: 12,
    importable: true,
    help: 'ISO 两位代码或中文名，默认 CN',
  },
  {
    key: 'ownership',
    header: '企业性质',
    kind: 'text',
    width: 12,
    importable: true,
    required: true,
    options: OWNERSHIPS.map((o) => OWNERSHIP_LABELS[o]),
  },
  {
    key: 'hq_region',
    header: '总部所在地代码',
    kind: 'code',
    width: 14,
    importable: true,
    help: 'GB/T 2260 代码',
  },
  { key: 'hq_region_name', header: '总部所在地', kind: 'text', width: 14, importable: false },
  {
    key: 'industry',
    header: '行业代码',
    kind: 'code',
    width: 10,
    importable: true,
    help: 'GB/T 4754-2017 代码',
  },
  { key: 'industry_name', header: '行业', kind: 'text', width: 20, importable: false },
  {
    key: 'tags',
    header: '标签',
    kind: 'text',
    width: 36,
    importable: true,
    help: `用顿号分隔：${ENTERPRISE_TAGS.map((t) => ENTERPRISE_TAG_LABELS[t]).join('、')}；榜单写年份和名次，如 民营500强(2024年第12名)`,
  },
  { key: 'contacts', header: '联系人', kind: 'text', width: 30, importable: false },
  { key: 'notes', header: '备注', kind: 'text', width: 30, importable: true },
  { key: 'created_at', header: '建档时间', kind: 'text', width: 18, importable: false },
];

export function formatTags(tags: readonly EnterpriseTagValue[]): string {
  return tags
    .map((t) =>
      t.year !== undefined && t.rank !== undefined
        ? `${ENTERPRISE_TAG_LABELS[t.tag]}(${t.year}年第${t.rank}名)`
        : ENTERPRISE_TAG_LABELS[t.tag],
    )
    .join('、');
}

const TAG_BY_TEXT = new Map<string, EnterpriseTag>([
  ...ENTERPRISE_TAGS.map((t) => [t, t] as [string, EnterpriseTag]),
  ...ENTERPRISE_TAGS.map((t) => [ENTERPRISE_TAG_LABELS[t], t] as [string, EnterpriseTag]),
]);

/** `民营500强(2024年第12名)、上市公司` → tags; a message for the first token it cannot read. */
export function parseTags(s: string): { tags: EnterpriseTagValue[] } | { error: string } {
  const tags: EnterpriseTagValue[] = [];
  for (const token of s
    .split(/[,，、;；]/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s*[(（]\s*(\d{4})\s*年?\s*[,，\s]?\s*第?\s*(\d{1,3})\s*名?\s*[)）]$/.exec(token);
    const label = m ? m[1] : token;
    const tag = TAG_BY_TEXT.get(label);
    if (!tag) return { error: `无法识别的标签“${token}”` };
    if (tags.some((t) => t.tag === tag)) return { error: `标签“${label}”重复` };
    if (m) {
      if (!RANKED_TAGS.includes(tag)) return { error: `“${label}”不是榜单，不能填写年份和名次` };
      const rank = Number(m[3]);
      if (rank < 1 || rank > 500) return { error: `名次应在 1–500 之间：${token}` };
      tags.push({ tag, year: Number(m[2]), rank });
    } else {
      if (tag === 'private500') return { error: '民营500强须写明年份和名次，如 民营500强(2024年第12名)' };
      tags.push({ tag });
    }
  }
  return { tags };
}

const cst = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

export function exportEnterprises(deps: Deps, filters: repo.EnterpriseFilters): Readable {
  return streamSheet(ENTERPRISE_SHEET, ENTERPRISE_COLUMNS, async function* () {
    for (let offset = 0; ; offset += 2000) {
      const rows = await repo.enterprisePage(deps.reader, filters, 2000, offset);
      if (!rows.length) return;
      yield rows.map((row): CellOut[] => {
        const e = presentEnterprise(row);
        const v: Record<EnterpriseColumnKey, CellOut> = {
          name: e.name,
          uscc: e.uscc,
          country: e.country,
          ownership: OWNERSHIP_LABELS[e.ownership],
          hq_region: e.hq_region,
          hq_region_name: e.hq_region_name,
          industry: e.industry,
          industry_name: e.industry_name,
          tags: formatTags(e.tags),
          contacts: e.contacts
            .map((c) => [c.name, c.title, c.phone, c.email].filter(Boolean).join(' '))
            .join('；'),
          notes: e.notes,
          created_at: cst(row.created_at),
        };
        return ENTERPRISE_COLUMNS.map((c) => v[c.key]);
      });
      if (rows.length < 2000) return;
    }
  });
}

export function enterpriseTemplate() {
  return templateWorkbook(ENTERPRISE_SHEET, ENTERPRISE_COLUMNS, [
    '说明：',
    '1. 第一行为表头，请勿修改；从第二行起每行一家企业。带 * 的列必填。',
    '2. 有统一社会信用代码的按代码匹配已有企业并更新，没有代码的境外投资方按“名称 + 国家/地区”匹配。',
    '3. 整个文件先全部校验：任何一行有错，都不会写入任何数据，并返回标注错误的工作簿。',
    `4. 国家/地区示例：${['US', 'DE', 'JP', 'SG', 'HK'].map((c) => `${c} ${countryName(c)}`).join('，')}。`,
  ]);
}

async function runEnterpriseImport(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  sheet: ImportSheet<EnterpriseColumnKey>,
  file: { name: string; sha256: string },
  progress: Progress | null,
): Promise<ImportResult> {
  const total = sheet.rows.length;
  const errors: ImportError[] = [];
  const headerOf = new Map(ENTERPRISE_COLUMNS.map((c) => [c.key, c.header]));
  const err = (row: number, key: EnterpriseColumnKey, message: string) => {
    const col = sheet.colOf.get(key);
    errors.push({
      row,
      column: col === undefined ? null : columnLetter(col),
      header: headerOf.get(key) ?? null,
      field: key,
      message,
    });
  };
  const has = (k: EnterpriseColumnKey) => sheet.colOf.has(k);
  const cell = (r: { cells: string[] }, k: EnterpriseColumnKey) => {
    const i = sheet.colOf.get(k);
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };
  const [regions, industries] = await Promise.all([
    projects.allRegions(deps.db),
    projects.allIndustryCodes(deps.db),
  ]);
  const regionSet = new Set(regions.map((r) => r.code));
  const industrySet = new Set(industries.map((i) => i.code));
  const usccs = [
    ...new Set(
      sheet.rows.map((r) => normalizeUscc(cell(r, 'uscc'))).filter((u) => u && usccProblem(u) === null),
    ),
  ];
  const byUscc = new Map((await repo.findManyByUscc(deps.db, usccs)).map((e) => [e.uscc!, e]));
  const bare = [
    ...new Set(
      sheet.rows
        .filter((r) => !cell(r, 'uscc'))
        .map((r) => cell(r, 'name'))
        .filter(Boolean),
    ),
  ];
  const byName = new Map(
    (await repo.findManyWithoutUsccByName(deps.db, bare)).map((e) => [`${e.name}|${e.country}`, e]),
  );
  const existingIds = [...byUscc.values(), ...byName.values()].map((e) => e.id);
  const stored = new Map((await repo.rawEnterprises(deps.db, existingIds)).map((e) => [e.id, e]));

  const seen = new Map<string, number>();
  const creates: repo.NewEnterprise[] = [];
  const updates: repo.EnterpriseImportUpdate[] = [];
  for (const [idx, r] of sheet.rows.entries()) {
    if (idx % 2000 === 0) progress?.report(idx, total, '校验中');
    const before = errors.length;
    const row = r.row;
    const name = cell(r, 'name');
    if (!name) err(row, 'name', '请填写企业名称');
    else if (name.length > 200) err(row, 'name', '企业名称过长（最多 200 字）');
    const rawUscc = cell(r, 'uscc');
    const uscc = rawUscc ? normalizeUscc(rawUscc) : null;
    if (uscc) {
      const p = usccProblem(uscc);
      if (p) err(row, 'uscc', `${usccMessage(p)}：${rawUscc}`);
    }
    let country = 'CN';
    if (cell(r, 'country')) {
      const c = findCountry(cell(r, 'country'));
      if (!c) err(row, 'country', `无法识别的国家/地区：${cell(r, 'country')}`);
      else country = c.code;
    }
    if (!uscc && country === 'CN')
      err(row, 'uscc', '境内企业须填写统一社会信用代码；没有代码的境外投资方须填写国家/地区');
    const rawOwnership = cell(r, 'ownership');
    const ownership = OWNERSHIP_BY_TEXT.get(rawOwnership);
    if (!ownership)
      err(row, 'ownership', `企业性质应为：${OWNERSHIPS.map((o) => OWNERSHIP_LABELS[o]).join('、')}`);
    const hq = cell(r, 'hq_region');
    if (hq && !regionSet.has(hq)) err(row, 'hq_region', `行政区划代码 ${hq} 不存在（GB/T 2260）`);
    const industry = cell(r, 'industry').toUpperCase();
    if (industry && !industrySet.has(industry))
      err(row, 'industry', `行业代码 ${industry} 不存在（GB/T 4754-2017）`);
    let tags: EnterpriseTagValue[] = [];
    if (cell(r, 'tags')) {
      const t = parseTags(cell(r, 'tags'));
      if ('error' in t) err(row, 'tags', t.error);
      else tags = t.tags;
    }
    const notes = cell(r, 'notes');
    if (notes.length > 2000) err(row, 'notes', '内容过长（最多 2000 字）');
    const key = uscc ?? `${name}|${country}`;
    const first = seen.get(key);
    if (first) err(row, uscc ? 'uscc' : 'name', `与第 ${first} 行是同一企业`);
    else seen.set(key, row);
    if (errors.length > before || !ownership) continue;

    const existing = uscc
      ? stored.get(byUscc.get(uscc)?.id ?? '')
      : stored.get(byName.get(`${name}|${country}`)?.id ?? '');
    if (existing) {
      // columns the file does not carry keep their stored values
      updates.push({
        id: existing.id,
        name,
        country,
        ownership,
        hq_region: has('hq_region') ? hq || null : existing.hq_region,
        industry: has('industry') ? industry || null : existing.industry,
        tags: has('tags') ? JSON.stringify(tags) : JSON.stringify(existing.tags),
        notes: has('notes') ? notes || null : existing.notes,
      });
    } else {
      creates.push({
        name,
        uscc,
        country,
        ownership,
        hq_region: hq || null,
        industry: industry || null,
        tags: JSON.stringify(tags),
        contacts: '[]',
        notes: notes || null,
        created_by: actorUserId(actor),
      });
    }
  }
  if (errors.length) return { errors, created: 0, updated: 0, enterprises_created: 0, total };

  progress?.report(0, total, '写入中');
  await deps.db.transaction().execute(async (trx) => {
    const ids = await repo.insertEnterprises(trx, creates);
    await repo.updateEnterprisesBatch(trx, updates);
    await projects.insertAuditBatch(trx, ctx, [
      ...creates.map((e, i) => ({
        action: 'enterprise.create',
        entity: 'enterprise',
        entityId: ids[i],
        after: { ...e, via: 'import' },
      })),
      ...updates.map((u) => ({
        action: 'enterprise.update',
        entity: 'enterprise',
        entityId: u.id,
        before: stored.get(u.id),
        after: { ...u, tags: JSON.parse(u.tags) as unknown, via: 'import' },
      })),
    ]);
    await recordAudit(trx, ctx, {
      action: 'enterprise.import',
      entity: 'enterprise',
      entityId: null,
      after: {
        file: file.name,
        sha256: file.sha256,
        rows: total,
        created: creates.length,
        updated: updates.length,
      },
    });
  });
  progress?.report(total, total, '完成');
  return {
    errors: [],
    created: creates.length,
    updated: updates.length,
    enterprises_created: creates.length,
    total,
  };
}

export async function importEnterprises(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  file: { filename: string | undefined; content: Buffer },
): Promise<ImportAnswer> {
  const sheet = openImportSheet(file.content, ENTERPRISE_SHEET, ENTERPRISE_COLUMNS);
  return importWorkbook(deps, actor, 'enterprises.import', ENTERPRISE_SHEET, sheet, file, (progress, info) =>
    runEnterpriseImport(deps, actor, ctx, sheet, info, progress),
  );
}
