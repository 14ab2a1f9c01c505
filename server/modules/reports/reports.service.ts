import { sql } from 'kysely';
import { money } from '../../../shared/money.ts';
import { addMonths, currentMonthCst, monthEnd, todayCst } from '../../../shared/month.ts';
import type { Deps } from '../../context.ts';
import type { ReportStatus } from '../../db/tables/statistics.ts';
import { AppError, notFound } from '../../errors.ts';
import { inRegionScope, type Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import * as repo from './reports.repository.ts';

export const DEFAULT_DUE_DAY = 5;

export async function dueDay(deps: Deps): Promise<number> {
  const v = await repo.getSetting<{ day: number }>(deps.db, 'report_due_day');
  return v?.day ?? DEFAULT_DUE_DAY;
}

/** The report of month M is due on day `dueDay` of month M+1 (China time). */
export function dueDate(month: string, day: number): string {
  const next = addMonths(month, 1);
  const last = Number(monthEnd(next).slice(8));
  return `${next}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

function lateness(status: ReportStatus, submittedAt: Date | null, due: string, today = todayCst()) {
  const submittedDay = submittedAt ? todayCst(submittedAt) : null;
  if (status === 'submitted' || status === 'approved') return submittedDay !== null && submittedDay > due;
  return today > due;
}

function checkRegionAndMonth(actor: Actor, region: string, month: string) {
  if (!inRegionScope(actor.regionScope, region)) throw notFound('月报');
  if (month > currentMonthCst()) {
    throw new AppError('VALIDATION', {
      message: `month: ${month} 尚未到来`,
      details: [{ path: 'month', message: 'month is in the future' }],
    });
  }
}

export async function getReport(deps: Deps, actor: Actor, region: string, month: string) {
  checkRegionAndMonth(actor, region, month);
  const regionRow = await deps.db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', '=', region)
    .executeTakeFirst();
  if (!regionRow) throw notFound('地区');
  const [report, totals, events, day] = await Promise.all([
    repo.findReport(deps.db, region, month),
    repo.reportTotals(deps.db, region, month),
    repo.reportEvents(deps.db, region, month),
    dueDay(deps),
  ]);
  const status: ReportStatus = report?.status ?? 'draft';
  const frozen = status === 'submitted' || status === 'approved';
  const lists =
    frozen && report?.lists
      ? (report.lists as Awaited<ReturnType<typeof repo.reportLists>>)
      : await liveLists(deps, region, month);
  const due = dueDate(month, day);
  return {
    region,
    name: regionRow.name,
    month,
    status,
    locked: frozen,
    domestic_total: money(totals.domestic),
    foreign_total: money(totals.foreign),
    entries: totals.entries,
    due_date: due,
    late: lateness(status, report?.submitted_at ?? null, due),
    submitted_at: report?.submitted_at?.toISOString() ?? null,
    approved_at: report?.approved_at?.toISOString() ?? null,
    returned_reason: report?.returned_reason ?? null,
    reopened_reason: report?.reopened_reason ?? null,
    version: report?.version ?? 0,
    lists: presentLists(lists),
    history: events.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

function presentLists(l: Awaited<ReturnType<typeof repo.reportLists>>) {
  const fix = (xs: Array<{ planned_amount: string }>) =>
    xs.map((x) => ({ ...x, planned_amount: money(x.planned_amount) }));
  return {
    foreign_registered: fix(l.foreign_registered),
    landing_soon: fix(l.landing_soon),
    negotiating: fix(l.negotiating),
  };
}

function liveLists(deps: Deps, region: string, month: string) {
  return repo.reportLists(deps.db, region, month, monthEnd(month), monthEnd(addMonths(month, 6)));
}

type Action = 'submit' | 'approve' | 'return' | 'reopen';
const MOVES: Record<
  Action,
  { from: ReportStatus[]; to: ReportStatus; roles: string[]; needsReason: boolean; label: string }
> = {
  submit: {
    from: ['draft', 'returned'],
    to: 'submitted',
    roles: ['admin', 'office', 'district'],
    needsReason: false,
    label: '提交',
  },
  approve: {
    from: ['submitted'],
    to: 'approved',
    roles: ['admin', 'office'],
    needsReason: false,
    label: '审核通过',
  },
  return: {
    from: ['submitted'],
    to: 'returned',
    roles: ['admin', 'office'],
    needsReason: true,
    label: '退回',
  },
  reopen: { from: ['approved'], to: 'draft', roles: ['admin', 'office'], needsReason: true, label: '重开' },
};
const STATUS_ZH: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已审核通过',
  returned: '已退回',
};

/** Moves a report through `draft → submitted → approved` (or `returned` → draft, `reopen` approved → draft). */
export async function moveReport(
  deps: Deps,
  actor: Actor,
  region: string,
  month: string,
  action: Action,
  reason: string | undefined,
  ctx: AuditContext,
) {
  checkRegionAndMonth(actor, region, month);
  const move = MOVES[action];
  if (!move.roles.includes(actor.role))
    throw new AppError('FORBIDDEN', { message: `只有合作交流办可以${move.label}月报` });
  if (move.needsReason && !reason?.trim()) {
    throw new AppError('VALIDATION', {
      message: 'reason: 请填写原因',
      details: [{ path: 'reason', message: 'required' }],
    });
  }
  const exists = await deps.db
    .selectFrom('regions')
    .select('code')
    .where('code', '=', region)
    .executeTakeFirst();
  if (!exists) throw notFound('地区');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('monthly_reports')
      .values({ region, month: `${month}-01` })
      .onConflict((oc) => oc.columns(['region', 'month']).doNothing())
      .execute();
    const before = await trx
      .selectFrom('monthly_reports')
      .selectAll()
      .where('region', '=', region)
      .where('month', '=', `${month}-01`)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!move.from.includes(before.status)) {
      throw new AppError('RULE', {
        message: `月报当前状态为“${STATUS_ZH[before.status]}”，不能${move.label}`,
        details: { rule: 'report_transition', from: before.status, action },
      });
    }
    const set: Record<string, unknown> = {
      status: move.to,
      updated_at: sql`now()`,
      version: sql`version + 1`,
    };
    if (action === 'submit') {
      set.submitted_at = sql`now()`;
      set.submitted_by = actor.id;
      set.returned_reason = null;
      set.lists = JSON.stringify(
        await repo.reportLists(trx, region, month, monthEnd(month), monthEnd(addMonths(month, 6))),
      );
    }
    if (action === 'approve') {
      set.approved_at = sql`now()`;
      set.approved_by = actor.id;
    }
    if (action === 'return') set.returned_reason = reason;
    if (action === 'reopen') {
      set.reopened_reason = reason;
      set.approved_at = null;
      set.approved_by = null;
    }
    await trx
      .updateTable('monthly_reports')
      .set(set)
      .where('region', '=', region)
      .where('month', '=', `${month}-01`)
      .execute();
    await trx
      .insertInto('report_events')
      .values({
        region,
        month: `${month}-01`,
        action,
        from_status: before.status,
        to_status: move.to,
        reason: reason ?? null,
        user_id: actor.id,
      })
      .execute();
    const totals = await repo.reportTotals(trx, region, month);
    await recordAudit(trx, ctx, {
      action: `report.${action}`,
      entity: 'monthly_report',
      entityId: `${region}/${month}`,
      before: { status: before.status },
      after: {
        status: move.to,
        reason: reason ?? null,
        domestic_total: money(totals.domestic),
        foreign_total: money(totals.foreign),
      },
    });
  });
  return getReport(deps, actor, region, month);
}

/** The office's queue: every region expected to report for the month, its status and lateness. */
export async function listReports(
  deps: Deps,
  actor: Actor,
  opts: { month: string; status?: ReportStatus; parent?: string; late?: boolean },
) {
  const root =
    opts.parent ??
    (actor.regionScope.kind === 'subtree' ? actor.regionScope.region : deps.config.MAGNET_ROOT_REGION);
  const regions = (await repo.expectedReporters(deps.db, root, opts.month)).filter((r) =>
    inRegionScope(actor.regionScope, r),
  );
  const [reports, names, totals, day] = await Promise.all([
    repo.reportsOfMonth(deps.db, regions, opts.month),
    repo.regionNames(deps.db, regions),
    repo.totalsOfMonth(deps.db, regions, opts.month),
    dueDay(deps),
  ]);
  const due = dueDate(opts.month, day);
  const byRegion = new Map(reports.map((r) => [r.region, r]));
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  const items = regions.map((region) => {
    const r = byRegion.get(region);
    const status: ReportStatus = r?.status ?? 'draft';
    const t = (k: string) => totals.find((x) => x.region === region && x.kind === k);
    return {
      region,
      name: nameOf.get(region) ?? region,
      month: opts.month,
      status,
      domestic_total: money(t('domestic')?.amount ?? 0),
      foreign_total: money(t('foreign')?.amount ?? 0),
      entries: (t('domestic')?.entries ?? 0) + (t('foreign')?.entries ?? 0),
      submitted_at: r?.submitted_at?.toISOString() ?? null,
      approved_at: r?.approved_at?.toISOString() ?? null,
      due_date: due,
      late: lateness(status, r?.submitted_at ?? null, due),
    };
  });
  const filtered = items.filter(
    (i) => (!opts.status || i.status === opts.status) && (opts.late === undefined || i.late === opts.late),
  );
  const count = (s: ReportStatus) => items.filter((i) => i.status === s).length;
  return {
    month: opts.month,
    due_date: due,
    items: filtered,
    total: filtered.length,
    summary: {
      draft: count('draft'),
      submitted: count('submitted'),
      approved: count('approved'),
      returned: count('returned'),
      late: items.filter((i) => i.late).length,
    },
  };
}

export async function setDueDay(deps: Deps, day: number, ctx: AuditContext) {
  const before = await dueDay(deps);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: 'report_due_day', value: JSON.stringify({ day }) })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify({ day }), updated_at: sql`now()` }),
      )
      .execute();
    await recordAudit(trx, ctx, {
      action: 'settings.update',
      entity: 'settings',
      entityId: 'report_due_day',
      before: { day: before },
      after: { day },
    });
  });
  return { due_day: day };
}
