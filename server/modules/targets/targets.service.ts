import { sql } from 'kysely';
import { dec, money } from '../../../shared/money.ts';
import type { Deps } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { inRegionScope, regionPrefix, type Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import { assertRegion } from '../reference/reference.service.ts';

export interface TargetInput {
  domestic: string;
  foreign: string;
  growth_rate?: string | null;
  beijing_share?: string | null;
  top500_count?: number | null;
}

function present(t: {
  year: number;
  region: string;
  domestic: string;
  foreign: string;
  growth_rate: string | null;
  beijing_share: string | null;
  top500_count: number | null;
  updated_at: Date;
  version: number;
}) {
  return {
    ...t,
    domestic: money(t.domestic),
    foreign: money(t.foreign),
    growth_rate: t.growth_rate === null ? null : dec(t.growth_rate).toFixed(4),
    beijing_share: t.beijing_share === null ? null : dec(t.beijing_share).toFixed(4),
    updated_at: t.updated_at.toISOString(),
  };
}

/** Sets a region's annual targets (万元 domestic, 万美元 foreign) and city-level goals; audited. */
export async function putTarget(
  deps: Deps,
  year: number,
  region: string,
  input: TargetInput,
  ctx: AuditContext,
) {
  await assertRegion(deps.db, region);
  return deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('targets')
      .selectAll()
      .where('year', '=', year)
      .where('region', '=', region)
      .executeTakeFirst();
    const values = {
      domestic: money(input.domestic),
      foreign: money(input.foreign),
      growth_rate: input.growth_rate ?? null,
      beijing_share: input.beijing_share ?? null,
      top500_count: input.top500_count ?? null,
      updated_by: ctx.actor.id || null,
    };
    await trx
      .insertInto('targets')
      .values({ year, region, ...values })
      .onConflict((oc) =>
        oc
          .columns(['year', 'region'])
          .doUpdateSet({ ...values, updated_at: sql`now()`, version: sql`targets.version + 1` }),
      )
      .execute();
    const after = await trx
      .selectFrom('targets')
      .selectAll()
      .where('year', '=', year)
      .where('region', '=', region)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: before ? 'target.update' : 'target.create',
      entity: 'target',
      entityId: `${year}/${region}`,
      before: before ? present(before) : null,
      after: present(after),
    });
    return present(after);
  });
}

/** Targets of a year for the regions directly under `parent` (default: the deployment root), and the parent's own. */
export async function listTargets(deps: Deps, actor: Actor, year: number, parent?: string) {
  const root = parent ?? deps.config.MAGNET_ROOT_REGION;
  const regions = await deps.db
    .selectFrom('regions as r')
    .leftJoin('targets as t', (j) => j.onRef('t.region', '=', 'r.code').on('t.year', '=', year))
    .select([
      'r.code as region',
      'r.name',
      't.domestic',
      't.foreign',
      't.growth_rate',
      't.beijing_share',
      't.top500_count',
      't.updated_at',
      't.version',
    ])
    .where((eb) => eb.or([eb('r.parent', '=', root), eb('r.code', '=', root)]))
    .orderBy('r.code')
    .execute();
  const items = regions
    .filter((r) => r.region !== root && inRegionScope(actor.regionScope, r.region))
    .map((r) => ({
      year,
      region: r.region,
      name: r.name,
      domestic: r.domestic === null ? null : money(r.domestic),
      foreign: r.foreign === null ? null : money(r.foreign),
      growth_rate: r.growth_rate,
      beijing_share: r.beijing_share,
      top500_count: r.top500_count,
      updated_at: r.updated_at?.toISOString() ?? null,
      version: r.version ?? 0,
    }));
  const own = regions.find((r) => r.region === root);
  return {
    year,
    parent: root,
    parent_target:
      own && own.domestic !== null
        ? {
            domestic: money(own.domestic),
            foreign: money(own.foreign ?? 0),
            growth_rate: own.growth_rate,
            beijing_share: own.beijing_share,
            top500_count: own.top500_count,
          }
        : null,
    items,
  };
}

export async function getTarget(deps: Deps, actor: Actor, year: number, region: string) {
  if (
    !inRegionScope(actor.regionScope, region) &&
    !(
      actor.regionScope.kind === 'subtree' &&
      regionPrefix(actor.regionScope.region).startsWith(regionPrefix(region))
    )
  ) {
    throw notFound('目标');
  }
  const t = await deps.db
    .selectFrom('targets')
    .selectAll()
    .where('year', '=', year)
    .where('region', '=', region)
    .executeTakeFirst();
  if (!t) throw notFound('目标');
  return present(t);
}
