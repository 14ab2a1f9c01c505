import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidUscc } from '../../shared/uscc.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { seedOrganisation, type DemoOrg } from './organisation.ts';
import { seedPipeline } from './pipeline.ts';

let t: TestApp;
let org: DemoOrg;
beforeAll(async () => {
  t = await createTestApp();
  org = await seedOrganisation(t.deps);
  await seedPipeline(t.deps, org);
});
afterAll(() => t?.close());

describe('demo pipeline', () => {
  it('has some hundreds of projects in every stage and every district, with valid history', async () => {
    const db = t.deps.db;
    const projects = await db.selectFrom('projects').selectAll().execute();
    expect(projects.length).toBeGreaterThanOrEqual(300);
    const stages = new Set(projects.map((p) => p.stage));
    expect([...stages].sort()).toEqual([
      'construction',
      'dropped',
      'lead',
      'negotiating',
      'operating',
      'registered',
      'signed',
    ]);
    expect(new Set(projects.map((p) => p.region))).toEqual(new Set(org.regions.map((r) => r.code)));
    expect(projects.some((p) => p.key_level === 'city' && p.guarantor_id)).toBe(true);
    expect(projects.some((p) => p.major)).toBe(true);
    expect(projects.some((p) => p.polluting || p.outdated_capacity)).toBe(true);
    // every project's history walks the pipeline one step at a time, with evidence from signed on
    const transitions = await db
      .selectFrom('project_transitions')
      .selectAll()
      .orderBy('project_id')
      .orderBy('created_at')
      .execute();
    const byProject = new Map<string, typeof transitions>();
    for (const tr of transitions) byProject.set(tr.project_id, [...(byProject.get(tr.project_id) ?? []), tr]);
    const order = ['lead', 'negotiating', 'signed', 'registered', 'construction', 'operating'];
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    for (const p of projects) {
      const h = byProject.get(p.id)!;
      expect(h[0]).toMatchObject({ from_stage: null, to_stage: 'lead' });
      expect(h[h.length - 1].to_stage).toBe(p.stage);
      for (const [i, tr] of h.entries()) {
        expect(tr.date <= today).toBe(true);
        if (i === 0) continue;
        expect(tr.from_stage).toBe(h[i - 1].to_stage);
        if (tr.to_stage !== 'dropped')
          expect(order.indexOf(tr.to_stage)).toBe(order.indexOf(tr.from_stage!) + 1);
        if (order.indexOf(tr.to_stage) >= 2) expect(tr.evidence.length).toBe(1);
      }
      if ((p.polluting || p.outdated_capacity) && order.indexOf(p.stage) >= 2)
        expect(p.screening_override_reason).toBeTruthy();
    }
  });

  it('has investors from Beijing, Hebei, other provinces and abroad, with valid USCCs', async () => {
    const ents = await t.deps.db.selectFrom('enterprises').selectAll().execute();
    expect(ents.length).toBeGreaterThanOrEqual(100);
    for (const e of ents) if (e.uscc) expect(isValidUscc(e.uscc), e.name).toBe(true);
    const provinces = new Set(ents.map((e) => e.hq_region?.slice(0, 2) ?? e.country));
    for (const p of ['11', '13', '31', '44', 'DE', 'JP', 'US', 'HK']) expect(provinces.has(p), p).toBe(true);
    expect(ents.some((e) => (e.tags as Array<{ tag: string }>).some((x) => x.tag === 'private500'))).toBe(
      true,
    );
    expect(ents.some((e) => (e.tags as Array<{ tag: string }>).some((x) => x.tag === 'central_hq'))).toBe(
      true,
    );
  });

  it('plants double counts the office review list finds', async () => {
    const res = await t.as(t.adminToken, { method: 'GET', url: '/api/v1/double-counts?page_size=200' });
    const kinds = new Set(res.json().items.map((i: { kind: string }) => i.kind));
    expect(kinds).toEqual(new Set(['investor_regions', 'similar_investors', 'similar_projects']));
  });

  it('is deterministic', async () => {
    const other = await createTestApp();
    try {
      await seedPipeline(other.deps, await seedOrganisation(other.deps));
      const snap = (db: TestApp['deps']['db']) =>
        db
          .selectFrom('projects')
          .select(['code', 'name', 'region', 'stage', 'planned_amount', 'stage_date'])
          .orderBy('code')
          .execute();
      expect(await snap(other.deps.db)).toEqual(await snap(t.deps.db));
    } finally {
      await other.close();
    }
  });
});
