import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Bulletin, BulletinChange, BulletinRow } from '../../../shared/bulletin.ts';
import { money } from '../../../shared/money.ts';
import { currentMonthCst, formatMonth, parseMonth } from '../../../shared/month.ts';
import { regionPrefix } from '../../../shared/regions.ts';
import type { Deps } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import { computeBulletin, zeroSums, type FormulaRowInput, type KindSums } from './bulletins.formulas.ts';
import * as repo from './bulletins.repository.ts';

/** Roles that see the live (unpublished) figures; the others see published versions only. */
const LIVE_ROLES = new Set(['admin', 'office', 'leader', 'department']);

function checkMonth(month: string) {
  if (month > currentMonthCst()) {
    throw new AppError('VALIDATION', {
      message: `month: ${month} 尚未到来`,
      details: [{ path: 'month', message: 'month is in the future' }],
    });
  }
}

/** The rows of a figure table (the regions directly under `parent`) and which row every region of the subtree rolls up into. */
export interface RowMapping {
  rows: repo.RowRegion[];
  /** parallel arrays: region `regions[i]` rolls up into row `rowCodes[i]` */
  regions: string[];
  rowCodes: string[];
  rowOf: Map<string, string>;
}

/**
 * Maps each region of the subtree of `parent` to the row (a region directly under `parent`) whose prefix it
 * carries, longest prefix first. The bulletin and the assessment aggregate approved figures through it.
 */
export async function regionRowMapping(db: Deps['reader'], parentCode: string): Promise<RowMapping> {
  const [rowsRegions, subtree] = await Promise.all([
    repo.childRegions(db, parentCode),
    repo.subtreeRegions(db, parentCode),
  ]);
  const rowPrefixes = rowsRegions
    .map((r) => ({ code: r.code, prefix: regionPrefix(r.code) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const regions: string[] = [];
  const rowCodes: string[] = [];
  for (const { code } of subtree) {
    const row = rowPrefixes.find((r) => code.startsWith(r.prefix));
    if (row) {
      regions.push(code);
      rowCodes.push(row.code);
    }
  }
  return { rows: rowsRegions, regions, rowCodes, rowOf: new Map(regions.map((r, i) => [r, rowCodes[i]])) };
}

/** Computes the bulletin of month M for the children of `parent` from approved entries. */
export async function computeLive(
  deps: Deps,
  month: string,
  parentCode: string,
  /** the mapping of `parentCode`, when the caller has it already */
  mapping?: RowMapping,
): Promise<Bulletin> {
  const db = deps.reader;
  const parent = await repo.findRegion(db, parentCode);
  if (!parent) throw notFound('地区');
  const { year, month: m } = parseMonth(month);
  // each region of the subtree rolls up into the row whose prefix it carries (longest prefix first)
  const {
    rows: rowsRegions,
    regions: mapRegions,
    rowCodes: mapRows,
    rowOf,
  } = mapping ?? (await regionRowMapping(db, parentCode));
  const parentPrefix = regionPrefix(parentCode);
  const monthDate = `${month}-01`;
  const yearStart = `${year}-01-01`;
  const [sums, reporters, targets] = await Promise.all([
    repo.approvedSums(db, { regions: mapRegions, rows: mapRows }, parentPrefix, {
      month: monthDate,
      yearStart,
      prevStart: `${year - 1}-01-01`,
      prevMonth: `${formatMonth(year - 1, m)}-01`,
    }),
    repo.reporters(db, parentPrefix, monthDate, yearStart),
    repo.targetsOf(db, year, [...rowsRegions.map((r) => r.code), parentCode]),
  ]);
  // a row is reported when every region expected to report inside it has an approved report for M
  const expected = new Map<string, { total: number; approved: number }>();
  for (const r of reporters) {
    const row = rowOf.get(r.region);
    if (!row) continue;
    const e = expected.get(row) ?? { total: 0, approved: 0 };
    e.total++;
    if (r.status === 'approved') e.approved++;
    expected.set(row, e);
  }
  const sumsOf = (row: string, kind: string): KindSums => {
    const s = sums.find((x) => x.row === row && x.kind === kind);
    return s
      ? {
          month: s.month ?? '0',
          ytd: s.ytd ?? '0',
          ytd_beijing: s.ytd_beijing ?? '0',
          ytd_prev: s.ytd_prev ?? '0',
        }
      : zeroSums();
  };
  const targetOf = new Map(targets.map((t) => [t.region, t]));
  const rows: FormulaRowInput[] = rowsRegions.map((r) => {
    const e = expected.get(r.code);
    const t = targetOf.get(r.code);
    return {
      region: r.code,
      name: r.name,
      has_children: r.has_children,
      reported: !!e && e.total > 0 && e.approved === e.total,
      domestic: sumsOf(r.code, 'domestic'),
      foreign: sumsOf(r.code, 'foreign'),
      target_domestic: t ? money(t.domestic) : null,
      target_foreign: t ? money(t.foreign) : null,
    };
  });
  const own = targetOf.get(parentCode);
  return {
    ...computeBulletin({
      month,
      parent: { code: parent.code, name: parent.name },
      rows,
      parent_target_domestic: own ? money(own.domestic) : null,
      parent_target_foreign: own ? money(own.foreign) : null,
    }),
    live: true,
  };
}

/** The canonical content of a bulletin (what is hashed and frozen): figures only. */
function canonical(b: Bulletin) {
  return { month: b.month, parent: b.parent, schedule: b.schedule, rows: b.rows, totals: b.totals };
}

export function contentHash(b: Bulletin): string {
  return createHash('sha256')
    .update(stableStringify(canonical(b)))
    .digest('hex');
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const FIELDS = [
  'reported',
  'month',
  'ytd',
  'ytd_prev',
  'yoy',
  'target',
  'completion',
  'behind_schedule',
  'beijing_share',
  'rank',
] as const;

/** What changed, field by field, between two versions of a bulletin. */
export function diffBulletins(prev: Bulletin, next: Bulletin): BulletinChange[] {
  const changes: BulletinChange[] = [];
  const prevRows = new Map(prev.rows.map((r) => [r.region, r]));
  const compare = (region: string, name: string, a: BulletinRow | undefined, b: BulletinRow) => {
    for (const f of FIELDS) {
      const from = a ? (a[f] as string | number | boolean | null) : null;
      const to = b[f] as string | number | boolean | null;
      if (from !== to) changes.push({ region, name, field: f, from, to });
      if (f === 'reported') continue;
      const ff = f as Exclude<(typeof FIELDS)[number], 'reported'>;
      const fromF = a ? (a.foreign[ff] as string | number | boolean | null) : null;
      const toF = b.foreign[ff] as string | number | boolean | null;
      if (fromF !== toF) changes.push({ region, name, field: `foreign.${ff}`, from: fromF, to: toF });
    }
  };
  for (const r of next.rows) compare(r.region, r.name, prevRows.get(r.region), r);
  return changes;
}

function fromStored(
  row: { content: unknown; version: number; content_hash: string; changes: unknown; published_at: Date },
  issuer?: string,
): Bulletin {
  const content = row.content as Bulletin;
  return {
    ...content,
    version: row.version,
    content_hash: row.content_hash,
    published_at: row.published_at.toISOString(),
    changes: row.changes as BulletinChange[],
    issuer,
    live: false,
  };
}

async function issuerName(deps: Deps): Promise<string> {
  const office = await deps.db
    .selectFrom('units')
    .select('name')
    .where('kind', '=', 'office')
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return office?.name ?? '合作交流办';
}

export interface GetOptions {
  parent?: string;
  version?: number;
  /** `live`: the current computation (office/leader); `published`: the latest published version. */
  source?: 'live' | 'published';
}

/**
 * The bulletin as a caller may see it. Office, admin, leaders and departments get the live computation
 * (or a version on request); districts and liaison units see published versions only.
 */
export async function getBulletin(
  deps: Deps,
  actor: Actor,
  month: string,
  opts: GetOptions = {},
): Promise<Bulletin> {
  checkMonth(month);
  const parent = opts.parent ?? deps.config.MAGNET_ROOT_REGION;
  const canLive = LIVE_ROLES.has(actor.role);
  const issuer = await issuerName(deps);
  if (opts.version !== undefined) {
    const v = await repo.findVersion(deps.db, month, parent, opts.version);
    if (!v) throw notFound('通报版本');
    return fromStored(v, issuer);
  }
  if (!canLive || opts.source === 'published') {
    const v = await repo.latestVersion(deps.db, month, parent);
    if (!v) throw notFound('该月通报尚未发布');
    return fromStored(v, issuer);
  }
  const live = await computeLive(deps, month, parent);
  const latest = await repo.latestVersion(deps.db, month, parent);
  return {
    ...live,
    issuer,
    version: latest?.version,
    content_hash: contentHash(live),
    published_at: latest?.published_at.toISOString(),
  };
}

/**
 * Publishes the live figures as a new frozen version (1, 2, …) with its content hash and the changes
 * against the previous version. Publishing figures identical to the latest version is refused.
 */
export async function publish(
  deps: Deps,
  actor: Actor,
  month: string,
  opts: { parent?: string; note?: string },
  ctx: AuditContext,
) {
  checkMonth(month);
  const parent = opts.parent ?? deps.config.MAGNET_ROOT_REGION;
  return deps.db.transaction().execute(async (trx) => {
    // one publisher at a time per bulletin
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`bulletin:${month}:${parent}`}))`.execute(trx);
    const live = await computeLive({ ...deps, db: trx, reader: trx }, month, parent);
    const hash = contentHash(live);
    const latest = await repo.latestVersion(trx, month, parent);
    if (latest && latest.content_hash === hash) {
      throw new AppError('RULE', {
        message: `数据与第 ${latest.version} 版相同，无需重新发布`,
        details: { rule: 'bulletin_unchanged', version: latest.version },
      });
    }
    const version = (latest?.version ?? 0) + 1;
    const changes = latest ? diffBulletins(latest.content as Bulletin, live) : [];
    const content = canonical(live);
    await trx
      .insertInto('bulletin_versions')
      .values({
        month: `${month}-01`,
        parent,
        version,
        content: JSON.stringify(content),
        content_hash: hash,
        changes: JSON.stringify(changes),
        note: opts.note ?? null,
        published_by: actor.id,
      })
      .execute();
    await recordAudit(trx, ctx, {
      action: 'bulletin.publish',
      entity: 'bulletin',
      entityId: `${parent}/${month}/v${version}`,
      after: { month, parent, version, content_hash: hash, changes: changes.length, note: opts.note ?? null },
    });
    const stored = (await repo.findVersion(trx, month, parent, version))!;
    return fromStored(stored, await issuerName({ ...deps, db: trx }));
  });
}

export async function versions(deps: Deps, month: string, parent?: string) {
  const rows = await repo.listVersions(deps.db, month, parent ?? deps.config.MAGNET_ROOT_REGION);
  return {
    items: rows.map((r) => ({
      version: r.version,
      content_hash: r.content_hash,
      changes: r.changes as BulletinChange[],
      note: r.note,
      published_at: r.published_at.toISOString(),
      published_by: r.published_by,
    })),
  };
}

export async function publishedList(deps: Deps, parent?: string) {
  const rows = await repo.publishedMonths(deps.db, parent ?? deps.config.MAGNET_ROOT_REGION);
  return {
    items: rows.map((r) => ({
      month: r.month,
      version: Number(r.version),
      published_at: new Date(r.published_at).toISOString(),
    })),
  };
}

/** Month-by-month approved totals of year Y and Y−1 up to month M (the trend chart). */
export async function trend(deps: Deps, actor: Actor, month: string, parentCode?: string) {
  checkMonth(month);
  if (!LIVE_ROLES.has(actor.role)) throw new AppError('FORBIDDEN');
  const parent = parentCode ?? deps.config.MAGNET_ROOT_REGION;
  const { year, month: m } = parseMonth(month);
  const prefix = regionPrefix(parent);
  const [cur, prev] = await Promise.all([
    repo.monthlyTotals(deps.reader, prefix, `${year}-01-01`, `${month}-01`),
    repo.monthlyTotals(deps.reader, prefix, `${year - 1}-01-01`, `${formatMonth(year - 1, m)}-01`),
  ]);
  const series = (rows: typeof cur, y: number) =>
    Array.from({ length: m }, (_, i) => {
      const mm = formatMonth(y, i + 1);
      const d = rows.find((r) => r.month === mm && r.kind === 'domestic');
      const f = rows.find((r) => r.month === mm && r.kind === 'foreign');
      return {
        month: mm,
        domestic: money(d?.amount ?? 0),
        foreign: money(f?.amount ?? 0),
        domestic_beijing: money(d?.beijing ?? 0),
      };
    });
  return { parent, month, current: series(cur, year), previous: series(prev, year - 1) };
}
