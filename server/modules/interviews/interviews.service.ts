import { sql } from 'kysely';
import { isValidDate, todayCst } from '../../../shared/month.ts';
import { periodLabelZh, type InterviewStatus } from '../../../shared/schemas/assessments.ts';
import type { Deps } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { inRegionScope, type Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import * as runsRepo from '../assessments/assessments.repository.ts';
import * as repo from './interviews.repository.ts';

/**
 * Interview cases (约谈, seed 001 §4): a region flagged `interview` by a FINAL assessment run is called in by
 * the mayor. A case records the date, the people, the minutes, a rectification list (the `rectifications`
 * table with `source = 'assessment'`, worked through `PATCH /api/v1/rectifications/:id`) and the follow-up.
 * Status: planned → held (date and minutes recorded) → rectifying → closed (every rectification done).
 * Awards (奖励, seed 001 §5) are granted from the `award` flags of a final run; departments and partners
 * are recorded by hand.
 */

const MOVES: Record<InterviewStatus, InterviewStatus[]> = {
  planned: ['held'],
  held: ['rectifying', 'closed'],
  rectifying: ['closed'],
  closed: [],
};

function present(r: repo.InterviewRow) {
  return {
    ...r,
    interview_date: r.interview_date,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
  };
}

function checkDate(path: string, v: string | null | undefined) {
  if (v && !isValidDate(v)) {
    throw new AppError('VALIDATION', {
      message: `${path}: 日期无效`,
      details: [{ path, message: 'invalid date' }],
    });
  }
}

async function finalRun(deps: Deps, runId: string) {
  const run = await runsRepo.findRun(deps.db, runId);
  if (!run) throw notFound('考核结果');
  if (run.status !== 'final') {
    throw new AppError('RULE', {
      message: '考核结果定稿后才能据此约谈或表彰',
      details: { rule: 'run_not_final', status: run.status },
    });
  }
  return run;
}

export interface InterviewInput {
  run_id: string;
  region: string;
  interview_date?: string | null;
  location?: string | null;
  interviewer?: string | null;
  interviewee?: string | null;
  participants?: string | null;
}

/** Opens the case of one region flagged `interview` by a final run. */
export async function createInterview(deps: Deps, input: InterviewInput, ctx: AuditContext) {
  checkDate('interview_date', input.interview_date);
  const run = await finalRun(deps, input.run_id);
  const res = await runsRepo.result(deps.db, run.id, input.region);
  if (!res) throw notFound('考核结果');
  if (!res.flags.includes('interview')) {
    throw new AppError('RULE', {
      message: `${res.name}在该次考核中未被列入约谈`,
      details: { rule: 'not_flagged', region: input.region },
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('interview_cases')
      .select('id')
      .where('run_id', '=', run.id)
      .where('region', '=', input.region)
      .executeTakeFirst();
    if (exists) {
      throw new AppError('DUPLICATE', {
        message: `${res.name}的约谈已建立`,
        details: { id: exists.id },
      });
    }
    const row = await trx
      .insertInto('interview_cases')
      .values({
        run_id: run.id,
        region: input.region,
        reasons: res.interview_reasons,
        interview_date: input.interview_date ?? null,
        location: input.location ?? null,
        interviewer: input.interviewer ?? '市人民政府主要领导',
        interviewee: input.interviewee ?? `${res.name}人民政府主要负责人`,
        participants: input.participants ?? null,
        created_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = present((await repo.findInterview(trx, row.id))!);
    await recordAudit(trx, ctx, { action: 'interview.create', entity: 'interview', entityId: row.id, after });
    return after;
  });
}

/** Opens the cases of every region a final run flagged `interview` that has none yet. */
export async function createInterviewsForRun(deps: Deps, runId: string, ctx: AuditContext) {
  const run = await finalRun(deps, runId);
  const flagged = (await runsRepo.results(deps.db, run.id)).filter((r) => r.flags.includes('interview'));
  const existing = await deps.db
    .selectFrom('interview_cases')
    .select('region')
    .where('run_id', '=', run.id)
    .execute();
  const created = [];
  for (const r of flagged) {
    if (existing.some((e) => e.region === r.region)) continue;
    created.push(await createInterview(deps, { run_id: run.id, region: r.region }, ctx));
  }
  return { created, existing: existing.length };
}

export async function listInterviews(
  deps: Deps,
  actor: Actor,
  f: { run_id?: string; region?: string; status?: InterviewStatus },
) {
  const rows = await repo.listInterviews(deps.db, actor.regionScope, f);
  return { items: rows.map(present), total: rows.length };
}

async function visibleCase(deps: Deps, actor: Actor, id: string) {
  const c = await repo.findInterview(deps.db, id);
  if (!c || !inRegionScope(actor.regionScope, c.region)) throw notFound('约谈');
  return c;
}

export async function getInterview(deps: Deps, actor: Actor, id: string) {
  const c = await visibleCase(deps, actor, id);
  const [rects, result] = await Promise.all([
    repo.rectificationsOf(deps.db, id),
    runsRepo.result(deps.db, c.run_id, c.region),
  ]);
  const today = todayCst();
  return {
    ...present(c),
    period_label: periodLabelZh(c.period),
    result: result
      ? {
          score: result.score,
          rank: result.rank,
          flags: result.flags,
          interview_reasons: result.interview_reasons,
          figures: result.figures,
        }
      : null,
    rectification_items: rects.map((r) => ({
      ...r,
      overdue: r.status !== 'done' && r.deadline < today,
      created_at: r.created_at.toISOString(),
      updated_at: r.updated_at.toISOString(),
    })),
  };
}

export interface InterviewPatch {
  version: number;
  status?: InterviewStatus;
  interview_date?: string | null;
  location?: string | null;
  interviewer?: string | null;
  interviewee?: string | null;
  participants?: string | null;
  minutes?: string | null;
  follow_up?: string | null;
}

/** Records the interview and its follow-up; status moves planned → held → rectifying → closed. */
export async function updateInterview(
  deps: Deps,
  actor: Actor,
  id: string,
  input: InterviewPatch,
  ctx: AuditContext,
) {
  checkDate('interview_date', input.interview_date);
  const before = await visibleCase(deps, actor, id);
  if (before.status === 'closed') {
    throw new AppError('LOCKED', {
      message: '约谈已结案，不能再修改',
      details: { rule: 'interview_closed' },
    });
  }
  const merged = { ...before, ...input };
  if (input.status && input.status !== before.status) {
    if (!MOVES[before.status].includes(input.status)) {
      throw new AppError('RULE', {
        message: `约谈状态不能从 ${before.status} 变为 ${input.status}`,
        details: { rule: 'interview_transition', from: before.status, to: input.status },
      });
    }
    if (input.status === 'held' && (!merged.interview_date || !merged.minutes?.trim())) {
      throw new AppError('RULE', {
        message: '记录约谈须填写约谈日期和约谈纪要',
        details: { rule: 'interview_record' },
      });
    }
    if (input.status === 'closed') {
      if (before.open_rectifications > 0) {
        throw new AppError('RULE', {
          message: `还有 ${before.open_rectifications} 项整改未完成，不能结案`,
          details: { rule: 'rectifications_open', open: before.open_rectifications },
        });
      }
      if (!merged.follow_up?.trim()) {
        throw new AppError('RULE', { message: '结案须填写跟踪督办情况', details: { rule: 'follow_up' } });
      }
    }
  }
  return deps.db.transaction().execute(async (trx) => {
    const { version, ...fields } = input;
    const res = await trx
      .updateTable('interview_cases')
      .set({ ...fields, updated_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) {
      const current = await repo.findInterview(trx, id);
      throw new AppError('STALE_VERSION', { details: { current: current ? present(current) : null } });
    }
    const after = present((await repo.findInterview(trx, id))!);
    await recordAudit(trx, ctx, {
      action: 'interview.update',
      entity: 'interview',
      entityId: id,
      before: present(before),
      after,
    });
    return after;
  });
}

/** Adds a rectification item to a case (owner: the region's district unit unless given); a held case moves to rectifying. */
export async function addRectification(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { title: string; description?: string | null; deadline: string; owner_unit_id?: string | null },
  ctx: AuditContext,
) {
  checkDate('deadline', input.deadline);
  const c = await visibleCase(deps, actor, id);
  if (c.status === 'closed') {
    throw new AppError('LOCKED', {
      message: '约谈已结案，不能再添加整改事项',
      details: { rule: 'interview_closed' },
    });
  }
  if (input.deadline < todayCst()) {
    throw new AppError('VALIDATION', {
      message: 'deadline: 整改期限不能早于今天',
      details: [{ path: 'deadline', message: 'deadline in the past' }],
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    if (input.owner_unit_id) {
      const unit = await trx
        .selectFrom('units')
        .select('id')
        .where('id', '=', input.owner_unit_id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!unit) {
        throw new AppError('VALIDATION', {
          message: 'owner_unit_id: 单位不存在',
          details: [{ path: 'owner_unit_id', message: 'unknown unit' }],
        });
      }
    }
    const owner = input.owner_unit_id ?? (await repo.districtUnitOf(trx, c.region))?.id ?? null;
    const row = await trx
      .insertInto('rectifications')
      .values({
        source: 'assessment',
        source_id: id,
        item_id: null,
        region: c.region,
        owner_unit_id: owner,
        title: input.title,
        description: input.description ?? null,
        deadline: input.deadline,
        created_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'rectification.create',
      entity: 'rectification',
      entityId: row.id,
      after: { source: 'assessment', source_id: id, region: c.region, owner_unit_id: owner, ...input },
    });
    if (c.status === 'held') {
      await trx
        .updateTable('interview_cases')
        .set({ status: 'rectifying', updated_at: sql`now()`, version: sql`version + 1` })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, ctx, {
        action: 'interview.update',
        entity: 'interview',
        entityId: id,
        before: { status: 'held' },
        after: { status: 'rectifying' },
      });
    }
    return { id: row.id };
  });
}

// ---- awards ----------------------------------------------------------------------------------------------

function presentAward(a: Awaited<ReturnType<ReturnType<typeof repo.awardQuery>['execute']>>[number]) {
  return { ...a, created_at: a.created_at.toISOString() };
}

/** Grants the awards of a final run's `award` flags (idempotent: regions already awarded are skipped). */
export async function grantAwards(deps: Deps, runId: string, ctx: AuditContext) {
  const run = await finalRun(deps, runId);
  const awarded = (await runsRepo.results(deps.db, run.id)).filter((r) => r.flags.includes('award'));
  return deps.db.transaction().execute(async (trx) => {
    const created: string[] = [];
    for (const r of awarded) {
      const row = await trx
        .insertInto('awards')
        .values({
          run_id: run.id,
          recipient_kind: 'region',
          region: r.region,
          recipient_name: r.name,
          title: `${periodLabelZh(run.period)}招商引资考核先进地区`,
          rank: r.rank,
          score: r.score,
          created_by: ctx.actor.id,
        })
        .onConflict((oc) => oc.columns(['run_id', 'recipient_kind', 'region']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) {
        created.push(row.id);
        await recordAudit(trx, ctx, {
          action: 'award.create',
          entity: 'award',
          entityId: row.id,
          after: { run_id: run.id, region: r.region, rank: r.rank, score: r.score },
        });
      }
    }
    const items = await repo.awardQuery(trx).where('a.run_id', '=', run.id).orderBy('a.rank').execute();
    return { created: created.length, items: items.map(presentAward) };
  });
}

/** A department's or a partner's award, recorded by hand (seed 001 §5). */
export async function createAward(
  deps: Deps,
  input: {
    recipient_kind: 'department' | 'partner';
    recipient_name: string;
    unit_id?: string | null;
    title: string;
    note?: string | null;
    run_id?: string | null;
  },
  ctx: AuditContext,
) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('awards')
      .values({
        run_id: input.run_id ?? null,
        recipient_kind: input.recipient_kind,
        unit_id: input.unit_id ?? null,
        recipient_name: input.recipient_name,
        title: input.title,
        note: input.note ?? null,
        created_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = presentAward((await repo.awardQuery(trx).where('a.id', '=', row.id).executeTakeFirst())!);
    await recordAudit(trx, ctx, { action: 'award.create', entity: 'award', entityId: row.id, after });
    return after;
  });
}

export async function listAwards(deps: Deps, f: { run_id?: string; year?: number }) {
  let q = repo.awardQuery(deps.db);
  if (f.run_id) q = q.where('a.run_id', '=', f.run_id);
  if (f.year)
    q = q.where(
      sql<boolean>`(r.year = ${f.year} OR (a.run_id IS NULL AND extract(year FROM a.created_at) = ${f.year}))`,
    );
  const rows = await q.orderBy('a.created_at', 'desc').orderBy('a.rank').limit(500).execute();
  return { items: rows.map(presentAward), total: rows.length };
}
