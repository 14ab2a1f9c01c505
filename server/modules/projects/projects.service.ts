import type { Kysely, Transaction } from 'kysely';
import { isCountryCode } from '../../../shared/countries.ts';
import type { CapitalKind, Stage } from '../../../shared/enums.ts';
import { money, moneyOrNull } from '../../../shared/money.ts';
import { todayCst } from '../../../shared/month.ts';
import type {
  DoubleCountWarning,
  ProjectCreate,
  ProjectDto,
  ProjectListQuery,
  ProjectPatch,
  TransitionInput,
} from '../../../shared/schemas/projects.ts';
import type { Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, forbidden, notFound, ruleError } from '../../errors.ts';
import { inRegionScope, regionPrefix, type Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import * as attachments from '../attachments/attachments.repository.ts';
import { warningsForProject } from '../doublecount/doublecount.service.ts';
import { actorUserId } from '../jobs/jobs.service.ts';
import { findRegion } from '../reference/reference.repository.ts';
import { assertIndustry, assertRegion } from '../reference/reference.service.ts';
import { presentProject, presentTransition } from './projects.presenter.ts';
import * as repo from './projects.repository.ts';
import { checkTransition } from './projects.rules.ts';

type Db = Kysely<DB> | Transaction<DB>;

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION', { message: `${path}: ${message}`, details: [{ path, message }] });

/**
 * Who may change a project (SPEC §1): office and admin everywhere; a district inside its region subtree;
 * a department where it is the responsible unit. Liaison units, leaders and enterprises only read.
 */
export function canWriteProject(
  actor: Actor,
  p: { region: string; responsible_unit_id: string | null },
): boolean {
  switch (actor.role) {
    case 'admin':
    case 'office':
      return true;
    case 'district':
      return inRegionScope(actor.regionScope, p.region);
    case 'department':
      return p.responsible_unit_id !== null && p.responsible_unit_id === actor.unitId;
    default:
      return false;
  }
}

export async function loadVisibleProject(deps: Deps, actor: Actor, id: string, db: Db = deps.db) {
  const p = await repo.findProject(db, actor, id);
  if (!p) throw notFound('项目');
  return p;
}

export async function loadWritableProject(deps: Deps, actor: Actor, id: string, db: Db = deps.db) {
  const p = await loadVisibleProject(deps, actor, id, db);
  if (!canWriteProject(actor, p)) {
    throw forbidden(
      actor.role === 'department' ? '部门用户只能修改本部门为责任单位的项目' : '无权修改该项目',
    );
  }
  return p;
}

async function present(db: Db, rows: repo.ProjectRow[]): Promise<ProjectDto[]> {
  const funds = await repo.fundsInPlace(db, rows);
  return rows.map((r) => presentProject(r, funds.get(r.id)));
}

export async function getProject(deps: Deps, actor: Actor, id: string) {
  const p = await loadVisibleProject(deps, actor, id);
  return (await present(deps.db, [p]))[0];
}

export async function listProjects(deps: Deps, actor: Actor, q: ProjectListQuery) {
  const { page, page_size, ...filters } = q;
  const { rows, total } = await repo.listProjects(deps.reader, actor, filters, {
    limit: page_size,
    offset: (page - 1) * page_size,
  });
  return { items: rows.map((r) => presentProject(r, r.funds_in_place)), total, page, page_size };
}

/** The projects of one investor the caller may see (enterprise page). */
export async function projectsOfInvestor(deps: Deps, actor: Actor, investorId: string) {
  const { rows } = await repo.listProjects(
    deps.db,
    actor,
    { investor_id: investorId, sort: '-created_at' },
    { limit: 500, offset: 0 },
  );
  return present(deps.db, rows);
}

/** `domestic` unless the money comes from abroad, Hong Kong, Macao or Taiwan (counted as foreign capital). */
export function capitalKindOf(origin: string): CapitalKind {
  if (/^[A-Z]{2}$/.test(origin)) return 'foreign';
  return ['71', '81', '82'].includes(origin.slice(0, 2)) ? 'foreign' : 'domestic';
}

/** The province of a domestic origin (`XX0000`, for the Beijing share); null for a country. */
export function originProvince(origin: string): string | null {
  return /^\d{6}$/.test(origin) ? `${origin.slice(0, 2)}0000` : null;
}

/** The human project number: `P<region>-<year>-<6-digit sequence>`, e.g. P120101-2026-000123. */
export function projectCode(region: string, year: string, n: number) {
  return `P${region}-${year}-${String(n).padStart(6, '0')}`;
}

/**
 * Where an investor's money comes from when the form leaves it out: its headquarters region, its country
 * when foreign, else the registering authority's region in its USCC (characters 3–8).
 */
export async function defaultOrigin(
  db: Db,
  investor: { hq_region: string | null; country: string; uscc: string | null },
): Promise<string | null> {
  if (investor.hq_region) return investor.hq_region;
  if (investor.country !== 'CN') return investor.country;
  if (investor.uscc) {
    const code = investor.uscc.slice(2, 8);
    if (await findRegion(db, code)) return code;
    const province = `${code.slice(0, 2)}0000`;
    if (await findRegion(db, province)) return province;
  }
  return null;
}

async function checkOrigin(db: Db, origin: string) {
  if (/^\d{6}$/.test(origin)) await assertRegion(db, origin, 'origin');
  else if (!isCountryCode(origin)) throw invalid('origin', `${origin} 不是 ISO 3166 国家代码`);
}

function checkRegionScope(actor: Actor, region: string) {
  if (actor.role === 'district' && !inRegionScope(actor.regionScope, region)) {
    throw invalid('region', `落地区域 ${region} 不在本单位管辖范围内`);
  }
}

/** Region, industry, investor, units and guarantor exist and fit together. */
async function checkReferences(
  deps: Deps,
  actor: Actor,
  v: Partial<ProjectCreate>,
  region: string,
): Promise<void> {
  const db = deps.db;
  if (v.region !== undefined) {
    await assertRegion(db, v.region);
    checkRegionScope(actor, v.region);
  }
  if (v.industry !== undefined) await assertIndustry(db, v.industry);
  if (v.investor_id !== undefined && !(await repo.findInvestor(db, v.investor_id))) {
    throw invalid('investor_id', '投资方企业不存在');
  }
  if (v.origin !== undefined) await checkOrigin(db, v.origin);
  if (v.unit_id) {
    const unit = await repo.findLiveUnit(db, v.unit_id);
    if (!unit) throw invalid('unit_id', '落地单位不存在');
    const fits = unit.region.startsWith(regionPrefix(region)) || region.startsWith(regionPrefix(unit.region));
    if (!fits) throw invalid('unit_id', `落地单位“${unit.name}”不在落地区域 ${region} 内`);
  }
  if (v.responsible_unit_id && !(await repo.findLiveUnit(db, v.responsible_unit_id))) {
    throw invalid('responsible_unit_id', '责任单位不存在');
  }
  if (v.guarantor_id) {
    const u = await repo.findActiveUser(db, v.guarantor_id);
    if (!u) throw invalid('guarantor_id', '包保领导不存在或已停用');
    if (u.role !== 'leader')
      throw invalid('guarantor_id', `包保领导须为领导（leader）角色的用户，${u.display_name} 不是`);
  }
}

async function warnings(db: Db, actor: Actor, id: string): Promise<DoubleCountWarning[]> {
  const p = await repo.findProject(db, actor, id);
  if (!p) return [];
  return warningsForProject(db, { id: p.id, name: p.name, region: p.region, investor_id: p.investor_id });
}

export async function createProject(deps: Deps, actor: Actor, ctx: AuditContext, input: ProjectCreate) {
  let responsible = input.responsible_unit_id ?? null;
  if (actor.role === 'department') {
    responsible = responsible ?? actor.unitId;
    if (responsible !== actor.unitId) throw forbidden('部门用户新建的项目须以本部门为责任单位');
  }
  await checkReferences(deps, actor, { ...input, responsible_unit_id: responsible }, input.region);
  const investor = (await repo.findInvestor(deps.db, input.investor_id))!;
  const origin = input.origin ?? (await defaultOrigin(deps.db, investor));
  if (!origin) throw invalid('origin', '请填写资金来源地（行政区划代码或国家代码）');
  const today = todayCst();
  return deps.db.transaction().execute(async (trx) => {
    const [n] = await repo.nextProjectNumbers(trx, 1);
    const { id } = await repo.insertProject(trx, {
      code: projectCode(input.region, today.slice(0, 4), n),
      name: input.name,
      region: input.region,
      unit_id: input.unit_id ?? null,
      investor_id: input.investor_id,
      origin,
      origin_province: originProvince(origin),
      capital_kind: input.capital_kind ?? capitalKindOf(origin),
      industry: input.industry,
      chain_node_id: null,
      carrier: input.carrier ?? null,
      planned_amount: money(input.planned_amount ?? '0'),
      contracted_amount: moneyOrNull(input.contracted_amount),
      stage_date: today,
      key_level: input.key_level ?? null,
      major: input.major ?? false,
      guarantor_id: input.guarantor_id ?? null,
      responsible_unit_id: responsible,
      introducer: input.introducer ?? null,
      introducer_kind: input.introducer_kind ?? null,
      expected_landing_date: input.expected_landing_date ?? null,
      notes: input.notes ?? null,
      polluting: input.polluting ?? false,
      outdated_capacity: input.outdated_capacity ?? false,
      screening_override_reason: null,
      screening_override_by: null,
      drop_reason: null,
      created_by: actorUserId(actor),
    });
    await repo.insertTransition(trx, {
      project_id: id,
      from_stage: null,
      to_stage: 'lead',
      date: today,
      note: '新建项目',
      evidence: [],
      override_reason: null,
      user_id: actorUserId(actor),
    });
    const after = await repo.rawProject(trx, id);
    await recordAudit(trx, ctx, { action: 'project.create', entity: 'project', entityId: id, after });
    const row = await loadVisibleProject(deps, actor, id, trx);
    const [dto] = await present(trx, [row]);
    return { ...dto, warnings: await warnings(trx, actor, id) };
  });
}

export async function updateProject(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  id: string,
  input: ProjectPatch,
) {
  const current = await loadWritableProject(deps, actor, id);
  const { version, ...v } = input;
  const region = v.region ?? current.region;
  if (
    actor.role === 'department' &&
    v.responsible_unit_id !== undefined &&
    v.responsible_unit_id !== actor.unitId
  ) {
    throw forbidden('部门用户不能把项目改派给其他责任单位');
  }
  await checkReferences(deps, actor, v, region);
  if (v.unit_id === undefined && v.region !== undefined && current.unit_id) {
    // a new region must still contain the landing unit
    await checkReferences(deps, actor, { unit_id: current.unit_id }, region);
  }
  const changes: repo.ProjectChanges = {};
  if (v.name !== undefined) changes.name = v.name;
  if (v.region !== undefined) changes.region = v.region;
  if (v.unit_id !== undefined) changes.unit_id = v.unit_id;
  if (v.investor_id !== undefined) changes.investor_id = v.investor_id;
  if (v.origin !== undefined) {
    changes.origin = v.origin;
    changes.origin_province = originProvince(v.origin);
  }
  if (v.capital_kind !== undefined) changes.capital_kind = v.capital_kind;
  if (v.industry !== undefined) changes.industry = v.industry;
  if (v.carrier !== undefined) changes.carrier = v.carrier;
  if (v.planned_amount !== undefined) changes.planned_amount = money(v.planned_amount);
  if (v.contracted_amount !== undefined) changes.contracted_amount = moneyOrNull(v.contracted_amount);
  if (v.key_level !== undefined) changes.key_level = v.key_level;
  if (v.major !== undefined) changes.major = v.major;
  if (v.guarantor_id !== undefined) changes.guarantor_id = v.guarantor_id;
  if (v.responsible_unit_id !== undefined) changes.responsible_unit_id = v.responsible_unit_id;
  if (v.introducer !== undefined) changes.introducer = v.introducer;
  if (v.introducer_kind !== undefined) changes.introducer_kind = v.introducer_kind;
  if (v.expected_landing_date !== undefined) changes.expected_landing_date = v.expected_landing_date;
  if (v.notes !== undefined) changes.notes = v.notes;
  if (v.polluting !== undefined) changes.polluting = v.polluting;
  if (v.outdated_capacity !== undefined) changes.outdated_capacity = v.outdated_capacity;

  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.rawProject(trx, id);
    const n = await repo.updateProjectVersioned(trx, id, version, changes);
    if (n === 0) {
      // someone else saved first: keep their data, hand the current record back
      const now = await repo.findProject(trx, actor, id);
      throw new AppError('STALE_VERSION', {
        details: { current: now ? (await present(trx, [now]))[0] : null },
      });
    }
    const after = await repo.rawProject(trx, id);
    await recordAudit(trx, ctx, { action: 'project.update', entity: 'project', entityId: id, before, after });
    const row = await loadVisibleProject(deps, actor, id, trx);
    const [dto] = await present(trx, [row]);
    return { ...dto, warnings: await warnings(trx, actor, id) };
  });
}

export async function deleteProject(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  await loadWritableProject(deps, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.rawProject(trx, id);
    await repo.softDeleteProject(trx, id);
    await recordAudit(trx, ctx, { action: 'project.delete', entity: 'project', entityId: id, before });
  });
}

/** A stage change (SPEC §3.1): the rules of projects.rules.ts, evidence, the timeline, the audit. */
export async function transitionProject(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  id: string,
  input: TransitionInput,
) {
  await loadWritableProject(deps, actor, id);
  const evidence = [...new Set(input.evidence ?? [])];
  const files = await attachments.visibleAttachmentsByIds(deps.db, actor, evidence);
  if (files.length !== evidence.length) {
    const seen = new Set(files.map((f) => f.id));
    throw invalid('evidence', `证明材料不存在或无权查看：${evidence.filter((e) => !seen.has(e)).join(', ')}`);
  }
  const foreign = files.find((f) => f.entity !== null && !(f.entity === 'project' && f.entity_id === id));
  if (foreign) throw invalid('evidence', `附件“${foreign.name}”已属于其他记录`);

  return deps.db.transaction().execute(async (trx) => {
    const p = await repo.lockProject(trx, id);
    if (!p) throw notFound('项目');
    const from = p.stage as Stage;
    const verdict = checkTransition({
      from,
      to: input.to,
      date: input.date,
      today: todayCst(),
      // a lead's date is the day it was entered; back-filled history may predate it
      currentStageDate: from === 'lead' ? null : p.stage_date,
      note: input.note,
      evidenceCount: files.length,
      flagged: { polluting: p.polluting, outdated_capacity: p.outdated_capacity },
      overridden: Boolean(p.screening_override_reason),
      overrideReason: input.override_reason,
      actorMayOverride: actor.role === 'office' || actor.role === 'admin',
    });
    if (!verdict.ok) throw ruleError(verdict.message, { rule: verdict.rule, from, to: input.to });
    await repo.setStage(trx, id, {
      stage: input.to,
      stage_date: input.date,
      ...(input.to === 'dropped' ? { drop_reason: input.note?.trim() ?? null } : {}),
      ...(verdict.appliesOverride
        ? {
            screening_override_reason: input.override_reason!,
            screening_override_by: actorUserId(actor) ?? undefined,
          }
        : {}),
    });
    const t = await repo.insertTransition(trx, {
      project_id: id,
      from_stage: from,
      to_stage: input.to,
      date: input.date,
      note: input.note?.trim() || null,
      evidence,
      override_reason: input.override_reason ?? null,
      user_id: actorUserId(actor),
    });
    await attachments.attachTo(trx, evidence, 'project', id);
    await recordAudit(trx, ctx, {
      action: 'project.transition',
      entity: 'project',
      entityId: id,
      before: { stage: from, stage_date: p.stage_date, version: p.version },
      after: {
        stage: input.to,
        stage_date: input.date,
        transition_id: t.id,
        note: input.note ?? null,
        evidence,
        override_reason: input.override_reason ?? null,
        override_applied: verdict.appliesOverride,
      },
    });
    const transition = await repo.findTransition(trx, t.id);
    const row = await loadVisibleProject(deps, actor, id, trx);
    const [project] = await present(trx, [row]);
    return {
      transition: presentTransition(
        transition,
        files.map((f) => ({ id: f.id, name: f.name, size: Number(f.size), mime: f.mime })),
      ),
      project,
    };
  });
}

/** The stage history, oldest first, with the evidence files the caller may see. */
export async function listTransitions(deps: Deps, actor: Actor, id: string) {
  await loadVisibleProject(deps, actor, id);
  const rows = await repo.listTransitions(deps.db, id);
  const ids = [...new Set(rows.flatMap((r) => r.evidence))];
  const files = await attachments.visibleAttachmentsByIds(deps.db, actor, ids);
  const byId = new Map(
    files.map((f) => [f.id, { id: f.id, name: f.name, size: Number(f.size), mime: f.mime }]),
  );
  return rows.map((r) =>
    presentTransition(
      r,
      r.evidence.flatMap((e) => byId.get(e) ?? []),
    ),
  );
}
