import { sql } from 'kysely';
import type { UnitKind } from '../../../shared/enums.ts';
import type { Deps } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { inRegion, regionPrefix } from '../../../shared/regions.ts';
import { inRegionScope, type Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import { assertRegion } from '../reference/reference.service.ts';
import * as repo from './units.repository.ts';

export interface UnitInput {
  name: string;
  kind: UnitKind;
  region: string;
  parent_id?: string | null;
}

export function presentUnit(u: NonNullable<Awaited<ReturnType<typeof repo.findUnit>>>) {
  return { ...u, created_at: u.created_at.toISOString(), updated_at: u.updated_at.toISOString() };
}

export async function listUnits(
  deps: Deps,
  actor: Actor,
  opts: { kind?: string; q?: string; region?: string },
) {
  const rows = await repo.listUnits(deps.db, {
    kind: opts.kind,
    q: opts.q,
    regionPrefix: opts.region ? regionPrefix(opts.region) : undefined,
  });
  // Units are the organisation chart: every staff member may read it. District users see their own
  // subtree and the city-level units (offices, departments) they work with.
  return rows.filter((u) => unitVisible(actor, u)).map(presentUnit);
}

function unitVisible(actor: Actor, u: { region: string; kind: string }) {
  return (
    actor.regionScope.kind === 'all' ||
    inRegionScope(actor.regionScope, u.region) ||
    ['office', 'department'].includes(u.kind)
  );
}

/** One unit, under the list's rule: another district's unit does not exist for a district user (404). */
export async function getUnit(deps: Deps, actor: Actor, id: string) {
  const u = await repo.findUnit(deps.db, id);
  if (!u || !unitVisible(actor, u)) throw notFound('单位');
  return presentUnit(u);
}

async function checkParent(deps: Deps, parentId: string | null | undefined, region: string, selfId?: string) {
  if (!parentId) return;
  if (parentId === selfId)
    throw new AppError('VALIDATION', {
      message: 'parent_id: 上级单位不能是自己',
      details: [{ path: 'parent_id', message: 'cannot be itself' }],
    });
  const parent = await repo.findUnit(deps.db, parentId);
  if (!parent) {
    throw new AppError('VALIDATION', {
      message: 'parent_id: 上级单位不存在',
      details: [{ path: 'parent_id', message: 'unknown unit' }],
    });
  }
  if (!inRegion(parent.region, region)) {
    throw new AppError('VALIDATION', {
      message: 'region: 下级单位的行政区划须在上级单位的区划之内',
      details: [{ path: 'region', message: 'must lie within the parent unit region' }],
    });
  }
}

export async function createUnit(deps: Deps, input: UnitInput, ctx: AuditContext) {
  await assertRegion(deps.db, input.region);
  await checkParent(deps, input.parent_id, input.region);
  return deps.db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('units')
      .select('id')
      .where('name', '=', input.name)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (clash)
      throw new AppError('DUPLICATE', {
        message: `单位“${input.name}”已存在`,
        details: { existing_id: clash.id },
      });
    const row = await trx
      .insertInto('units')
      .values({
        name: input.name,
        kind: input.kind,
        region: input.region,
        parent_id: input.parent_id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'unit.create', entity: 'unit', entityId: row.id, after: input });
    const created = await repo.findUnit(trx, row.id);
    return presentUnit(created!);
  });
}

export async function updateUnit(
  deps: Deps,
  id: string,
  input: Partial<UnitInput> & { version: number },
  ctx: AuditContext,
) {
  const before = await repo.findUnit(deps.db, id);
  if (!before) throw notFound('单位');
  const region = input.region ?? before.region;
  if (input.region) await assertRegion(deps.db, input.region);
  if (input.parent_id !== undefined) await checkParent(deps, input.parent_id, region, id);
  return deps.db.transaction().execute(async (trx) => {
    const { version, ...changes } = input;
    const res = await trx
      .updateTable('units')
      .set({ ...changes, updated_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) {
      const current = await repo.findUnit(trx, id);
      throw new AppError('STALE_VERSION', { details: { current: current ? presentUnit(current) : null } });
    }
    const after = await repo.findUnit(trx, id);
    await recordAudit(trx, ctx, { action: 'unit.update', entity: 'unit', entityId: id, before, after });
    return presentUnit(after!);
  });
}

export async function deleteUnit(deps: Deps, id: string, ctx: AuditContext) {
  const before = await repo.findUnit(deps.db, id);
  if (!before) throw notFound('单位');
  return deps.db.transaction().execute(async (trx) => {
    const users = await trx
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unit_id', '=', id)
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    if (Number(users.n) > 0)
      throw new AppError('RULE', { message: `该单位仍有 ${users.n} 个启用的用户，不能删除` });
    const children = await trx
      .selectFrom('units')
      .select('id')
      .where('parent_id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (children) throw new AppError('RULE', { message: '该单位仍有下级单位，不能删除' });
    await trx
      .updateTable('units')
      .set({ deleted_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, { action: 'unit.delete', entity: 'unit', entityId: id, before });
  });
}
