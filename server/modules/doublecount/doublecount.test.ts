import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../../shared/uscc.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { advance, cast, enterprise, project, type Cast } from '../projects/fixtures.ts';

let t: TestApp;
let c: Cast;
beforeAll(async () => {
  t = await createTestApp();
  c = await cast(t);
});
afterAll(() => t?.close());

interface Item {
  key: string;
  kind: string;
  reviewed: boolean;
  enterprises: Array<{ id: string }>;
  projects: Array<{ id: string; region: string }>;
  regions: Array<{ code: string }>;
}
const review = async (qs = '') => {
  const res = await t.as(c.office.token, { method: 'GET', url: `/api/v1/double-counts?page_size=200&${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number };
};

describe('double counting (重复统计)', () => {
  it('lists one investor with live projects in two regions; not when one of them is dropped or deleted', async () => {
    const inv = await enterprise(t, c.office.token, { name: '跨区投资的中建八局测试公司' });
    const a = await project(t, c.districtA.token, { investor_id: inv.id, name: '和平区总部楼宇项目' });
    const b = await project(t, c.districtB.token, {
      investor_id: inv.id,
      region: '120116',
      name: '滨海新区产业园项目',
    });
    const key = `inv-${inv.id}`;
    const item = (await review('kind=investor_regions')).items.find((i) => i.key === key);
    expect(item).toBeDefined();
    expect(new Set(item!.projects.map((p) => p.id))).toEqual(new Set([a.id, b.id]));
    expect(item!.regions.map((r) => r.code).sort()).toEqual(['120101', '120116']);
    // dropping one of them ends the candidate
    await t.as(c.districtB.token, {
      method: 'POST',
      url: `/api/v1/projects/${b.id}/transitions`,
      payload: { to: 'dropped', date: '2026-01-05', note: '企业放弃' },
    });
    expect((await review()).items.find((i) => i.key === key)).toBeUndefined();
    const c3 = await project(t, c.districtB.token, {
      investor_id: inv.id,
      region: '120116',
      name: '滨海新区第二个项目',
    });
    expect((await review()).items.find((i) => i.key === key)).toBeDefined();
    await t.as(c.districtB.token, { method: 'DELETE', url: `/api/v1/projects/${c3.id}` });
    expect((await review()).items.find((i) => i.key === key)).toBeUndefined();
  });

  it('lists enterprise records with near-identical names (similarity ≥ 0.8) and not merely similar ones', async () => {
    const e1 = await enterprise(t, c.office.token, { name: '北京京东方显示技术有限公司' });
    const e2 = await enterprise(t, c.office.token, {
      name: '北京京东方显示技术有限公司。',
      uscc: makeUscc(5550001, '110105'),
    });
    const far = await enterprise(t, c.office.token, { name: '北京京东方能源科技有限公司' });
    await project(t, c.districtA.token, { investor_id: e1.id, name: '显示面板配套项目' });
    await project(t, c.districtB.token, { investor_id: e2.id, region: '120116', name: '显示模组项目' });
    await project(t, c.districtB.token, { investor_id: far.id, region: '120116', name: '储能电站项目' });
    const pairs = (await review('kind=similar_investors')).items;
    const key = e1.id < e2.id ? `ent-${e1.id}-${e2.id}` : `ent-${e2.id}-${e1.id}`;
    expect(pairs.map((p) => p.key)).toContain(key);
    expect(pairs.some((p) => p.enterprises.some((e) => e.id === far.id))).toBe(false);
    const sim = await t.deps.db
      .selectNoFrom((eb) => eb.fn<number>('similarity', [eb.val(e1.name), eb.val(far.name)]).as('s'))
      .executeTakeFirstOrThrow();
    expect(Number(sim.s)).toBeLessThan(0.8);
  });

  it('lists two projects of one investor in one region with near-identical names', async () => {
    const inv = await enterprise(t, c.office.token, { name: '同区重复录入测试有限公司' });
    const p1 = await project(t, c.districtA.token, {
      investor_id: inv.id,
      name: '新一代信息技术产业园一期项目',
    });
    const save = await t.as(c.districtA.token, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: {
        name: '新一代信息技术产业园一期项目 ',
        investor_id: inv.id,
        region: '120101',
        industry: '6513',
      },
    });
    // the save succeeds, with a warning naming the project it resembles
    expect(save.statusCode).toBe(201);
    const warning = save
      .json()
      .warnings.find((w: { rule: string }) => w.rule === 'similar_project_same_region');
    expect(warning).toMatchObject({ kind: 'double_count', project: { id: p1.id } });
    const other = await project(t, c.districtA.token, { investor_id: inv.id, name: '生物医药研发中心' });
    const items = (await review('kind=similar_projects')).items.filter((i) =>
      i.projects.some((p) => p.id === p1.id),
    );
    expect(items).toHaveLength(1);
    expect(new Set(items[0].projects.map((p) => p.id))).toEqual(new Set([p1.id, save.json().id]));
    expect(items[0].projects.some((p) => p.id === other.id)).toBe(false);
  });

  it('warns a district saving a project of an investor active elsewhere; the save still succeeds', async () => {
    const inv = await enterprise(t, c.office.token, { name: '警示测试央企集团有限公司' });
    const first = await t.as(c.districtB.token, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: { name: '滨海物流基地', investor_id: inv.id, region: '120116', industry: '5411' },
    });
    expect(first.json().warnings).toEqual([]);
    const second = await t.as(c.districtA.token, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: { name: '和平区结算中心', investor_id: inv.id, region: '120101', industry: '7010' },
    });
    expect(second.statusCode).toBe(201);
    expect(second.json().warnings).toMatchObject([
      {
        kind: 'double_count',
        rule: 'same_investor_other_region',
        regions: [{ code: '120116', name: '滨海新区' }],
      },
    ]);
    // a PATCH is a save too
    const patched = await t.as(c.districtA.token, {
      method: 'PATCH',
      url: `/api/v1/projects/${second.json().id}`,
      payload: { version: 1, notes: '补充说明' },
    });
    expect(patched.json().warnings[0].rule).toBe('same_investor_other_region');
    // a similar investor name is a warning too
    const twin = await enterprise(t, c.office.token, {
      name: '警示测试央企集团有限公司。',
      uscc: makeUscc(5550002, '110105'),
    });
    const third = await t.as(c.districtA.token, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: { name: '另一个项目', investor_id: twin.id, region: '120101', industry: '7010' },
    });
    expect(third.json().warnings.map((w: { rule: string }) => w.rule)).toContain('similar_investor');
  });

  it('confirm-distinct hides a candidate until its records change, and is audited', async () => {
    const inv = await enterprise(t, c.office.token, { name: '确认不重复测试有限公司' });
    await project(t, c.districtA.token, { investor_id: inv.id, name: '甲项目' });
    await project(t, c.districtB.token, { investor_id: inv.id, region: '120116', name: '乙项目' });
    const key = `inv-${inv.id}`;
    const noNote = await t.as(c.office.token, {
      method: 'POST',
      url: `/api/v1/double-counts/${key}/confirm-distinct`,
      payload: {},
    });
    expect(noNote.statusCode).toBe(400);
    const ok = await t.as(c.office.token, {
      method: 'POST',
      url: `/api/v1/double-counts/${key}/confirm-distinct`,
      payload: { note: '经核实为两笔独立投资' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await review()).items.find((i) => i.key === key)).toBeUndefined();
    expect((await review('reviewed=only')).items.find((i) => i.key === key)).toMatchObject({
      reviewed: true,
    });
    // the district is not warned about it any more
    const p = (
      await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/projects?investor_id=${inv.id}` })
    ).json().items[0];
    const patched = await t.as(c.districtA.token, {
      method: 'PATCH',
      url: `/api/v1/projects/${p.id}`,
      payload: { version: p.version, notes: 'x' },
    });
    expect(patched.json().warnings).toEqual([]);
    // a new project of the investor brings it back
    await project(t, c.office.token, { investor_id: inv.id, region: '120103', name: '丙项目' });
    expect((await review()).items.find((i) => i.key === key)).toBeDefined();
    const audit = await t.as(t.adminToken, {
      method: 'GET',
      url: '/api/v1/audit?action=double_count.confirm_distinct',
    });
    expect(audit.json().items[0].after).toMatchObject({ key, note: '经核实为两笔独立投资' });
    // unknown or stale keys
    const unknown = await t.as(c.office.token, {
      method: 'POST',
      url: `/api/v1/double-counts/inv-00000000-0000-4000-8000-000000000000/confirm-distinct`,
      payload: { note: 'x' },
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await t.as(c.office.token, {
      method: 'POST',
      url: `/api/v1/double-counts/nonsense/confirm-distinct`,
      payload: { note: 'x' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('merges enterprise records: projects repointed, merged records gone, audited', async () => {
    const keep = await enterprise(t, c.office.token, {
      name: '合并测试新能源科技有限公司',
      tags: [{ tag: 'listed' }],
    });
    const dupe = await enterprise(t, c.office.token, {
      name: '合并测试新能源科技有限公司（重复）',
      uscc: null,
      country: 'HK',
      ownership: 'hmt',
      tags: [{ tag: 'global500' }],
      contacts: [{ name: '王总', phone: '13800000000' }],
    });
    const p1 = await project(t, c.districtA.token, { investor_id: keep.id });
    const p2 = await project(t, c.districtB.token, { investor_id: dupe.id, region: '120116' });
    await advance(t, c.districtB.token, p2.id, 'negotiating');
    expect(
      (
        await t.as(c.districtA.token, {
          method: 'POST',
          url: '/api/v1/double-counts/merge',
          payload: { keep_id: keep.id, merge_ids: [dupe.id], note: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const self = await t.as(c.office.token, {
      method: 'POST',
      url: '/api/v1/double-counts/merge',
      payload: { keep_id: keep.id, merge_ids: [keep.id], note: 'x' },
    });
    expect(self.statusCode).toBe(400);
    const res = await t.as(c.office.token, {
      method: 'POST',
      url: '/api/v1/double-counts/merge',
      payload: { keep_id: keep.id, merge_ids: [dupe.id], note: '同一企业重复建档' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ merged_ids: [dupe.id], projects_repointed: 1 });
    expect(
      res
        .json()
        .keep.tags.map((x: { tag: string }) => x.tag)
        .sort(),
    ).toEqual(['global500', 'listed']);
    expect(res.json().keep.contacts).toEqual([{ name: '王总', phone: '13800000000' }]);
    const moved = (await t.as(c.office.token, { method: 'GET', url: `/api/v1/projects/${p2.id}` })).json();
    expect(moved).toMatchObject({ investor_id: keep.id, stage: 'negotiating' });
    expect(
      (await t.as(c.office.token, { method: 'GET', url: `/api/v1/enterprises/${dupe.id}` })).statusCode,
    ).toBe(404);
    const page = (
      await t.as(c.office.token, { method: 'GET', url: `/api/v1/enterprises/${keep.id}` })
    ).json();
    expect(new Set(page.projects.map((p: { id: string }) => p.id))).toEqual(new Set([p1.id, p2.id]));
    const row = await t.deps.db
      .selectFrom('enterprises')
      .select(['merged_into', 'deleted_at'])
      .where('id', '=', dupe.id)
      .executeTakeFirstOrThrow();
    expect(row.merged_into).toBe(keep.id);
    const audit = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/audit?entity=project&entity_id=${p2.id}`,
    });
    expect(audit.json().items[0]).toMatchObject({
      action: 'project.investor_merged',
      after: { investor_id: keep.id },
    });
    const entAudit = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/audit?entity=enterprise&entity_id=${keep.id}`,
    });
    expect(entAudit.json().items[0]).toMatchObject({
      action: 'enterprise.merge',
      after: { merged_ids: [dupe.id] },
    });
  });

  it('is an office list: districts, departments and leaders get 403', async () => {
    for (const who of [c.districtA, c.department, c.leader, c.liaison]) {
      expect((await t.as(who.token, { method: 'GET', url: '/api/v1/double-counts' })).statusCode).toBe(403);
    }
  });
});
