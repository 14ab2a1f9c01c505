import { sql, type Transaction } from 'kysely';
import { money, moneyOrNull } from '../../../shared/money.ts';
import { currentMonthCst } from '../../../shared/month.ts';
import type { CapitalKind } from '../../../shared/enums.ts';
import type { Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { inRegionScope, type Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import * as repo from './capital.repository.ts';

type EntryRow = NonNullable<Awaited<ReturnType<typeof repo.findEntry>>>;

export function presentEntry(e: EntryRow) {
  return {
    ...e,
    amount: money(e.amount),
    created_at: e.created_at.toISOString(),
    updated_at: e.updated_at.toISOString(),
  };
}

/** Who may write capital entries: the district of the region, the office, the admin. */
const WRITERS = new Set(['admin', 'office', 'district']);

async function visibleProject(deps: Deps, actor: Actor, projectId: string, db = deps.db) {
  const p = await repo.findProjectForEntry(db, projectId);
  if (!p || !inRegionScope(actor.regionScope, p.region)) throw notFound('项目');
  if (!WRITERS.has(actor.role)) throw new AppError('FORBIDDEN');
  return p;
}

function checkMonth(month: string) {
  if (month > currentMonthCst()) {
    throw new AppError('VALIDATION', {
      message: `month: ${month} 尚未到来，不能填报`,
      details: [{ path: 'month', message: 'month is in the future' }],
    });
  }
}

/** Entries of a region and month are locked once the month's report is submitted or approved. */
async function assertUnlocked(db: Transaction<DB> | Deps['db'], region: string, month: string) {
  const r = await repo.reportStatus(db, region, month);
  if (r && (r.status === 'submitted' || r.status === 'approved')) {
    throw new AppError('LOCKED', {
      message:
        r.status === 'approved'
          ? `${month} 月报已审核通过并锁定，修改须由合作交流办退回重开`
          : `${month} 月报已提交审核，数据已锁定；如需修改请联系合作交流办退回`,
      details: { rule: 'report_locked', region, month, status: r.status },
    });
  }
}

export async function listEntries(deps: Deps, actor: Actor, f: Parameters<typeof repo.listEntries>[2]) {
  const [rows, count] = await repo.listEntries(deps.db, actor.regionScope, f);
  return { items: rows.map(presentEntry), total: Number(count.n) };
}

export async function getEntry(deps: Deps, actor: Actor, id: string) {
  const e = await repo.findEntry(deps.db, id);
  if (!e || !inRegionScope(actor.regionScope, e.region)) throw notFound('资金到位记录');
  return presentEntry(e);
}

export interface EntryInput {
  project_id: string;
  month: string;
  kind: CapitalKind;
  amount: string;
  note?: string | null;
}

export async function createEntry(deps: Deps, actor: Actor, input: EntryInput, ctx: AuditContext) {
  checkMonth(input.month);
  const project = await visibleProject(deps, actor, input.project_id);
  return deps.db.transaction().execute(async (trx) => {
    await assertUnlocked(trx, project.region, input.month);
    const existing = await trx
      .selectFrom('capital_entries')
      .select('id')
      .where('project_id', '=', input.project_id)
      .where('month', '=', `${input.month}-01`)
      .where('kind', '=', input.kind)
      .executeTakeFirst();
    if (existing) {
      throw new AppError('DUPLICATE', {
        message: `该项目 ${input.month} 的${input.kind === 'domestic' ? '内资' : '外资'}到位记录已存在，请修改原记录`,
        details: { existing_id: existing.id },
      });
    }
    const row = await trx
      .insertInto('capital_entries')
      .values({
        project_id: project.id,
        region: project.region,
        month: `${input.month}-01`,
        kind: input.kind,
        amount: money(input.amount),
        beijing: project.origin_province === '110000',
        note: input.note ?? null,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = presentEntry((await repo.findEntry(trx, row.id))!);
    await recordAudit(trx, ctx, {
      action: 'capital.create',
      entity: 'capital_entry',
      entityId: row.id,
      after: created,
    });
    return created;
  });
}

export async function updateEntry(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: { version: number; amount?: string; note?: string | null },
  ctx: AuditContext,
) {
  const before = await getEntry(deps, actor, id);
  if (!WRITERS.has(actor.role)) throw new AppError('FORBIDDEN');
  return deps.db.transaction().execute(async (trx) => {
    await assertUnlocked(trx, before.region, before.month);
    const res = await trx
      .updateTable('capital_entries')
      .set({
        ...(patch.amount !== undefined ? { amount: money(patch.amount) } : {}),
        ...(patch.note !== undefined ? { note: patch.note } : {}),
        updated_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) {
      const current = await repo.findEntry(trx, id);
      throw new AppError('STALE_VERSION', { details: { current: current ? presentEntry(current) : null } });
    }
    const after = presentEntry((await repo.findEntry(trx, id))!);
    await recordAudit(trx, ctx, {
      action: 'capital.update',
      entity: 'capital_entry',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteEntry(deps: Deps, actor: Actor, id: string, ctx: AuditContext) {
  const before = await getEntry(deps, actor, id);
  if (!WRITERS.has(actor.role)) throw new AppError('FORBIDDEN');
  await deps.db.transaction().execute(async (trx) => {
    await assertUnlocked(trx, before.region, before.month);
    await trx.deleteFrom('capital_entries').where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'capital.delete', entity: 'capital_entry', entityId: id, before });
  });
}

export interface GridQuery extends repo.GridPage {
  region: string;
  month: string;
}

/**
 * The entry grid of one region and month, a page at a time: the live projects that match `q` and `filled`
 * with this month's amounts and their year to date; `total` rows match; `totals` (the month) and
 * `ytd_totals` are the district's over every row of the grid, whatever the filter and the page.
 */
export async function grid(deps: Deps, actor: Actor, f: GridQuery) {
  if (!inRegionScope(actor.regionScope, f.region)) throw notFound('地区');
  const rows = await repo.gridPage(deps.db, f.region, f.month, f);
  // every row carries the summary; a page beyond the last is one row with the summary alone
  const s = rows[0];
  const status = s.report_status ?? 'draft';
  return {
    region: f.region,
    month: f.month,
    report_status: status,
    locked: status === 'submitted' || status === 'approved',
    rows: rows.flatMap((r) =>
      r.project_id === null
        ? []
        : [
            {
              project_id: r.project_id,
              code: r.code,
              name: r.name,
              investor_name: r.investor_name,
              stage: r.stage,
              capital_kind: r.capital_kind,
              planned_amount: money(r.planned_amount),
              domestic_id: r.domestic_id,
              domestic: moneyOrNull(r.domestic),
              domestic_status: r.domestic_status,
              domestic_version: r.domestic_version,
              foreign_id: r.foreign_id,
              foreign: moneyOrNull(r.foreign),
              foreign_status: r.foreign_status,
              foreign_version: r.foreign_version,
              domestic_ytd: money(r.domestic_ytd),
              foreign_ytd: money(r.foreign_ytd),
            },
          ],
    ),
    totals: { domestic: money(s.total_domestic), foreign: money(s.total_foreign) },
    ytd_totals: { domestic: money(s.total_domestic_ytd), foreign: money(s.total_foreign_ytd) },
    total: Number(s.total),
    page: f.page,
    page_size: f.page_size,
  };
}

export interface GridSave {
  region: string;
  month: string;
  rows: Array<{ project_id: string; domestic?: string | null; foreign?: string | null }>;
}

/**
 * Saves the grid all-or-nothing: a value sets the entry (creating it), null removes it, an absent key
 * leaves it alone. One audit entry per changed entry, in the same transaction.
 */
export async function saveGrid(deps: Deps, actor: Actor, input: GridSave, ctx: AuditContext) {
  checkMonth(input.month);
  if (!inRegionScope(actor.regionScope, input.region)) throw notFound('地区');
  if (!WRITERS.has(actor.role)) throw new AppError('FORBIDDEN');
  const ids = [...new Set(input.rows.map((r) => r.project_id))];
  if (ids.length !== input.rows.length) {
    throw new AppError('VALIDATION', {
      message: 'rows: 同一项目出现多次',
      details: [{ path: 'rows', message: 'duplicate project_id' }],
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    await assertUnlocked(trx, input.region, input.month);
    const projects = ids.length
      ? await trx
          .selectFrom('projects')
          .select(['id', 'region', 'origin_province'])
          .where('id', 'in', ids)
          .where('deleted_at', 'is', null)
          .execute()
      : [];
    const byId = new Map(projects.map((p) => [p.id, p]));
    const errors = input.rows
      .map((r, i) =>
        byId.get(r.project_id)?.region === input.region
          ? null
          : { path: `rows.${i}.project_id`, message: '项目不属于该地区' },
      )
      .filter((e) => e !== null);
    if (errors.length)
      throw new AppError('VALIDATION', {
        message: `${errors.length} 行项目不属于 ${input.region}`,
        details: errors,
      });
    let changed = 0;
    for (const r of input.rows) {
      const p = byId.get(r.project_id)!;
      for (const kind of ['domestic', 'foreign'] as const) {
        const v = r[kind];
        if (v === undefined) continue;
        const existing = await trx
          .selectFrom('capital_entries')
          .selectAll()
          .where('project_id', '=', p.id)
          .where('month', '=', `${input.month}-01`)
          .where('kind', '=', kind)
          .executeTakeFirst();
        if (v === null) {
          if (existing) {
            await trx.deleteFrom('capital_entries').where('id', '=', existing.id).execute();
            await recordAudit(trx, ctx, {
              action: 'capital.delete',
              entity: 'capital_entry',
              entityId: existing.id,
              before: existing,
            });
            changed++;
          }
          continue;
        }
        const amount = money(v);
        if (existing) {
          if (money(existing.amount) === amount) continue;
          await trx
            .updateTable('capital_entries')
            .set({ amount, updated_at: sql`now()`, version: sql`version + 1` })
            .where('id', '=', existing.id)
            .execute();
          await recordAudit(trx, ctx, {
            action: 'capital.update',
            entity: 'capital_entry',
            entityId: existing.id,
            before: { amount: money(existing.amount) },
            after: { amount, project_id: p.id, month: input.month, kind },
          });
        } else {
          const row = await trx
            .insertInto('capital_entries')
            .values({
              project_id: p.id,
              region: p.region,
              month: `${input.month}-01`,
              kind,
              amount,
              beijing: p.origin_province === '110000',
              created_by: actor.id,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await recordAudit(trx, ctx, {
            action: 'capital.create',
            entity: 'capital_entry',
            entityId: row.id,
            after: { amount, project_id: p.id, month: input.month, kind },
          });
        }
        changed++;
      }
    }
    return { changed };
  });
}
