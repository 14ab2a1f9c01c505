import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidUscc } from '../../shared/uscc.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { generateSynthetic, type SyntheticManifest } from './synthetic.ts';

let t: TestApp;
let m: SyntheticManifest;
const progress: string[] = [];
beforeAll(async () => {
  t = await createTestApp();
  m = await generateSynthetic({
    db: t.deps.db,
    scale: 'city',
    seed: 7,
    projects: 4000,
    asOf: '2026-06-30',
    onProgress: (p) => progress.push(p.phase),
  });
}, 300_000);
afterAll(() => t?.close());

describe('generateSynthetic', () => {
  it('writes what its manifest says, across the root’s counties, with progress', async () => {
    const db = t.deps.db;
    const n = async (table: 'projects' | 'enterprises') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await n('projects')).toBe(m.projects);
    expect(await n('enterprises')).toBe(m.enterprises);
    expect(m.projects).toBeGreaterThanOrEqual(4000);
    expect(m.regions).toBe(16);
    const regions = await db.selectFrom('projects').select('region').distinct().execute();
    expect(regions.every((r) => r.region.startsWith('12'))).toBe(true);
    expect(regions.length).toBe(16);
    expect(progress).toEqual(expect.arrayContaining(['enterprises', 'projects', 'history', 'done']));
    const stages = await db
      .selectFrom('projects')
      .select(['stage', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('stage')
      .execute();
    for (const s of stages) expect(Number(s.n)).toBe(m.stages[s.stage as keyof typeof m.stages]);
    // a realistic mix: every stage present, no stage above 40 %
    expect(stages).toHaveLength(7);
    for (const s of stages) expect(Number(s.n) / m.projects).toBeLessThan(0.4);
  });

  it('has long-tailed amounts, valid USCCs and Beijing as the first origin', async () => {
    const db = t.deps.db;
    const amounts = (await db.selectFrom('projects').select('planned_amount').execute()).map(
      (r) => r.planned_amount,
    );
    const sorted = [...amounts].sort((a, b) => Number(a) - Number(b));
    const median = Number(sorted[Math.floor(sorted.length / 2)]);
    const max = Number(sorted[sorted.length - 1]);
    expect(max / median).toBeGreaterThan(50);
    for (const a of amounts) expect(a).toMatch(/^\d+\.\d{2}$/);
    const ents = await db.selectFrom('enterprises').select(['uscc', 'hq_region', 'country']).execute();
    for (const e of ents) if (e.uscc) expect(isValidUscc(e.uscc)).toBe(true);
    const byProvince = new Map<string, number>();
    for (const e of ents) {
      const k = e.hq_region?.slice(0, 2) ?? e.country;
      byProvince.set(k, (byProvince.get(k) ?? 0) + 1);
    }
    const top = [...byProvince.entries()].sort((a, b) => b[1] - a[1])[0][0];
    expect(top).toBe('11');
    expect(byProvince.get('13')).toBeGreaterThan(0);
    expect(ents.some((e) => e.country !== 'CN')).toBe(true);
  });

  it('plants double counts that the review list finds, and shares investors across regions', async () => {
    expect(m.planted.filter((p) => p.kind === 'similar_investors').length).toBeGreaterThanOrEqual(3);
    expect(m.planted.filter((p) => p.kind === 'similar_projects').length).toBeGreaterThanOrEqual(3);
    const keys = new Set<string>();
    let investorRegions = 0;
    for (let page = 1; ; page++) {
      const res = await t.as(t.adminToken, {
        method: 'GET',
        url: `/api/v1/double-counts?page=${page}&page_size=200`,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      for (const i of body.items) {
        keys.add(i.key);
        if (i.kind === 'investor_regions') investorRegions++;
      }
      if (page * 200 >= body.total) break;
    }
    for (const p of m.planted) expect(keys.has(p.key), `${p.kind} ${p.names.join(' / ')}`).toBe(true);
    expect(m.shared_investors).toBeGreaterThan(0);
    expect(investorRegions).toBe(m.shared_investors);
  });

  it('is deterministic for a seed and different for another', async () => {
    const snap = async (tt: TestApp) =>
      (
        await tt.deps.db
          .selectFrom('projects')
          .select(['name', 'region', 'stage', 'planned_amount'])
          .orderBy('name')
          .orderBy('region')
          .execute()
      ).slice(0, 300);
    const same = await createTestApp();
    try {
      await generateSynthetic({
        db: same.deps.db,
        scale: 'city',
        seed: 7,
        projects: 4000,
        asOf: '2026-06-30',
      });
      expect(await snap(same)).toEqual(await snap(t));
    } finally {
      await same.close();
    }
    const other = await createTestApp();
    try {
      await generateSynthetic({
        db: other.deps.db,
        scale: 'city',
        seed: 8,
        projects: 500,
        asOf: '2026-06-30',
      });
      expect(await snap(other)).not.toEqual((await snap(t)).slice(0, (await snap(other)).length));
    } finally {
      await other.close();
    }
  });
});
