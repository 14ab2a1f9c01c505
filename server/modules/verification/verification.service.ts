import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { money } from '../../../shared/money.ts';
import { isValidDate, todayCst } from '../../../shared/month.ts';
import type { Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { RectificationStatus, VerificationResult } from '../../db/tables/verification.ts';
import { AppError, notFound } from '../../errors.ts';
import { inRegionScope, regionPrefix, type Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import * as repo from './verification.repository.ts';

const DEFAULT_DAYS = 30;

function addDays(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function checkDeadline(deadline: string | undefined) {
  if (deadline === undefined) return addDays(todayCst(), DEFAULT_DAYS);
  if (!isValidDate(deadline)) {
    throw new AppError('VALIDATION', {
      message: 'deadline: 日期无效',
      details: [{ path: 'deadline', message: 'invalid date' }],
    });
  }
  return deadline;
}

function halfYear(period: string) {
  const year = period.slice(0, 4);
  return period.endsWith('H1')
    ? { from: `${year}-01-01`, to: `${year}-06-01` }
    : { from: `${year}-07-01`, to: `${year}-12-01` };
}

// ---------------------------------------------------------------- verification (核查)

/** Opens a verification of a half-year: draws a reproducible random sample of entries per region. */
export async function createVerification(
  deps: Deps,
  actor: Actor,
  input: { period: string; sample_size: number; seed?: string; title?: string },
  ctx: AuditContext,
) {
  const seed = input.seed ?? randomBytes(8).toString('hex');
  const { from, to } = halfYear(input.period);
  const title =
    input.title ??
    `${input.period.slice(0, 4)}年${input.period.endsWith('H1') ? '上' : '下'}半年利用内外资网上核查`;
  return deps.db.transaction().execute(async (trx) => {
    const v = await trx
      .insertInto('verifications')
      .values({ period: input.period, title, sample_size: input.sample_size, seed, created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await repo.drawSample(
      trx,
      v.id,
      seed,
      input.sample_size,
      from,
      to,
      regionPrefix(deps.config.MAGNET_ROOT_REGION),
    );
    const count = await trx
      .selectFrom('verification_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('verification_id', '=', v.id)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'verification.create',
      entity: 'verification',
      entityId: v.id,
      after: { ...input, seed, title, items: Number(count.n) },
    });
    return {
      id: v.id,
      period: input.period,
      title,
      seed,
      sample_size: input.sample_size,
      items: Number(count.n),
    };
  });
}

export async function listVerifications(deps: Deps) {
  const rows = await repo.listVerifications(deps.db);
  return {
    items: rows.map((r) => ({
      ...r,
      items: Number(r.items),
      checked: Number(r.checked),
      findings: Number(r.findings),
      created_at: r.created_at.toISOString(),
    })),
  };
}

export async function getVerification(deps: Deps, actor: Actor, id: string, region?: string) {
  const v = await repo.findVerification(deps.db, id);
  if (!v) throw notFound('核查');
  const items = await repo.verificationItems(deps.db, id, actor.regionScope, region);
  return {
    ...v,
    created_at: v.created_at.toISOString(),
    items: items.map((i) => ({
      ...i,
      amount: money(i.amount),
      checked_at: i.checked_at?.toISOString() ?? null,
    })),
  };
}

async function createRectification(
  trx: Transaction<DB>,
  ctx: AuditContext,
  r: {
    source: 'verification' | 'inspection';
    source_id: string;
    item_id: string;
    region: string;
    owner_unit_id?: string;
    title: string;
    description: string | null;
    deadline: string;
  },
) {
  const owner = r.owner_unit_id ?? (await repo.districtUnitOf(trx, r.region))?.id ?? null;
  const row = await trx
    .insertInto('rectifications')
    .values({
      source: r.source,
      source_id: r.source_id,
      item_id: r.item_id,
      region: r.region,
      owner_unit_id: owner,
      title: r.title,
      description: r.description,
      deadline: r.deadline,
      created_by: ctx.actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, {
    action: 'rectification.create',
    entity: 'rectification',
    entityId: row.id,
    after: { ...r, owner_unit_id: owner },
  });
  return row.id;
}

/**
 * Records the check of one sampled entry. `false` marks the entry false: it leaves every figure from
 * then on, and the next bulletin version shows the correction. `issue` and `false` open a rectification.
 */
export async function checkVerificationItem(
  deps: Deps,
  actor: Actor,
  verificationId: string,
  itemId: string,
  input: {
    result: Exclude<VerificationResult, 'pending'>;
    finding?: string;
    deadline?: string;
    owner_unit_id?: string;
  },
  ctx: AuditContext,
) {
  if (input.result !== 'confirmed' && !input.finding?.trim()) {
    throw new AppError('VALIDATION', {
      message: 'finding: 请填写发现的问题',
      details: [{ path: 'finding', message: 'required unless confirmed' }],
    });
  }
  const deadline = checkDeadline(input.deadline);
  return deps.db.transaction().execute(async (trx) => {
    const v = await trx
      .selectFrom('verifications')
      .selectAll()
      .where('id', '=', verificationId)
      .executeTakeFirst();
    if (!v) throw notFound('核查');
    if (v.status === 'closed')
      throw new AppError('RULE', {
        message: '核查已结束，不能再修改',
        details: { rule: 'verification_closed' },
      });
    const item = await trx
      .selectFrom('verification_items as i')
      .innerJoin('capital_entries as e', 'e.id', 'i.entry_id')
      .innerJoin('projects as p', 'p.id', 'e.project_id')
      .select([
        'i.id',
        'i.result',
        'i.region',
        'i.entry_id',
        'e.status as entry_status',
        'e.amount',
        sql<string>`to_char(e.month, 'YYYY-MM')`.as('month'),
        'e.kind',
        'p.name as project_name',
      ])
      .where('i.id', '=', itemId)
      .where('i.verification_id', '=', verificationId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw notFound('核查项');
    if (item.result !== 'pending') {
      throw new AppError('RULE', {
        message: '该项已核查，结论不能改写',
        details: { rule: 'item_already_checked', result: item.result },
      });
    }
    await trx
      .updateTable('verification_items')
      .set({
        result: input.result,
        finding: input.finding ?? null,
        checked_by: actor.id,
        checked_at: sql`now()`,
      })
      .where('id', '=', itemId)
      .execute();
    if (input.result === 'false') {
      await trx
        .updateTable('capital_entries')
        .set({
          status: 'false',
          status_reason: input.finding ?? null,
          updated_at: sql`now()`,
          version: sql`version + 1`,
        })
        .where('id', '=', item.entry_id)
        .execute();
      await recordAudit(trx, ctx, {
        action: 'capital.mark_false',
        entity: 'capital_entry',
        entityId: item.entry_id,
        before: { status: item.entry_status },
        after: { status: 'false', reason: input.finding, verification_id: verificationId },
      });
    }
    let rectificationId: string | null = null;
    if (input.result !== 'confirmed') {
      rectificationId = await createRectification(trx, ctx, {
        source: 'verification',
        source_id: verificationId,
        item_id: itemId,
        region: item.region,
        owner_unit_id: input.owner_unit_id,
        title: `${item.project_name} ${item.month} ${item.kind === 'domestic' ? '内资' : '外资'}到位 ${money(item.amount)}：${input.result === 'false' ? '数据不实' : '存在问题'}`,
        description: input.finding ?? null,
        deadline,
      });
    }
    await recordAudit(trx, ctx, {
      action: 'verification.check',
      entity: 'verification_item',
      entityId: itemId,
      before: { result: item.result },
      after: { result: input.result, finding: input.finding ?? null, rectification_id: rectificationId },
    });
    return { id: itemId, result: input.result, rectification_id: rectificationId };
  });
}

export async function closeVerification(deps: Deps, id: string, ctx: AuditContext) {
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('verifications')
      .set({ status: 'closed' })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound('核查');
    await recordAudit(trx, ctx, { action: 'verification.close', entity: 'verification', entityId: id });
  });
  return { id, status: 'closed' };
}

// ---------------------------------------------------------------- inspection (季检查)

/** Opens the quarterly inspection: a checklist item for every live key (市重点/区重点) or major project. */
export async function createInspection(
  deps: Deps,
  actor: Actor,
  input: { quarter: string; title?: string },
  ctx: AuditContext,
) {
  const title = input.title ?? `${input.quarter.slice(0, 4)}年第${input.quarter.slice(5)}季度重点项目检查`;
  return deps.db.transaction().execute(async (trx) => {
    const s = await trx
      .insertInto('inspections')
      .values({ quarter: input.quarter, title, created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`
      INSERT INTO inspection_items (inspection_id, project_id, region)
      SELECT ${s.id}::uuid, p.id, p.region FROM projects p
      WHERE p.deleted_at IS NULL AND p.stage <> 'dropped' AND (p.key_level IS NOT NULL OR p.major)
        AND p.region LIKE ${`${regionPrefix(deps.config.MAGNET_ROOT_REGION)}%`}`.execute(trx);
    const n = await trx
      .selectFrom('inspection_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('inspection_id', '=', s.id)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'inspection.create',
      entity: 'inspection',
      entityId: s.id,
      after: { ...input, title, items: Number(n.n) },
    });
    return { id: s.id, quarter: input.quarter, title, items: Number(n.n) };
  });
}

export async function listInspections(deps: Deps) {
  const rows = await repo.listInspections(deps.db);
  return {
    items: rows.map((r) => ({
      ...r,
      items: Number(r.items),
      checked: Number(r.checked),
      findings: Number(r.findings),
      created_at: r.created_at.toISOString(),
    })),
  };
}

export async function getInspection(deps: Deps, actor: Actor, id: string) {
  const s = await deps.db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound('检查');
  const items = await repo.inspectionItems(deps.db, id, actor.regionScope);
  return {
    ...s,
    created_at: s.created_at.toISOString(),
    items: items.map((i) => ({
      ...i,
      planned_amount: money(i.planned_amount),
      funds_in_place: money(i.funds_in_place),
      checked_at: i.checked_at?.toISOString() ?? null,
    })),
  };
}

/** Fills one project's checklist (progress, funds, problems); `issue` opens a rectification. */
export async function checkInspectionItem(
  deps: Deps,
  actor: Actor,
  inspectionId: string,
  itemId: string,
  input: {
    progress?: string;
    funds?: string;
    problems?: string;
    result: 'ok' | 'issue';
    deadline?: string;
    owner_unit_id?: string;
  },
  ctx: AuditContext,
) {
  if (input.result === 'issue' && !input.problems?.trim()) {
    throw new AppError('VALIDATION', {
      message: 'problems: 请填写存在的问题',
      details: [{ path: 'problems', message: 'required for an issue' }],
    });
  }
  const deadline = checkDeadline(input.deadline);
  return deps.db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('inspection_items as i')
      .innerJoin('projects as p', 'p.id', 'i.project_id')
      .innerJoin('inspections as s', 's.id', 'i.inspection_id')
      .select([
        'i.id',
        'i.region',
        'i.result',
        'i.progress',
        'i.funds',
        'i.problems',
        'p.name as project_name',
        's.status',
        's.quarter',
      ])
      .where('i.id', '=', itemId)
      .where('i.inspection_id', '=', inspectionId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw notFound('检查项');
    if (item.status === 'closed')
      throw new AppError('RULE', {
        message: '检查已结束，不能再修改',
        details: { rule: 'inspection_closed' },
      });
    await trx
      .updateTable('inspection_items')
      .set({
        progress: input.progress ?? item.progress,
        funds: input.funds ?? item.funds,
        problems: input.problems ?? item.problems,
        result: input.result,
        checked_by: actor.id,
        checked_at: sql`now()`,
      })
      .where('id', '=', itemId)
      .execute();
    let rectificationId: string | null = null;
    if (input.result === 'issue' && item.result !== 'issue') {
      rectificationId = await createRectification(trx, ctx, {
        source: 'inspection',
        source_id: inspectionId,
        item_id: itemId,
        region: item.region,
        owner_unit_id: input.owner_unit_id,
        title: `${item.quarter} 重点项目检查：${item.project_name}`,
        description: input.problems ?? null,
        deadline,
      });
    }
    await recordAudit(trx, ctx, {
      action: 'inspection.check',
      entity: 'inspection_item',
      entityId: itemId,
      before: { result: item.result, progress: item.progress, funds: item.funds, problems: item.problems },
      after: { ...input, rectification_id: rectificationId },
    });
    return { id: itemId, result: input.result, rectification_id: rectificationId };
  });
}

// ---------------------------------------------------------------- rectification (整改)

type RectRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof repo.rectificationQuery>['executeTakeFirst']>>
>;
function presentRect(r: RectRow, today = todayCst()) {
  return {
    ...r,
    overdue: r.status !== 'done' && r.deadline < today,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}

export async function listRectifications(
  deps: Deps,
  actor: Actor,
  f: {
    status?: RectificationStatus;
    region?: string;
    overdue?: boolean;
    source?: string;
    source_id?: string;
  },
) {
  let q = repo.rectificationQuery(deps.db);
  if (actor.regionScope.kind === 'subtree') q = q.where('x.region', 'like', `${actor.regionScope.prefix}%`);
  if (actor.regionScope.kind === 'none') q = q.where(sql<boolean>`false`);
  if (f.status) q = q.where('x.status', '=', f.status);
  if (f.region) q = q.where('x.region', 'like', `${regionPrefix(f.region)}%`);
  if (f.source) q = q.where('x.source', '=', f.source as 'verification');
  if (f.source_id) q = q.where('x.source_id', '=', f.source_id);
  if (f.overdue !== undefined) {
    const today = todayCst();
    q = f.overdue
      ? q.where('x.status', '!=', 'done').where('x.deadline', '<', today)
      : q.where((eb) => eb.or([eb('x.status', '=', 'done'), eb('x.deadline', '>=', today)]));
  }
  const rows = await q.orderBy('x.deadline').orderBy('x.created_at').execute();
  const items = rows.map((r) => presentRect(r));
  return { items, total: items.length, overdue: items.filter((i) => i.overdue).length };
}

const RECT_MOVES: Record<RectificationStatus, RectificationStatus[]> = {
  open: ['in_progress', 'submitted'],
  in_progress: ['submitted'],
  submitted: ['done', 'in_progress'],
  done: ['in_progress'],
};

/**
 * The owner district works the item (`in_progress` → `submitted` with evidence); the office accepts it
 * (`done`) or sends it back (`in_progress`). Carries `version`.
 */
export async function updateRectification(
  deps: Deps,
  actor: Actor,
  id: string,
  input: {
    version: number;
    status?: RectificationStatus;
    resolution?: string;
    evidence?: string[];
    deadline?: string;
  },
  ctx: AuditContext,
) {
  const before = await repo.rectificationQuery(deps.db).where('x.id', '=', id).executeTakeFirst();
  if (!before || !inRegionScope(actor.regionScope, before.region)) throw notFound('整改事项');
  const isOffice = actor.role === 'admin' || actor.role === 'office';
  if (input.status) {
    if (!RECT_MOVES[before.status].includes(input.status)) {
      throw new AppError('RULE', {
        message: `整改状态不能从 ${before.status} 变为 ${input.status}`,
        details: { rule: 'rectification_transition' },
      });
    }
    if (
      (input.status === 'done' ||
        (before.status === 'submitted' && input.status === 'in_progress') ||
        before.status === 'done') &&
      !isOffice
    ) {
      throw new AppError('FORBIDDEN', { message: '只有合作交流办可以验收或退回整改' });
    }
    if (
      input.status === 'submitted' &&
      !(input.evidence?.length || before.evidence.length) &&
      !input.resolution?.trim()
    ) {
      throw new AppError('RULE', {
        message: '提交整改须附整改说明或佐证材料',
        details: { rule: 'rectification_evidence' },
      });
    }
  }
  if (input.deadline !== undefined && !isOffice)
    throw new AppError('FORBIDDEN', { message: '只有合作交流办可以调整整改期限' });
  if (input.deadline !== undefined) checkDeadline(input.deadline);
  return deps.db.transaction().execute(async (trx) => {
    if (input.evidence?.length) {
      const found = await trx
        .selectFrom('attachments')
        .select('id')
        .where('id', 'in', input.evidence)
        .execute();
      if (found.length !== new Set(input.evidence).size) {
        throw new AppError('VALIDATION', {
          message: 'evidence: 附件不存在',
          details: [{ path: 'evidence', message: 'unknown attachment' }],
        });
      }
    }
    const res = await trx
      .updateTable('rectifications')
      .set({
        ...(input.status ? { status: input.status } : {}),
        ...(input.resolution !== undefined ? { resolution: input.resolution } : {}),
        ...(input.evidence ? { evidence: [...new Set([...before.evidence, ...input.evidence])] } : {}),
        ...(input.deadline ? { deadline: input.deadline } : {}),
        updated_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) {
      const current = await repo.rectificationQuery(trx).where('x.id', '=', id).executeTakeFirst();
      throw new AppError('STALE_VERSION', { details: { current: current ? presentRect(current) : null } });
    }
    const after = (await repo.rectificationQuery(trx).where('x.id', '=', id).executeTakeFirst())!;
    await recordAudit(trx, ctx, {
      action: 'rectification.update',
      entity: 'rectification',
      entityId: id,
      before,
      after,
    });
    return presentRect(after);
  });
}
