import type {
  EnterpriseCreate,
  EnterpriseListQuery,
  EnterprisePatch,
} from '../../../shared/schemas/enterprises.ts';
import { usccOrForeignIssue } from '../../../shared/schemas/enterprises.ts';
import type { Deps } from '../../context.ts';
import { AppError, notFound, ruleError } from '../../errors.ts';
import type { Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import { actorUserId } from '../jobs/jobs.service.ts';
import { projectsOfInvestor } from '../projects/projects.service.ts';
import { assertIndustry, assertRegion } from '../reference/reference.service.ts';
import { presentEnterprise } from './enterprises.presenter.ts';
import * as repo from './enterprises.repository.ts';

/** A second record for a USCC is refused and points to the first one (one enterprise per USCC). */
export function duplicateUscc(existing: { id: string; name: string }, uscc: string) {
  return new AppError('DUPLICATE', {
    message: `统一社会信用代码 ${uscc} 已登记为“${existing.name}”，请使用已有记录`,
    details: { existing_id: existing.id, existing_name: existing.name, uscc },
  });
}

function isUniqueViolation(e: unknown) {
  return (e as { code?: string }).code === '23505';
}

async function checkReferences(deps: Deps, v: { hq_region?: string | null; industry?: string | null }) {
  if (v.hq_region) await assertRegion(deps.db, v.hq_region, 'hq_region');
  if (v.industry) await assertIndustry(deps.db, v.industry);
}

export async function getEnterprise(deps: Deps, actor: Actor, id: string) {
  const e = await repo.findEnterprise(deps.db, id);
  if (!e) throw notFound('企业');
  return { ...presentEnterprise(e), projects: await projectsOfInvestor(deps, actor, id) };
}

export async function listEnterprises(deps: Deps, q: EnterpriseListQuery) {
  const { rows, total } = await repo.listEnterprises(deps.reader, q);
  return { items: rows.map(presentEnterprise), total, page: q.page, page_size: q.page_size };
}

export async function createEnterprise(deps: Deps, actor: Actor, ctx: AuditContext, input: EnterpriseCreate) {
  await checkReferences(deps, input);
  const uscc = input.uscc ?? null;
  if (uscc) {
    const existing = await repo.findByUscc(deps.db, uscc);
    if (existing) throw duplicateUscc(existing, uscc);
  }
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { id } = await repo.insertEnterprise(trx, {
        name: input.name,
        uscc,
        country: input.country ?? 'CN',
        ownership: input.ownership,
        hq_region: input.hq_region ?? null,
        industry: input.industry ?? null,
        tags: JSON.stringify(input.tags ?? []),
        contacts: JSON.stringify(input.contacts ?? []),
        notes: input.notes ?? null,
        created_by: actorUserId(actor),
      });
      const after = await repo.rawEnterprise(trx, id);
      await recordAudit(trx, ctx, { action: 'enterprise.create', entity: 'enterprise', entityId: id, after });
      return presentEnterprise((await repo.findEnterprise(trx, id))!);
    });
  } catch (e) {
    if (uscc && isUniqueViolation(e)) {
      const existing = await repo.findByUscc(deps.db, uscc);
      if (existing) throw duplicateUscc(existing, uscc);
    }
    throw e;
  }
}

export async function updateEnterprise(deps: Deps, ctx: AuditContext, id: string, input: EnterprisePatch) {
  const current = await repo.findEnterprise(deps.db, id);
  if (!current) throw notFound('企业');
  const { version, ...v } = input;
  const merged = {
    uscc: v.uscc !== undefined ? v.uscc : current.uscc,
    country: v.country ?? current.country,
  };
  const issue = usccOrForeignIssue(merged);
  if (issue)
    throw new AppError('VALIDATION', {
      message: `uscc: ${issue}`,
      details: [{ path: 'uscc', message: issue }],
    });
  await checkReferences(deps, v);
  if (v.uscc && v.uscc !== current.uscc) {
    const existing = await repo.findByUscc(deps.db, v.uscc);
    if (existing && existing.id !== id) throw duplicateUscc(existing, v.uscc);
  }
  const changes: repo.EnterpriseChanges = {};
  if (v.name !== undefined) changes.name = v.name;
  if (v.uscc !== undefined) changes.uscc = v.uscc;
  if (v.country !== undefined) changes.country = v.country;
  if (v.ownership !== undefined) changes.ownership = v.ownership;
  if (v.hq_region !== undefined) changes.hq_region = v.hq_region;
  if (v.industry !== undefined) changes.industry = v.industry;
  if (v.tags !== undefined) changes.tags = JSON.stringify(v.tags);
  if (v.contacts !== undefined) changes.contacts = JSON.stringify(v.contacts);
  if (v.notes !== undefined) changes.notes = v.notes;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const before = await repo.rawEnterprise(trx, id);
      const n = await repo.updateEnterpriseVersioned(trx, id, version, changes);
      if (n === 0) {
        const now = await repo.findEnterprise(trx, id);
        throw new AppError('STALE_VERSION', { details: { current: now ? presentEnterprise(now) : null } });
      }
      const after = await repo.rawEnterprise(trx, id);
      await recordAudit(trx, ctx, {
        action: 'enterprise.update',
        entity: 'enterprise',
        entityId: id,
        before,
        after,
      });
      return presentEnterprise((await repo.findEnterprise(trx, id))!);
    });
  } catch (e) {
    if (v.uscc && isUniqueViolation(e)) {
      const existing = await repo.findByUscc(deps.db, v.uscc);
      if (existing) throw duplicateUscc(existing, v.uscc);
    }
    throw e;
  }
}

export async function deleteEnterprise(deps: Deps, ctx: AuditContext, id: string) {
  const current = await repo.findEnterprise(deps.db, id);
  if (!current) throw notFound('企业');
  await deps.db.transaction().execute(async (trx) => {
    const n = await repo.liveProjectCount(trx, id);
    if (n > 0) {
      throw ruleError(`该企业仍有 ${n} 个项目，不能删除；可在重复统计中合并到另一企业`, {
        rule: 'enterprise_has_projects',
        projects: n,
      });
    }
    const before = await repo.rawEnterprise(trx, id);
    await repo.softDeleteEnterprise(trx, id);
    await recordAudit(trx, ctx, { action: 'enterprise.delete', entity: 'enterprise', entityId: id, before });
  });
}
