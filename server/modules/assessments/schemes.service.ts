import { sql } from 'kysely';
import { dec } from '../../../shared/money.ts';
import {
  indicatorSchema,
  type Indicator,
  type SchemeInput,
  type SchemeUpdate,
} from '../../../shared/schemas/assessments.ts';
import type { Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import * as repo from './assessments.repository.ts';
import { catalog, DEFAULT_INVESTORS, metricOf, type AssessmentSettings } from './metrics.ts';
import type { Kysely } from 'kysely';

/**
 * Assessment schemes (考核办法) as data. A scheme keeps its id; its content (name, year, indicators) lives in
 * numbered versions. Editing a version that no run has used changes it in place; editing one a run has used
 * makes a new version (the old run keeps the version it used, and a trigger keeps that version unchanged).
 * Every PUT carries the scheme's `revision` (optimistic concurrency, 409 when stale).
 */

type Problem = { path: string; message: string };

/** Rules a zod schema cannot see: known metrics, unique keys, weights summing to 100, points within weights. */
export function checkIndicators(indicators: Indicator[]): void {
  const problems: Problem[] = [];
  const keys = new Set<string>();
  let total = dec(0);
  indicators.forEach((ind, i) => {
    const at = (f: string) => `indicators.${i}.${f}`;
    if (keys.has(ind.key)) problems.push({ path: at('key'), message: `指标标识 ${ind.key} 重复` });
    keys.add(ind.key);
    const metric = metricOf(ind.metric);
    if (!metric) problems.push({ path: at('metric'), message: `指标库中没有 ${ind.metric}` });
    const weight = dec(ind.weight);
    if (weight.isZero()) problems.push({ path: at('weight'), message: '权重须大于 0' });
    total = total.plus(weight);
    const rule = ind.rule;
    if (rule.type === 'linear') {
      if (rule.target_value === null && metric && !metric.benchmark)
        problems.push({
          path: at('rule.target_value'),
          message: `指标“${metric.name.zh}”没有自带基准，线性计分须给出目标值`,
        });
      if (rule.target_value !== null && dec(rule.target_value).isZero() && metric?.unit === 'count')
        problems.push({ path: at('rule.target_value'), message: '目标值须大于 0' });
      if (dec(rule.cap).isZero()) problems.push({ path: at('rule.cap'), message: '封顶系数须大于 0' });
    }
    if (rule.type === 'steps') {
      const mins = rule.steps.map(([m]) => m);
      if (new Set(mins.map((m) => dec(m).toString())).size !== mins.length)
        problems.push({ path: at('rule.steps'), message: '分档门槛不能重复' });
      rule.steps.forEach(([, p], j) => {
        if (dec(p).greaterThan(weight))
          problems.push({ path: at(`rule.steps.${j}`), message: `档位得分 ${p} 超过权重 ${ind.weight}` });
      });
    }
    if (rule.type === 'rank') {
      rule.points.forEach((p, j) => {
        if (dec(p).greaterThan(weight))
          problems.push({ path: at(`rule.points.${j}`), message: `名次得分 ${p} 超过权重 ${ind.weight}` });
      });
      if (dec(rule.default).greaterThan(weight))
        problems.push({ path: at('rule.default'), message: `默认得分超过权重 ${ind.weight}` });
    }
  });
  if (!total.equals(100))
    problems.push({ path: 'indicators', message: `各指标权重合计须为 100（现为 ${total.toString()}）` });
  if (problems.length) {
    throw new AppError('VALIDATION', {
      message: `${problems[0].path}: ${problems[0].message}`,
      details: problems,
    });
  }
}

function parseIndicators(raw: unknown): Indicator[] {
  return (Array.isArray(raw) ? raw : []).map((i) => indicatorSchema.parse(i));
}

const weightTotal = (inds: Indicator[]) => inds.reduce((s, i) => s.plus(dec(i.weight)), dec(0)).toString();

function presentScheme(
  s: Awaited<ReturnType<typeof repo.listSchemes>>[number],
  versions?: Awaited<ReturnType<typeof repo.listVersions>>,
) {
  const indicators = parseIndicators(s.indicators);
  return {
    id: s.id,
    name: s.name,
    effective_year: s.effective_year,
    status: s.status,
    description: s.description,
    version: s.version,
    revision: s.revision,
    is_default: s.is_default,
    /** the current version has been used by a run: the next edit makes a new version */
    used: s.used_at !== null,
    runs: s.runs,
    weight_total: weightTotal(indicators),
    indicators,
    created_at: s.created_at.toISOString(),
    updated_at: s.updated_at.toISOString(),
    ...(versions
      ? {
          versions: versions.map((v) => ({
            version: v.version,
            name: v.name,
            effective_year: v.effective_year,
            used_at: v.used_at?.toISOString() ?? null,
            runs: v.runs,
            note: v.note,
            created_at: v.created_at.toISOString(),
            created_by: v.created_by_name,
          })),
        }
      : {}),
  };
}

export async function listSchemes(deps: Deps) {
  const rows = await repo.listSchemes(deps.db);
  return { items: rows.map((r) => presentScheme(r)) };
}

async function loadScheme(db: Kysely<DB>, id: string) {
  const row = (await repo.listSchemes(db)).find((s) => s.id === id);
  if (!row) throw notFound('考核办法');
  return presentScheme(row, await repo.listVersions(db, id));
}

/** A scheme with its current version, or (with `version`) the content of an older version. */
export async function getScheme(deps: Deps, id: string, version?: number) {
  const scheme = await loadScheme(deps.db, id);
  if (version === undefined || version === scheme.version) return scheme;
  const v = await repo.findVersion(deps.db, id, version);
  if (!v) throw notFound('考核办法版本');
  const indicators = parseIndicators(v.indicators);
  return {
    ...scheme,
    name: v.name,
    effective_year: v.effective_year,
    version: v.version,
    used: v.used_at !== null,
    weight_total: weightTotal(indicators),
    indicators,
    historical: true,
  };
}

export async function createScheme(deps: Deps, input: SchemeInput, ctx: AuditContext) {
  checkIndicators(input.indicators);
  return deps.db.transaction().execute(async (trx) => {
    const s = await trx
      .insertInto('assessment_schemes')
      .values({
        name: input.name,
        effective_year: input.effective_year,
        status: input.status ?? 'active',
        description: input.description ?? null,
        created_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('assessment_scheme_versions')
      .values({
        scheme_id: s.id,
        version: 1,
        name: input.name,
        effective_year: input.effective_year,
        indicators: JSON.stringify(input.indicators),
        note: input.note ?? null,
        created_by: ctx.actor.id,
      })
      .execute();
    const after = await loadScheme(trx, s.id);
    await recordAudit(trx, ctx, {
      action: 'assessment_scheme.create',
      entity: 'assessment_scheme',
      entityId: s.id,
      after,
    });
    return after;
  });
}

/**
 * Edits a scheme. When the current version has been used by a run and its content changes, a new version
 * is made (`new_version: true`); otherwise the version changes in place.
 */
export async function updateScheme(deps: Deps, id: string, input: SchemeUpdate, ctx: AuditContext) {
  checkIndicators(input.indicators);
  return deps.db.transaction().execute(async (trx) => {
    const s = await repo.findScheme(trx, id, true);
    if (!s) throw notFound('考核办法');
    const before = await loadScheme(trx, id);
    if (s.revision !== input.revision) {
      throw new AppError('STALE_VERSION', { details: { current: before } });
    }
    const current = (await repo.findVersion(trx, id, s.current_version))!;
    const contentChanged =
      current.name !== input.name ||
      current.effective_year !== input.effective_year ||
      JSON.stringify(parseIndicators(current.indicators)) !== JSON.stringify(input.indicators);
    let version = s.current_version;
    let newVersion = false;
    if (contentChanged && current.used_at !== null) {
      version = s.current_version + 1;
      newVersion = true;
      await trx
        .insertInto('assessment_scheme_versions')
        .values({
          scheme_id: id,
          version,
          name: input.name,
          effective_year: input.effective_year,
          indicators: JSON.stringify(input.indicators),
          note: input.note ?? null,
          created_by: ctx.actor.id,
        })
        .execute();
    } else if (contentChanged) {
      await trx
        .updateTable('assessment_scheme_versions')
        .set({
          name: input.name,
          effective_year: input.effective_year,
          indicators: JSON.stringify(input.indicators),
          ...(input.note !== undefined ? { note: input.note } : {}),
        })
        .where('scheme_id', '=', id)
        .where('version', '=', version)
        .execute();
    }
    await trx
      .updateTable('assessment_schemes')
      .set({
        name: input.name,
        effective_year: input.effective_year,
        ...(input.status ? { status: input.status } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        current_version: version,
        updated_at: sql`now()`,
        revision: sql`revision + 1`,
      })
      .where('id', '=', id)
      .execute();
    const after = await loadScheme(trx, id);
    await recordAudit(trx, ctx, {
      action: newVersion ? 'assessment_scheme.new_version' : 'assessment_scheme.update',
      entity: 'assessment_scheme',
      entityId: id,
      before,
      after,
    });
    return { ...after, new_version: newVersion };
  });
}

export function metricCatalog() {
  return { items: catalog() };
}

// ---- settings: the strategic emerging industries, the top-500 tags ---------------------------------------

const STRATEGIC_KEY = 'assessment.strategic_industries';
const INVESTORS_KEY = 'assessment.investors';

export async function loadSettings(db: Kysely<DB>): Promise<AssessmentSettings> {
  const [strategic, investors] = await Promise.all([
    repo.getSetting(db, STRATEGIC_KEY),
    repo.getSetting(db, INVESTORS_KEY),
  ]);
  const codes = ((strategic as { codes?: string[] } | null)?.codes ?? []).filter(Boolean);
  const inv = investors as { top500_tags?: string[]; central_soe?: boolean } | null;
  return {
    strategic: {
      prefixes: codes.filter((c) => /^\d+$/.test(c)),
      sections: codes.filter((c) => /^[A-T]$/.test(c)),
    },
    investors: {
      top500Tags: inv?.top500_tags?.length ? inv.top500_tags : DEFAULT_INVESTORS.top500Tags,
      centralSoe: inv?.central_soe ?? DEFAULT_INVESTORS.centralSoe,
    },
  };
}

export async function getSettings(deps: Deps) {
  const s = await loadSettings(deps.db);
  const strategic = (await repo.getSetting(deps.db, STRATEGIC_KEY)) as { note?: string } | null;
  const codes = [...s.strategic.sections, ...s.strategic.prefixes];
  const names = codes.length
    ? await deps.db.selectFrom('industries').select(['code', 'name']).where('code', 'in', codes).execute()
    : [];
  return {
    strategic_industries: codes.map((c) => ({
      code: c,
      name: names.find((n) => n.code === c)?.name ?? null,
    })),
    strategic_note: strategic?.note ?? null,
    top500_tags: s.investors.top500Tags,
    central_soe: s.investors.centralSoe,
  };
}

export async function putSettings(
  deps: Deps,
  input: { strategic_industries: string[]; top500_tags?: string[]; central_soe?: boolean; note?: string },
  ctx: AuditContext,
) {
  const codes = [...new Set(input.strategic_industries)];
  const found = codes.length
    ? await deps.db.selectFrom('industries').select('code').where('code', 'in', codes).execute()
    : [];
  const unknown = codes.filter((c) => !found.some((f) => f.code === c));
  if (unknown.length) {
    throw new AppError('VALIDATION', {
      message: `strategic_industries: 国民经济行业代码不存在：${unknown.join('、')}`,
      details: unknown.map((c) => ({ path: 'strategic_industries', message: `unknown GB/T 4754 code ${c}` })),
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    const before = await getSettings({ ...deps, db: trx });
    await repo.putSetting(trx, STRATEGIC_KEY, { codes, note: input.note ?? before.strategic_note });
    if (input.top500_tags || input.central_soe !== undefined) {
      await repo.putSetting(trx, INVESTORS_KEY, {
        top500_tags: input.top500_tags ?? before.top500_tags,
        central_soe: input.central_soe ?? before.central_soe,
      });
    }
    // the stored project classes and the rollup follow the new lists
    await repo.rebuildAssessmentRollup(trx);
    const after = await getSettings({ ...deps, db: trx });
    await recordAudit(trx, ctx, {
      action: 'settings.update',
      entity: 'settings',
      entityId: 'assessment',
      before,
      after,
    });
    return after;
  });
}
