import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { money } from '../../../shared/money.ts';
import type { DoubleCountWarning } from '../../../shared/schemas/projects.ts';
import type { Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import { presentEnterprise } from '../enterprises/enterprises.presenter.ts';
import * as enterprises from '../enterprises/enterprises.repository.ts';
import { actorUserId } from '../jobs/jobs.service.ts';
import * as repo from './doublecount.repository.ts';
import { similarNamePairs } from './similar-names.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Double counting (重复统计, SPEC §3.1): the same investment reported twice. Three kinds of candidates,
 * each with a stable key the office acts on:
 * - `inv-<enterprise>`: one investor (one record, so one USCC) with live projects in two or more regions;
 * - `ent-<a>-<b>`: two enterprise records whose names are near-identical (pg_trgm similarity ≥ 0.8), both
 *   with live projects — probably one investor entered twice (merge them);
 * - `prj-<a>-<b>`: two live projects of one investor in one region with near-identical names.
 * "Live" means not deleted and not dropped. A candidate confirmed as distinct stays hidden while the
 * records involved stay the same (its fingerprint); a new project of the investor brings it back.
 */
export type CandidateKind = 'investor_regions' | 'similar_investors' | 'similar_projects';
const KIND_OF_PREFIX = {
  inv: 'investor_regions',
  ent: 'similar_investors',
  prj: 'similar_projects',
} as const;

interface RawCandidate {
  key: string;
  kind: CandidateKind;
  enterpriseIds: string[];
  projectIds: string[];
  similarity: number | null;
  fingerprint: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const KEY_PATTERN = new RegExp(`^(inv-${UUID}|(ent|prj)-${UUID}-${UUID})$`);

export function fingerprint(kind: CandidateKind, ids: readonly string[]) {
  return createHash('sha256')
    .update(`${kind}:${[...ids].sort().join(',')}`)
    .digest('hex')
    .slice(0, 16);
}

const pairKey = (prefix: 'ent' | 'prj', a: string, b: string) =>
  a < b ? `${prefix}-${a}-${b}` : `${prefix}-${b}-${a}`;

function raw(
  key: string,
  kind: CandidateKind,
  enterpriseIds: string[],
  projectIds: string[],
  similarity: number | null,
): RawCandidate {
  return { key, kind, enterpriseIds, projectIds, similarity, fingerprint: fingerprint(kind, projectIds) };
}

async function allCandidates(db: Kysely<DB>): Promise<RawCandidate[]> {
  const out: RawCandidate[] = [];
  for (const r of await repo.investorsInSeveralRegions(db)) {
    out.push(raw(`inv-${r.investor_id}`, 'investor_regions', [r.investor_id], r.project_ids, null));
  }
  // candidates in memory (prefix filtering), confirmed by pg_trgm itself
  const candidates = similarNamePairs(await repo.liveInvestorNames(db), repo.SIMILARITY - 0.02);
  const pairs = await repo.confirmSimilarEnterprises(db, candidates);
  const live = await repo.liveProjectIdsOf(db, [...new Set(pairs.flatMap((p) => [p.a, p.b]))]);
  for (const p of pairs) {
    const ids = [...(live.get(p.a) ?? []), ...(live.get(p.b) ?? [])];
    out.push(raw(pairKey('ent', p.a, p.b), 'similar_investors', [p.a, p.b], ids, p.similarity));
  }
  for (const p of await repo.similarProjectPairs(db)) {
    out.push(raw(pairKey('prj', p.a, p.b), 'similar_projects', [], [p.a, p.b], p.similarity));
  }
  return out;
}

/** The current state of one candidate, or null if its records no longer make it one. */
async function candidateByKey(db: Db, key: string): Promise<RawCandidate | null> {
  if (!KEY_PATTERN.test(key)) return null;
  const prefix = key.slice(0, 3) as keyof typeof KIND_OF_PREFIX;
  const kind = KIND_OF_PREFIX[prefix];
  if (prefix === 'inv') {
    const id = key.slice(4);
    const ids = (await repo.liveProjectIdsOf(db, [id])).get(id) ?? [];
    const brief = await repo.projectsBrief(db, ids);
    if (new Set(brief.map((p) => p.region)).size < 2) return null;
    return raw(key, kind, [id], ids, null);
  }
  const a = key.slice(4, 40);
  const b = key.slice(41);
  if (prefix === 'ent') {
    const s = await repo.enterpriseSimilarity(db, a, b);
    if (s === null || s < repo.SIMILARITY) return null;
    const live = await repo.liveProjectIdsOf(db, [a, b]);
    if (!live.get(a)?.length || !live.get(b)?.length) return null;
    return raw(key, kind, [a, b], [...live.get(a)!, ...live.get(b)!], s);
  }
  const s = await repo.projectPairSimilarity(db, a, b);
  if (s === null || s < repo.SIMILARITY) return null;
  return raw(key, kind, [], [a, b], s);
}

const MESSAGES: Record<CandidateKind, string> = {
  investor_regions: '同一投资方在多个区域有在库项目，请核实是否为同一笔投资重复统计',
  similar_investors: '两个企业记录名称高度相似，可能是同一投资方重复建档',
  similar_projects: '同一投资方在同一区域有名称相近的项目，可能重复录入',
};

async function enrich(db: Db, items: RawCandidate[]) {
  const projects = await repo.projectsBrief(db, [...new Set(items.flatMap((c) => c.projectIds))]);
  const byProject = new Map(projects.map((p) => [p.id, p]));
  const entIds = new Set(items.flatMap((c) => c.enterpriseIds));
  for (const p of projects) entIds.add(p.investor_id);
  const ents = new Map((await repo.enterprisesBrief(db, [...entIds])).map((e) => [e.id, e]));
  return items.map((c) => {
    const ps = c.projectIds.flatMap((id) => byProject.get(id) ?? []);
    const entsOf = c.enterpriseIds.length ? c.enterpriseIds : [...new Set(ps.map((p) => p.investor_id))];
    const regions = [...new Map(ps.map((p) => [p.region, { code: p.region, name: p.region_name }])).values()];
    return {
      key: c.key,
      kind: c.kind,
      message: MESSAGES[c.kind],
      similarity: c.similarity === null ? null : Math.round(c.similarity * 1000) / 1000,
      fingerprint: c.fingerprint,
      enterprises: entsOf.flatMap((id) => {
        const e = ents.get(id);
        return e ? [{ id: e.id, name: e.name, uscc: e.uscc, country: e.country }] : [];
      }),
      regions,
      projects: ps.map((p) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        region: p.region,
        region_name: p.region_name,
        stage: p.stage,
        planned_amount: money(p.planned_amount),
        investor_id: p.investor_id,
      })),
    };
  });
}

const KIND_ORDER: Record<CandidateKind, number> = {
  similar_investors: 0,
  similar_projects: 1,
  investor_regions: 2,
};

/** The office review list (重复统计核查). */
export async function listDoubleCounts(
  deps: Deps,
  q: { kind?: CandidateKind; reviewed?: 'hide' | 'only' | 'all'; page: number; page_size: number },
) {
  const all = await allCandidates(deps.reader);
  const decided = await repo.reviews(deps.reader);
  const mode = q.reviewed ?? 'hide';
  const filtered = all
    .filter((c) => !q.kind || c.kind === q.kind)
    .filter((c) => {
      const reviewed = decided.get(c.key) === c.fingerprint;
      return mode === 'all' || (mode === 'only' ? reviewed : !reviewed);
    })
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.key.localeCompare(b.key));
  const page = filtered.slice((q.page - 1) * q.page_size, q.page * q.page_size);
  const items = (await enrich(deps.reader, page)).map((c) => ({
    ...c,
    reviewed: decided.get(c.key) === c.fingerprint,
  }));
  return { items, total: filtered.length, page: q.page, page_size: q.page_size };
}

export async function confirmDistinct(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  key: string,
  note: string,
) {
  return deps.db.transaction().execute(async (trx) => {
    const c = await candidateByKey(trx, key);
    if (!c) throw notFound('重复统计疑点');
    await repo.upsertReview(trx, {
      key,
      kind: c.kind,
      fingerprint: c.fingerprint,
      note,
      user_id: actorUserId(actor),
    });
    await recordAudit(trx, ctx, {
      action: 'double_count.confirm_distinct',
      entity: 'double_count',
      entityId: null,
      after: { key, kind: c.kind, fingerprint: c.fingerprint, note, projects: c.projectIds },
    });
    const [item] = await enrich(trx, [c]);
    return { ...item, reviewed: true };
  });
}

type Tag = { tag: string; year?: number; rank?: number };

/**
 * Merges enterprise records that are one investor: the merged records' projects move to `keep_id`, the
 * merged records are soft-deleted with a pointer to the survivor, the survivor takes over a USCC, region,
 * industry it lacked, and the union of tags and contacts. Audited per enterprise and per project.
 */
export async function mergeEnterprises(
  deps: Deps,
  ctx: AuditContext,
  input: { keep_id: string; merge_ids: string[]; note: string },
) {
  const mergeIds = [...new Set(input.merge_ids)];
  if (mergeIds.includes(input.keep_id)) {
    throw new AppError('VALIDATION', {
      message: 'merge_ids: 不能把企业合并到自己',
      details: [{ path: 'merge_ids', message: 'must not contain keep_id' }],
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    const keep = await enterprises.rawEnterprise(trx, input.keep_id);
    if (!keep || keep.deleted_at) throw notFound('保留的企业');
    const merged: Array<NonNullable<Awaited<ReturnType<typeof enterprises.rawEnterprise>>>> = [];
    for (const id of mergeIds) {
      const e = await enterprises.rawEnterprise(trx, id);
      if (!e || e.deleted_at) throw notFound(`企业 ${id}`);
      merged.push(e);
    }
    for (const e of merged) {
      await enterprises.softDeleteEnterprise(trx, e.id, keep.id);
      await recordAudit(trx, ctx, {
        action: 'enterprise.merged',
        entity: 'enterprise',
        entityId: e.id,
        before: e,
        after: { merged_into: keep.id, note: input.note },
      });
    }
    const tags = new Map<string, Tag>();
    for (const t of [...(keep.tags as Tag[]), ...merged.flatMap((e) => e.tags as Tag[])])
      if (!tags.has(t.tag)) tags.set(t.tag, t);
    const contacts = new Map<string, Record<string, string>>();
    for (const c of [...keep.contacts, ...merged.flatMap((e) => e.contacts)])
      contacts.set(`${c.name ?? ''}|${c.phone ?? ''}|${c.email ?? ''}`, c);
    const donor = (k: 'uscc' | 'hq_region' | 'industry') => keep[k] ?? merged.find((e) => e[k])?.[k] ?? null;
    await enterprises.updateEnterpriseVersioned(trx, keep.id, null, {
      uscc: donor('uscc'),
      hq_region: donor('hq_region'),
      industry: donor('industry'),
      tags: JSON.stringify([...tags.values()]),
      contacts: JSON.stringify([...contacts.values()]),
    });
    const moved = await repo.repointProjects(trx, mergeIds, keep.id);
    for (const pid of moved) {
      await recordAudit(trx, ctx, {
        action: 'project.investor_merged',
        entity: 'project',
        entityId: pid,
        after: { investor_id: keep.id, merged_from: mergeIds, note: input.note },
      });
    }
    const after = await enterprises.rawEnterprise(trx, keep.id);
    await recordAudit(trx, ctx, {
      action: 'enterprise.merge',
      entity: 'enterprise',
      entityId: keep.id,
      before: keep,
      after: { ...after, merged_ids: mergeIds, projects_repointed: moved, note: input.note },
    });
    return {
      keep: presentEnterprise((await enterprises.findEnterprise(trx, keep.id))!),
      merged_ids: mergeIds,
      projects_repointed: moved.length,
    };
  });
}

/** What a district is told when it saves a project that looks like a double count (the save stands). */
export async function warningsForProject(
  db: Db,
  p: { id: string; name: string; region: string; investor_id: string },
): Promise<DoubleCountWarning[]> {
  const out: Array<DoubleCountWarning & { fingerprint: string }> = [];
  const regions = await repo.otherRegionsOfInvestor(db, p.investor_id, p.region);
  if (regions.length) {
    const ids = (await repo.liveProjectIdsOf(db, [p.investor_id])).get(p.investor_id) ?? [];
    out.push({
      kind: 'double_count',
      rule: 'same_investor_other_region',
      key: `inv-${p.investor_id}`,
      message: `该投资方在${regions.map((r) => r.name).join('、')}也有在库项目，请核实是否为同一投资重复统计`,
      regions: regions.map((r) => ({ code: r.code, name: r.name })),
      fingerprint: fingerprint('investor_regions', ids),
    });
  }
  for (const q of await repo.similarProjectsOf(db, p)) {
    out.push({
      kind: 'double_count',
      rule: 'similar_project_same_region',
      key: pairKey('prj', p.id, q.id),
      message: `本区域已有同一投资方的相近项目“${q.name}”（${q.code}），请核实是否重复录入`,
      project: { id: q.id, code: q.code, name: q.name, similarity: Math.round(q.similarity * 1000) / 1000 },
      fingerprint: fingerprint('similar_projects', [p.id, q.id]),
    });
  }
  const similar = await repo.similarInvestorsOf(db, p.investor_id);
  if (similar.length) {
    const live = await repo.liveProjectIdsOf(db, [p.investor_id, ...similar.map((e) => e.id)]);
    for (const e of similar) {
      out.push({
        kind: 'double_count',
        rule: 'similar_investor',
        key: pairKey('ent', p.investor_id, e.id),
        message: `投资方名称与已有企业“${e.name}”高度相似，可能是同一企业重复建档`,
        enterprise: { id: e.id, name: e.name, similarity: Math.round(e.similarity * 1000) / 1000 },
        fingerprint: fingerprint('similar_investors', [
          ...(live.get(p.investor_id) ?? []),
          ...(live.get(e.id) ?? []),
        ]),
      });
    }
  }
  if (!out.length) return [];
  const decided = await repo.reviews(
    db,
    out.map((w) => w.key),
  );
  return out.filter((w) => decided.get(w.key) !== w.fingerprint).map(({ fingerprint: _f, ...w }) => w);
}
