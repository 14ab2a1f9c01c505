import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { countryName, findCountry } from '../../../shared/countries.ts';
import { money, NON_NEGATIVE_MONEY_PATTERN } from '../../../shared/money.ts';
import { isValidDate, todayCst } from '../../../shared/month.ts';
import { OWNERSHIPS, OWNERSHIP_LABELS, type Ownership } from '../../../shared/schemas/enterprises.ts';
import {
  CAPITAL_KIND_LABELS,
  INTRODUCER_KINDS,
  INTRODUCER_KIND_LABELS,
  KEY_LEVEL_LABELS,
  STAGE_LABELS,
  type IntroducerKind,
  type KeyLevel,
  type ProjectFilters,
} from '../../../shared/schemas/projects.ts';
import type { CapitalKind, Stage } from '../../../shared/enums.ts';
import { normalizeUscc, usccMessage, usccProblem } from '../../../shared/uscc.ts';
import type { Deps } from '../../context.ts';
import { inRegionScope, regionPrefix, type Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import * as enterprises from '../enterprises/enterprises.repository.ts';
import {
  actorUserId,
  recordFinishedJob,
  startJob,
  type JobOutcome,
  type Progress,
} from '../jobs/jobs.service.ts';
import * as repo from './projects.repository.ts';
import { canWriteProject, capitalKindOf, originProvince, projectCode } from './projects.service.ts';
import {
  errorWorkbook,
  moneyText,
  openImportSheet,
  parseBool,
  parseDateText,
  streamSheet,
  templateWorkbook,
  type CellOut,
  type ColumnSpec,
  type ImportError,
  type ImportSheet,
} from './xlsx.ts';
import { columnLetter } from './xlsx-reader.ts';

export { stamp } from './xlsx.ts';

export const PROJECT_SHEET = '项目';
/** Up to this many rows an import answers at once; above, it runs as a job with progress. */
export const SYNC_IMPORT_ROWS = 2000;
/** rows written (with their transitions and audit entries) per round of an import */
const WRITE_BATCH = 5000;

type ProjectColumnKey =
  | 'code'
  | 'name'
  | 'investor_name'
  | 'investor_uscc'
  | 'investor_country'
  | 'investor_ownership'
  | 'origin'
  | 'origin_name'
  | 'capital_kind'
  | 'industry'
  | 'industry_name'
  | 'region'
  | 'region_name'
  | 'unit'
  | 'carrier'
  | 'planned_amount'
  | 'contracted_amount'
  | 'funds_in_place'
  | 'stage'
  | 'stage_date'
  | 'key_level'
  | 'major'
  | 'guarantor'
  | 'responsible_unit'
  | 'introducer'
  | 'introducer_kind'
  | 'expected_landing_date'
  | 'polluting'
  | 'outdated_capacity'
  | 'notes'
  | 'created_at'
  | 'updated_at';

const YES_NO = ['是', '否'] as const;

/** The project sheet: what the export writes, the template offers and the import reads (same headers). */
export const PROJECT_COLUMNS: readonly ColumnSpec<ProjectColumnKey>[] = [
  {
    key: 'code',
    header: '项目编号',
    kind: 'code',
    width: 22,
    importable: true,
    help: '留空为新项目；填写已有编号则更新该项目',
  },
  { key: 'name', header: '项目名称', kind: 'text', width: 36, importable: true, required: true },
  { key: 'investor_name', header: '投资方名称', kind: 'text', width: 32, importable: true, required: true },
  {
    key: 'investor_uscc',
    header: '投资方统一社会信用代码',
    kind: 'code',
    width: 22,
    importable: true,
    help: '18 位，按 GB 32100-2015 校验；境外投资方没有代码时留空并填写国家/地区',
  },
  {
    key: 'investor_country',
    header: '投资方国家/地区',
    kind: 'text',
    width: 12,
    importable: true,
    help: 'ISO 两位代码或中文名，默认 CN（中国）',
  },
  {
    key: 'investor_ownership',
    header: '投资方性质',
    kind: 'text',
    width: 12,
    importable: true,
    options: OWNERSHIPS.map((o) => OWNERSHIP_LABELS[o]),
    help: '投资方为新企业时必填',
  },
  {
    key: 'origin',
    header: '资金来源地代码',
    kind: 'code',
    width: 12,
    importable: true,
    help: '6 位行政区划代码或两位国家代码；留空取投资方总部所在地',
  },
  { key: 'origin_name', header: '资金来源地', kind: 'text', width: 14, importable: false },
  {
    key: 'capital_kind',
    header: '资本类型',
    kind: 'text',
    width: 8,
    importable: true,
    options: ['内资', '外资'],
    help: '留空时按来源地判断（境外及港澳台为外资）',
  },
  {
    key: 'industry',
    header: '行业代码',
    kind: 'code',
    width: 10,
    importable: true,
    required: true,
    help: 'GB/T 4754-2017 代码',
  },
  { key: 'industry_name', header: '行业', kind: 'text', width: 20, importable: false },
  {
    key: 'region',
    header: '落地区域代码',
    kind: 'code',
    width: 12,
    importable: true,
    required: true,
    help: 'GB/T 2260 代码',
  },
  { key: 'region_name', header: '落地区域', kind: 'text', width: 12, importable: false },
  {
    key: 'unit',
    header: '落地单位',
    kind: 'text',
    width: 24,
    importable: true,
    help: '单位全称（开发区、街镇等）',
  },
  { key: 'carrier', header: '载体', kind: 'text', width: 20, importable: true },
  {
    key: 'planned_amount',
    header: '计划总投资（万元）',
    kind: 'money',
    width: 16,
    importable: true,
    help: '万元（外资为万美元），最多两位小数',
  },
  { key: 'contracted_amount', header: '签约金额（万元）', kind: 'money', width: 16, importable: true },
  { key: 'funds_in_place', header: '资金到位（万元）', kind: 'money', width: 16, importable: false },
  { key: 'stage', header: '阶段', kind: 'text', width: 10, importable: false },
  { key: 'stage_date', header: '阶段日期', kind: 'date', width: 12, importable: false },
  {
    key: 'key_level',
    header: '重点项目',
    kind: 'text',
    width: 10,
    importable: true,
    options: Object.values(KEY_LEVEL_LABELS),
  },
  { key: 'major', header: '重大项目', kind: 'bool', width: 8, importable: true, options: YES_NO },
  {
    key: 'guarantor',
    header: '包保领导（用户名）',
    kind: 'text',
    width: 14,
    importable: true,
    aliases: ['包保领导'],
  },
  { key: 'responsible_unit', header: '责任单位', kind: 'text', width: 24, importable: true },
  { key: 'introducer', header: '引荐方', kind: 'text', width: 20, importable: true },
  {
    key: 'introducer_kind',
    header: '引荐方式',
    kind: 'text',
    width: 12,
    importable: true,
    options: INTRODUCER_KINDS.map((k) => INTRODUCER_KIND_LABELS[k]),
  },
  {
    key: 'expected_landing_date',
    header: '预计落地日期',
    kind: 'date',
    width: 12,
    importable: true,
    help: 'YYYY-MM-DD',
  },
  { key: 'polluting', header: '涉及污染', kind: 'bool', width: 8, importable: true, options: YES_NO },
  { key: 'outdated_capacity', header: '落后产能', kind: 'bool', width: 8, importable: true, options: YES_NO },
  { key: 'notes', header: '备注', kind: 'text', width: 30, importable: true },
  { key: 'created_at', header: '创建时间', kind: 'text', width: 18, importable: false },
  { key: 'updated_at', header: '更新时间', kind: 'text', width: 18, importable: false },
];

// A cell holds an IEEE double whatever we do: the decimal string from PostgreSQL (numeric(20,2)) goes
// straight to the nearest double, as Decimal#toNumber would — without a Decimal per cell (300,000 of them in
// a 100,000-row export cost ~0.4 s). No arithmetic happens on it.
const moneyCell = (v: string | null) => (v === null ? null : Number(v));

function exportRow(r: repo.ExportRow): CellOut[] {
  const values: Record<ProjectColumnKey, CellOut> = {
    code: r.code,
    name: r.name,
    investor_name: r.investor_name,
    investor_uscc: r.investor_uscc,
    investor_country: r.investor_country,
    investor_ownership: OWNERSHIP_LABELS[r.investor_ownership as Ownership],
    origin: r.origin,
    origin_name: r.origin_region_name ?? countryName(r.origin),
    capital_kind: CAPITAL_KIND_LABELS[r.capital_kind],
    industry: r.industry,
    industry_name: r.industry_name,
    region: r.region,
    region_name: r.region_name,
    unit: r.unit_name,
    carrier: r.carrier,
    planned_amount: moneyCell(r.planned_amount),
    contracted_amount: moneyCell(r.contracted_amount),
    funds_in_place: moneyCell(r.funds_in_place),
    stage: STAGE_LABELS[r.stage as Stage],
    stage_date: r.stage_date,
    key_level: r.key_level ? KEY_LEVEL_LABELS[r.key_level as KeyLevel] : null,
    major: r.major ? '是' : '否',
    guarantor: r.guarantor_username,
    responsible_unit: r.responsible_unit_name,
    introducer: r.introducer,
    introducer_kind: r.introducer_kind ? INTRODUCER_KIND_LABELS[r.introducer_kind as IntroducerKind] : null,
    expected_landing_date: r.expected_landing_date,
    polluting: r.polluting ? '是' : '否',
    outdated_capacity: r.outdated_capacity ? '是' : '否',
    notes: r.notes,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
  return PROJECT_COLUMNS.map((c) => values[c.key]);
}

/**
 * Exactly the list the user sees (same filters, same sort), every matching row: the ids in list order
 * first, then the rows a chunk at a time into the streamed writer.
 */
export const EXPORT_CHUNK = 20_000;
export function exportProjects(deps: Deps, actor: Actor, filters: ProjectFilters): Readable {
  return streamSheet(PROJECT_SHEET, PROJECT_COLUMNS, async function* () {
    const ids = await repo.listProjectIds(deps.reader, actor, filters);
    // 20,000 rows a chunk: each chunk's joins cost a pass over the projects, and 20,000 rows stay ~30 MB;
    // the next chunk is asked for before this one is written, so PostgreSQL works while the sheet is built
    const chunk = (i: number) => {
      const p = repo.exportRowsByIds(deps.reader, actor, ids.slice(i, i + EXPORT_CHUNK));
      p.catch(() => undefined); // a download cancelled meanwhile never awaits it: no unhandled rejection
      return p;
    };
    let next = ids.length ? chunk(0) : null;
    for (let i = 0; next; i += EXPORT_CHUNK) {
      const rows = await next;
      next = i + EXPORT_CHUNK < ids.length ? chunk(i + EXPORT_CHUNK) : null;
      yield rows.map(exportRow);
    }
  });
}

export function projectTemplate() {
  return templateWorkbook(PROJECT_SHEET, PROJECT_COLUMNS, [
    '说明：',
    '1. 第一行为表头，请勿修改；从第二行起每行一个项目。带 * 的列必填。',
    '2. “项目编号”留空为新项目（新项目从“线索”阶段开始）；填写已有编号则更新该项目。没有编号时，按“投资方统一社会信用代码 + 项目名称”匹配已有项目。',
    '3. 整个文件先全部校验：任何一行有错，都不会写入任何数据，并返回标注错误的工作簿。',
    '4. 阶段变更须在系统中逐级办理并上传证明材料，导入不改变项目阶段。',
    '5. 从“项目库”导出的文件可直接修改后导入（只读列会被忽略）。',
  ]);
}

// ---------------------------------------------------------------------------------------------------
// Import

interface Lookups {
  regions: Map<string, string>;
  industries: Set<string>;
  unitsByName: Map<string, { id: string; name: string; region: string; kind: string }>;
  leadersByUsername: Map<string, { id: string; username: string }>;
}

async function lookups(deps: Deps): Promise<Lookups> {
  const db = deps.db;
  const [regions, industries, units, leaders] = await Promise.all([
    repo.allRegions(db),
    repo.allIndustryCodes(db),
    repo.liveUnits(db),
    repo.activeLeaders(db),
  ]);
  return {
    regions: new Map(regions.map((r) => [r.code, r.name])),
    industries: new Set(industries.map((i) => i.code)),
    unitsByName: new Map(units.map((u) => [u.name, u])),
    leadersByUsername: new Map(leaders.map((u) => [u.username.toLowerCase(), u])),
  };
}

/** 投资方性质 as people type it: the key, the label, or a common short form. */
export const OWNERSHIP_BY_TEXT = new Map<string, Ownership>([
  ...OWNERSHIPS.map((o) => [o, o] as [string, Ownership]),
  ...OWNERSHIPS.map((o) => [OWNERSHIP_LABELS[o], o] as [string, Ownership]),
  ['国企', 'local_soe'],
  ['民营', 'private'],
  ['外资', 'foreign'],
  ['港澳台', 'hmt'],
]);
const KEY_LEVEL_BY_TEXT = new Map<string, KeyLevel>([
  ['city', 'city'],
  ['district', 'district'],
  ['市重点', 'city'],
  ['区重点', 'district'],
]);
const INTRODUCER_BY_TEXT = new Map<string, IntroducerKind>([
  ...INTRODUCER_KINDS.map((k) => [k, k] as [string, IntroducerKind]),
  ...INTRODUCER_KINDS.map((k) => [INTRODUCER_KIND_LABELS[k], k] as [string, IntroducerKind]),
]);
const CAPITAL_BY_TEXT = new Map<string, CapitalKind>([
  ['内资', 'domestic'],
  ['外资', 'foreign'],
  ['domestic', 'domestic'],
  ['foreign', 'foreign'],
]);

/** A new enterprise the import will create (one per USCC, or per name + country without one). */
interface NewInvestor {
  key: string;
  name: string;
  uscc: string | null;
  country: string;
  ownership: Ownership;
  hq_region: string | null;
  firstRow: number;
}

type Investor =
  | { kind: 'existing'; id: string; hq_region: string | null; country: string; uscc: string | null }
  | { kind: 'new'; key: string; uscc: string | null; country: string };

interface PlannedRow {
  row: number;
  investor: Investor;
  existing: repo.RawProject | null;
  /** values for every column the file carries; absent columns keep the stored value on updates */
  v: Omit<repo.ProjectImportUpdate, 'id' | 'investor_id'>;
}

export interface ImportResult {
  errors: ImportError[];
  created: number;
  updated: number;
  enterprises_created: number;
  total: number;
}

/**
 * Validates every row first (nothing is written if any row is wrong), then writes everything in one
 * transaction: new investors, new projects (with their first timeline entry), updates, audit entries.
 */
export async function runProjectImport(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  sheet: ImportSheet<ProjectColumnKey>,
  file: { name: string; sha256: string },
  progress: Progress | null,
): Promise<ImportResult> {
  const total = sheet.rows.length;
  const errors: ImportError[] = [];
  const headerOf = new Map(PROJECT_COLUMNS.map((c) => [c.key, c.header]));
  const err = (row: number, key: ProjectColumnKey | null, message: string) => {
    const col = key ? sheet.colOf.get(key) : undefined;
    errors.push({
      row,
      column: col === undefined ? null : columnLetter(col),
      header: key ? (headerOf.get(key) ?? null) : null,
      field: key,
      message,
    });
  };
  const has = (k: ProjectColumnKey) => sheet.colOf.has(k);
  const cell = (r: { cells: string[] }, k: ProjectColumnKey) => {
    const i = sheet.colOf.get(k);
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };

  const L = await lookups(deps);
  progress?.report(0, total, '读取已有数据');

  // what already exists: projects by code, investors by USCC / by name without one
  const codes = [...new Set(sheet.rows.map((r) => cell(r, 'code').toUpperCase()).filter(Boolean))];
  const byCode = new Map((await repo.visibleProjectsByCode(deps.db, actor, codes)).map((p) => [p.code, p]));
  const usccs = [
    ...new Set(
      sheet.rows
        .map((r) => normalizeUscc(cell(r, 'investor_uscc')))
        .filter((u) => u && usccProblem(u) === null),
    ),
  ];
  const entByUscc = new Map((await enterprises.findManyByUscc(deps.db, usccs)).map((e) => [e.uscc!, e]));
  const bareNames = [
    ...new Set(sheet.rows.filter((r) => !cell(r, 'investor_uscc')).map((r) => cell(r, 'investor_name'))),
  ];
  const entByName = new Map<
    string,
    Awaited<ReturnType<typeof enterprises.findManyWithoutUsccByName>>[number]
  >();
  for (const e of await enterprises.findManyWithoutUsccByName(deps.db, bareNames.filter(Boolean)))
    entByName.set(`${e.name}|${e.country}`, e);
  const existingInvestorIds = [...new Set([...entByUscc.values(), ...entByName.values()].map((e) => e.id))];
  const byInvestorName = new Map<string, repo.RawProject>();
  for (const p of await repo.visibleProjectsOfInvestors(deps.db, actor, existingInvestorIds)) {
    byInvestorName.set(`${p.investor_id}|${p.name}`, p);
  }

  const newInvestors = new Map<string, NewInvestor>();
  const planned: PlannedRow[] = [];
  const seenCodes = new Map<string, number>();
  const seenKeys = new Map<string, number>();
  const matchedIds = new Map<string, number>();
  const today = todayCst();

  for (const [idx, r] of sheet.rows.entries()) {
    if (idx % 2000 === 0) progress?.report(idx, total, '校验中');
    const before = errors.length;
    const row = r.row;

    // --- the investor ---
    const investorName = cell(r, 'investor_name');
    if (!investorName) err(row, 'investor_name', '请填写投资方名称');
    else if (investorName.length > 200) err(row, 'investor_name', '投资方名称过长（最多 200 字）');
    const rawUscc = cell(r, 'investor_uscc');
    const uscc = rawUscc ? normalizeUscc(rawUscc) : null;
    if (uscc) {
      const p = usccProblem(uscc);
      if (p) err(row, 'investor_uscc', `${usccMessage(p)}：${rawUscc}`);
    }
    let country = 'CN';
    const rawCountry = cell(r, 'investor_country');
    if (rawCountry) {
      const c = findCountry(rawCountry);
      if (!c) err(row, 'investor_country', `无法识别的国家/地区：${rawCountry}`);
      else country = c.code;
    }
    if (!uscc && country === 'CN' && investorName) {
      err(row, 'investor_uscc', '境内投资方须填写统一社会信用代码；没有代码的境外投资方须填写国家/地区');
    }
    const rawOwnership = cell(r, 'investor_ownership');
    const ownership = rawOwnership ? OWNERSHIP_BY_TEXT.get(rawOwnership) : undefined;
    if (rawOwnership && !ownership) {
      err(
        row,
        'investor_ownership',
        `投资方性质应为：${OWNERSHIPS.map((o) => OWNERSHIP_LABELS[o]).join('、')}`,
      );
    }
    let investor: Investor | null = null;
    if (errors.length === before) {
      const existing = uscc ? entByUscc.get(uscc) : entByName.get(`${investorName}|${country}`);
      if (existing) {
        investor = {
          kind: 'existing',
          id: existing.id,
          hq_region: existing.hq_region,
          country: existing.country,
          uscc: existing.uscc,
        };
      } else {
        const key = uscc ?? `${investorName}|${country}`;
        if (!newInvestors.has(key)) {
          if (!ownership) {
            err(row, 'investor_ownership', `投资方“${investorName}”是新企业，请填写投资方性质`);
          } else {
            const region = uscc && L.regions.has(uscc.slice(2, 8)) ? uscc.slice(2, 8) : null;
            newInvestors.set(key, {
              key,
              name: investorName,
              uscc,
              country,
              ownership,
              hq_region: region,
              firstRow: row,
            });
          }
        }
        if (newInvestors.has(key)) investor = { kind: 'new', key, uscc, country };
      }
    }

    // --- match an existing project ---
    const name = cell(r, 'name');
    if (!name) err(row, 'name', '请填写项目名称');
    else if (name.length > 200) err(row, 'name', '项目名称过长（最多 200 字）');
    const code = cell(r, 'code').toUpperCase();
    let existing: PlannedRow['existing'] = null;
    if (code) {
      const first = seenCodes.get(code);
      if (first) err(row, 'code', `项目编号 ${code} 与第 ${first} 行重复`);
      else seenCodes.set(code, row);
      existing = byCode.get(code) ?? null;
      if (!existing) err(row, 'code', `项目编号 ${code} 不存在或无权访问`);
    } else if (investor && name) {
      const ikey = investor.kind === 'existing' ? investor.id : `new:${investor.key}`;
      const k = `${ikey}|${name}`;
      const first = seenKeys.get(k);
      if (first) err(row, 'name', `与第 ${first} 行重复（同一投资方的同名项目）`);
      else seenKeys.set(k, row);
      if (investor.kind === 'existing') existing = byInvestorName.get(`${investor.id}|${name}`) ?? null;
    }
    if (existing) {
      const first = matchedIds.get(existing.id);
      if (first && !code) err(row, 'name', `与第 ${first} 行指向同一个已有项目（${existing.code}）`);
      else if (first) err(row, 'code', `与第 ${first} 行指向同一个已有项目（${existing.code}）`);
      matchedIds.set(existing.id, row);
      if (!canWriteProject(actor, existing))
        err(row, code ? 'code' : 'name', `无权修改项目 ${existing.code}`);
    }
    const keep = <T>(k: ProjectColumnKey, stored: T | undefined, fallback: T): T =>
      !has(k) && existing && stored !== undefined ? stored : fallback;

    // --- the fields ---
    const region = cell(r, 'region');
    if (!region) err(row, 'region', '请填写落地区域代码');
    else if (!L.regions.has(region)) err(row, 'region', `行政区划代码 ${region} 不存在（GB/T 2260）`);
    else if (actor.role === 'district' && !inRegionScope(actor.regionScope, region))
      err(row, 'region', `落地区域 ${region} 不在本单位管辖范围内`);

    const industry = cell(r, 'industry').toUpperCase();
    if (!industry) err(row, 'industry', '请填写行业代码');
    else if (!L.industries.has(industry))
      err(row, 'industry', `行业代码 ${industry} 不存在（GB/T 4754-2017）`);

    let origin = cell(r, 'origin').toUpperCase();
    if (origin) {
      if (/^\d{6}$/.test(origin)) {
        if (!L.regions.has(origin)) err(row, 'origin', `行政区划代码 ${origin} 不存在`);
      } else {
        const c = findCountry(cell(r, 'origin'));
        if (!c || c.code === 'CN') err(row, 'origin', '资金来源地应为 6 位行政区划代码或境外国家/地区代码');
        else origin = c.code;
      }
    } else if (existing && !has('origin')) {
      origin = existing.origin;
    } else if (investor) {
      // where the investor is: its headquarters, its country, or the region in its USCC
      const hq = investor.kind === 'existing' ? investor.hq_region : null;
      const uc = investor.uscc?.slice(2, 8);
      origin =
        hq ??
        (investor.country !== 'CN'
          ? investor.country
          : uc && L.regions.has(uc)
            ? uc
            : uc && L.regions.has(`${uc.slice(0, 2)}0000`)
              ? `${uc.slice(0, 2)}0000`
              : '');
      if (!origin) err(row, 'origin', '无法确定资金来源地，请填写');
    }

    const rawCapital = cell(r, 'capital_kind');
    let capital: CapitalKind | undefined = rawCapital
      ? CAPITAL_BY_TEXT.get(rawCapital.toLowerCase())
      : undefined;
    if (rawCapital && !capital) err(row, 'capital_kind', '资本类型应为“内资”或“外资”');
    if (!capital)
      capital = keep('capital_kind', existing?.capital_kind, origin ? capitalKindOf(origin) : 'domestic');

    const unitName = cell(r, 'unit');
    let unitId: string | null = null;
    if (unitName) {
      const u = L.unitsByName.get(unitName);
      if (!u) err(row, 'unit', `单位“${unitName}”不存在`);
      else if (
        region &&
        !(u.region.startsWith(regionPrefix(region)) || region.startsWith(regionPrefix(u.region)))
      )
        err(row, 'unit', `单位“${unitName}”不在落地区域 ${region} 内`);
      else unitId = u.id;
    } else unitId = keep('unit', existing?.unit_id, null);

    const respName = cell(r, 'responsible_unit');
    let responsible: string | null = null;
    if (respName) {
      const u = L.unitsByName.get(respName);
      if (!u) err(row, 'responsible_unit', `单位“${respName}”不存在`);
      else responsible = u.id;
    } else responsible = keep('responsible_unit', existing?.responsible_unit_id, null);
    if (actor.role === 'department') {
      if (!existing && !respName) responsible = actor.unitId;
      if (responsible !== actor.unitId)
        err(row, 'responsible_unit', '部门用户导入的项目须以本部门为责任单位');
    }

    const guarantorName = cell(r, 'guarantor');
    let guarantor: string | null = null;
    if (guarantorName) {
      const g = L.leadersByUsername.get(guarantorName.toLowerCase());
      if (!g) err(row, 'guarantor', `包保领导“${guarantorName}”不是启用的领导用户（请填写用户名）`);
      else guarantor = g.id;
    } else guarantor = keep('guarantor', existing?.guarantor_id, null);

    const amount = (k: 'planned_amount' | 'contracted_amount'): string | null => {
      const raw = moneyText(cell(r, k));
      if (!raw) return null;
      if (!NON_NEGATIVE_MONEY_PATTERN.test(raw)) {
        err(row, k, `金额“${cell(r, k)}”无效：须为不小于 0 的数字，最多 16 位整数、2 位小数`);
        return null;
      }
      return money(raw);
    };
    const plannedAmount =
      amount('planned_amount') ?? keep('planned_amount', existing?.planned_amount, '0.00');
    const contracted =
      amount('contracted_amount') ?? keep('contracted_amount', existing?.contracted_amount, null);

    const rawKey = cell(r, 'key_level');
    const keyLevel = rawKey ? KEY_LEVEL_BY_TEXT.get(rawKey.toLowerCase()) : null;
    if (rawKey && !keyLevel) err(row, 'key_level', '重点项目应为“市重点”“区重点”或留空');

    const boolOf = (k: 'major' | 'polluting' | 'outdated_capacity', stored: boolean | undefined) => {
      const raw = cell(r, k);
      const b = parseBool(raw);
      if (b === null) {
        err(row, k, `应为“是”或“否”：${raw}`);
        return false;
      }
      return raw === '' ? keep(k, stored, false) : b;
    };

    const rawIntro = cell(r, 'introducer_kind');
    const introKind = rawIntro ? INTRODUCER_BY_TEXT.get(rawIntro) : null;
    if (rawIntro && !introKind) {
      err(
        row,
        'introducer_kind',
        `引荐方式应为：${INTRODUCER_KINDS.map((k) => INTRODUCER_KIND_LABELS[k]).join('、')}`,
      );
    }

    const rawDate = cell(r, 'expected_landing_date');
    let landing: string | null = null;
    if (rawDate) {
      landing = parseDateText(rawDate);
      if (!landing || !isValidDate(landing)) {
        err(row, 'expected_landing_date', `日期“${rawDate}”无效，应为 YYYY-MM-DD`);
        landing = null;
      }
    } else landing = keep('expected_landing_date', existing?.expected_landing_date, null);

    const text = (k: 'carrier' | 'introducer' | 'notes', max: number) => {
      const s = cell(r, k);
      if (s.length > max) err(row, k, `内容过长（最多 ${max} 字）`);
      return s || keep(k, existing?.[k], null);
    };

    const v: PlannedRow['v'] = {
      name,
      region,
      unit_id: unitId,
      origin,
      origin_province: originProvince(origin),
      capital_kind: capital,
      industry,
      carrier: text('carrier', 200),
      planned_amount: plannedAmount,
      contracted_amount: contracted,
      key_level: keyLevel ?? keep('key_level', existing?.key_level, null),
      major: boolOf('major', existing?.major),
      guarantor_id: guarantor,
      responsible_unit_id: responsible,
      introducer: text('introducer', 200),
      introducer_kind: introKind ?? keep('introducer_kind', existing?.introducer_kind, null),
      expected_landing_date: landing,
      notes: text('notes', 4000),
      polluting: boolOf('polluting', existing?.polluting),
      outdated_capacity: boolOf('outdated_capacity', existing?.outdated_capacity),
    };
    if (errors.length === before && investor) planned.push({ row, investor, existing, v });
  }

  if (errors.length) return { errors, created: 0, updated: 0, enterprises_created: 0, total };

  progress?.report(0, total, '写入中');
  // a bulk write on PostgreSQL merges the search index once, after the commit (deferSearchIndexMerge)
  const bulk = deps.engine === 'postgres' && planned.length >= WRITE_BATCH;
  const result = await deps.db.transaction().execute(async (trx) => {
    if (bulk) await repo.deferSearchIndexMerge(trx);
    const invList = [...newInvestors.values()];
    const invIds = await enterprises.insertEnterprises(
      trx,
      invList.map((e) => ({
        name: e.name,
        uscc: e.uscc,
        country: e.country,
        ownership: e.ownership,
        hq_region: e.hq_region,
        industry: null,
        tags: '[]',
        contacts: '[]',
        notes: null,
        created_by: actorUserId(actor),
      })),
    );
    const newInvestorId = new Map(invList.map((e, i) => [e.key, invIds[i]]));
    await repo.insertAuditBatch(
      trx,
      ctx,
      invList.map((e, i) => ({
        action: 'enterprise.create',
        entity: 'enterprise',
        entityId: invIds[i],
        after: { name: e.name, uscc: e.uscc, country: e.country, ownership: e.ownership, via: 'import' },
      })),
    );
    const investorId = (p: PlannedRow) =>
      p.investor.kind === 'existing' ? p.investor.id : newInvestorId.get(p.investor.key)!;

    const creates = planned.filter((p) => !p.existing);
    const updates = planned.filter((p) => p.existing);
    const numbers = await repo.nextProjectNumbers(trx, creates.length);
    const year = today.slice(0, 4);
    const newRow = (p: PlannedRow, n: number): repo.ImportedProject => ({
      ...p.v,
      code: projectCode(p.v.region, year, n),
      investor_id: investorId(p),
    });
    const first = { date: today, note: `Excel 导入（${file.name}）` };
    // a batch at a time (its rows, first transitions and audit entries in one statement), and the next batch
    // is built and serialised while PostgreSQL writes the one before: the app's share of the work runs
    // beside the database's instead of between its statements
    let pending: Promise<number> | null = null;
    let written = 0;
    for (let i = 0; i < creates.length; i += WRITE_BATCH) {
      const rows = creates.slice(i, i + WRITE_BATCH).map((p, j) => newRow(p, numbers[i + j]));
      const next = repo.insertImportedProjects(trx, ctx, rows, first);
      next.catch(() => undefined); // awaited below; a failure of the one before must not leave it unhandled
      if (pending) {
        written += await pending;
        progress?.report(written, total, '写入中');
      }
      pending = next;
    }
    if (pending) written += await pending;
    progress?.report(written, total, '写入中');
    for (let i = 0; i < updates.length; i += WRITE_BATCH) {
      const batch = updates.slice(i, i + WRITE_BATCH);
      const upd = batch.map((p) => ({ ...p.v, id: p.existing!.id, investor_id: investorId(p) }));
      await repo.updateProjectsBatch(trx, upd);
      await repo.insertAuditBatch(
        trx,
        ctx,
        batch.map((p, j) => ({
          action: 'project.update',
          entity: 'project',
          entityId: p.existing!.id,
          before: p.existing,
          after: { ...upd[j], via: 'import' },
        })),
      );
    }
    await recordAudit(trx, ctx, {
      action: 'project.import',
      entity: 'project',
      entityId: null,
      after: {
        file: file.name,
        sha256: file.sha256,
        rows: total,
        created: creates.length,
        updated: updates.length,
        enterprises_created: invList.length,
      },
    });
    return { created: creates.length, updated: updates.length, enterprises_created: invList.length };
  });
  if (bulk) repo.mergeSearchIndex(deps.db);
  progress?.report(total, total, '完成');
  return { errors: [], total, ...result };
}

export type ImportAnswer = { status: number; body: unknown };

/** Shared by every Excel import: small files answer at once, large ones become a job with progress. */
export async function importWorkbook<K extends string>(
  deps: Deps,
  actor: Actor,
  kind: string,
  sheetName: string,
  sheet: ImportSheet<K>,
  file: { filename: string | undefined; content: Buffer },
  run: (progress: Progress | null, fileInfo: { name: string; sha256: string }) => Promise<ImportResult>,
): Promise<ImportAnswer> {
  const fileInfo = {
    name: file.filename ?? 'import.xlsx',
    sha256: createHash('sha256').update(file.content).digest('hex'),
  };
  const errorFileName = `${fileInfo.name.replace(/\.xlsx$/i, '')}-错误.xlsx`;
  const summary = (r: ImportResult) => ({
    created: r.created,
    updated: r.updated,
    enterprises_created: r.enterprises_created,
    total: r.total,
  });
  const failure = async (r: ImportResult): Promise<JobOutcome> => ({
    status: 'failed',
    message: `发现 ${r.errors.length} 处错误，未写入任何数据`,
    result: { error_count: r.errors.length, errors: r.errors.slice(0, 1000) },
    file: {
      name: errorFileName,
      content: await errorWorkbook(sheetName, sheet as ImportSheet<string>, r.errors),
    },
  });

  if (sheet.rows.length <= SYNC_IMPORT_ROWS) {
    const r = await run(null, fileInfo);
    if (!r.errors.length) return { status: 200, body: summary(r) };
    const outcome = await failure(r);
    const jobId = await recordFinishedJob(deps, actor, kind, { ...outcome, total: r.total, done: 0 });
    return {
      status: 422,
      body: {
        error: {
          code: 'RULE',
          message: `导入未写入：发现 ${r.errors.length} 处错误，请修改后重新导入`,
          details: {
            rule: 'import_validation',
            error_count: r.errors.length,
            errors: r.errors,
            job_id: jobId,
            error_file: `/api/v1/jobs/${jobId}/file`,
          },
        },
      },
    };
  }
  const jobId = await startJob(
    deps,
    actor,
    kind,
    async (progress) => {
      const r = await run(progress, fileInfo);
      if (r.errors.length) return failure(r);
      return {
        status: 'done',
        message: `导入完成：新建 ${r.created}，更新 ${r.updated}`,
        result: summary(r),
      };
    },
    { total: sheet.rows.length },
  );
  return {
    status: 202,
    body: { job_id: jobId, status: 'queued', total: sheet.rows.length, poll: `/api/v1/jobs/${jobId}` },
  };
}

export async function importProjects(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  file: { filename: string | undefined; content: Buffer },
): Promise<ImportAnswer> {
  const sheet = openImportSheet(file.content, PROJECT_SHEET, PROJECT_COLUMNS);
  return importWorkbook(deps, actor, 'projects.import', PROJECT_SHEET, sheet, file, (progress, info) =>
    runProjectImport(deps, actor, ctx, sheet, info, progress),
  );
}
