import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMonth } from '../../../shared/month.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { approveReport, insertEntry, insertProject } from '../../test/fixtures.ts';

/**
 * The assessment through the API on a real database, with every figure worked out by hand.
 *
 * 2026H1 (targets halved), default scheme: scale — domestic completion 40, foreign completion 20 (linear,
 * cap 1); quality — top-500/central-SOE share 15 (linear, 0.3), key projects started 10 (steps ≥1:4, ≥2:6,
 * ≥3:8, ≥5:10), strategic-industry share 15 (linear, 0.4).
 *
 * 和平 120101 — targets 2000 / 100 → 1000 / 50. Domestic: P1 (Beijing, private500, 2710 strategic, key city)
 *   300 + 200; P2 (Hebei, central SOE, 3311, major) 400; P3 (Shanghai, 6511 strategic) 100 → 1000 → 1.0 → 40.
 *   Foreign 20 / 50 = 0.4 → 8 (missed). Top-500 900/1000 = 0.9 → 15. Strategic 600/1000 = 0.6 → 15.
 *   Key started: P1 on 2026-04-10 (P2 on 2026-07-01 is outside H1) → 1 → 4.   Score 82 (scale 48).
 * 河东 120102 — targets 1000 / 0. Q1 (Beijing, global500, 3841) 300 + 300 = 600 / 500 → 1.2 → 40; foreign
 *   target 0 → exempt → 20; top-500 1.0 → 15; strategic 1.0 → 15; three key projects started → 8. Score 98.
 * 南开 120104 — targets 100 / 0. S1 (7310 strategic) 60 / 50 → 40; foreign exempt 20; strategic 15. Score 75.
 * 河西 120103 — targets 400 / 40 → 200 / 20. R1 (4710) 50 + 50 = 100 (its June entry of 80 is in an
 *   unapproved report and does not count) → 0.5 → 20; foreign 30 / 20 → 20. Score 40; missed domestic.
 * The twelve other districts have no targets and no figures: 0 points each, tied for the last places.
 * Ranks: 河东 1, 和平 2, 南开 3, 河西 4, the others 5.
 */

let t: TestApp;
let office: string;
let leader: string;
let hedong: string;
let schemeId: string;
let run1: string;
const ids: Record<string, string> = {};

const api = (token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  t.as(token, { method, url, ...(payload ? { payload } : {}) });

async function transition(projectId: string, to: string, date: string) {
  await t.deps.db
    .insertInto('project_transitions')
    .values({ project_id: projectId, to_stage: to, date })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  office = (await t.factory.actor('office')).token;
  leader = (await t.factory.actor('leader')).token;
  hedong = (await t.factory.actor('district', '120102')).token;
  const db = t.deps.db;

  const p1 = await insertProject(db, {
    region: '120101',
    origin: '110105',
    industry: '2710',
    key_level: 'city',
    tags: [{ tag: 'private500', year: 2025, rank: 12 }],
    name: '和平生物医药总部',
  });
  const p2 = await insertProject(db, {
    region: '120101',
    origin: '130102',
    industry: '3311',
    major: true,
    ownership: 'central_soe',
  });
  const p3 = await insertProject(db, { region: '120101', origin: '310000', industry: '6511' });
  const pf = await insertProject(db, {
    region: '120101',
    origin: 'US',
    capital_kind: 'foreign',
    industry: '3311',
  });
  const q1 = await insertProject(db, {
    region: '120102',
    origin: '110000',
    industry: '3841',
    key_level: 'district',
    tags: [{ tag: 'global500' }],
  });
  const q2 = await insertProject(db, {
    region: '120102',
    origin: '120103',
    industry: '3311',
    key_level: 'city',
  });
  const q3 = await insertProject(db, { region: '120102', origin: '120103', industry: '3311', major: true });
  const s1 = await insertProject(db, { region: '120104', origin: '440300', industry: '7310' });
  const r1 = await insertProject(db, { region: '120103', origin: '440300', industry: '4710' });
  const rf = await insertProject(db, {
    region: '120103',
    origin: 'JP',
    capital_kind: 'foreign',
    industry: '3311',
  });
  Object.assign(ids, { p1: p1.id, p2: p2.id, p3: p3.id, q1: q1.id });

  await insertEntry(db, p1.id, '2026-02', 'domestic', '300.00');
  await insertEntry(db, p1.id, '2026-05', 'domestic', '200.00');
  await insertEntry(db, p2.id, '2026-03', 'domestic', '400.00');
  await insertEntry(db, p3.id, '2026-06', 'domestic', '100.00');
  await insertEntry(db, p2.id, '2026-07', 'domestic', '999.00'); // after H1
  await insertEntry(db, pf.id, '2026-04', 'foreign', '20.00');
  await insertEntry(db, q1.id, '2026-01', 'domestic', '300.00');
  await insertEntry(db, q1.id, '2026-04', 'domestic', '300.00');
  await insertEntry(db, q1.id, '2025-02', 'domestic', '400.00');
  await insertEntry(db, s1.id, '2026-02', 'domestic', '60.00');
  await insertEntry(db, r1.id, '2026-01', 'domestic', '50.00');
  await insertEntry(db, r1.id, '2026-03', 'domestic', '50.00');
  await insertEntry(db, r1.id, '2026-06', 'domestic', '80.00'); // June not approved
  await insertEntry(db, rf.id, '2026-02', 'foreign', '30.00');

  await transition(p1.id, 'construction', '2026-04-10');
  await transition(p2.id, 'construction', '2026-07-01');
  await transition(q1.id, 'construction', '2026-02-01');
  await transition(q2.id, 'construction', '2026-03-15');
  await transition(q3.id, 'construction', '2026-05-20');
  await transition(q1.id, 'signed', '2026-01-05');

  for (let m = 1; m <= 7; m++) {
    for (const r of ['120101', '120102', '120104']) await approveReport(db, r, formatMonth(2026, m));
    if (m <= 5) await approveReport(db, '120103', formatMonth(2026, m));
  }
  await approveReport(db, '120102', '2025-02');
  await db
    .insertInto('monthly_reports')
    .values({ region: '120103', month: '2026-06-01', status: 'submitted' })
    .execute();

  const targets: Array<[string, string, string]> = [
    ['120101', '2000', '100'],
    ['120102', '1000', '0'],
    ['120103', '400', '40'],
    ['120104', '100', '0'],
  ];
  for (const [region, domestic, foreign] of targets) {
    const res = await api(t.adminToken, 'PUT', `/api/v1/targets/2026/${region}`, { domestic, foreign });
    expect(res.statusCode).toBe(200);
  }
  const schemes = await api(office, 'GET', '/api/v1/assessments/schemes');
  schemeId = schemes.json().items[0].id;
});
afterAll(() => t?.close());

describe('schemes', () => {
  it('ships the default scheme of SPEC §3.3', async () => {
    const res = await api(office, 'GET', `/api/v1/assessments/schemes/${schemeId}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      is_default: true,
      version: 1,
      used: false,
      weight_total: '100',
      status: 'active',
    });
    expect(
      s.indicators.map((i: { metric: string; group: string; weight: string }) => [
        i.metric,
        i.group,
        i.weight,
      ]),
    ).toEqual([
      ['domestic_completion', 'scale', '40'],
      ['foreign_completion', 'scale', '20'],
      ['top500_share', 'quality', '15'],
      ['key_projects_started', 'quality', '10'],
      ['strategic_share', 'quality', '15'],
    ]);
  });

  it('lists the metric catalog', async () => {
    const res = await api(leader, 'GET', '/api/v1/assessments/metrics');
    expect(res.json().items.map((m: { id: string }) => m.id)).toEqual([
      'domestic_completion',
      'foreign_completion',
      'domestic_growth',
      'beijing_share',
      'top500_share',
      'key_projects_started',
      'strategic_share',
      'top500_introduced',
      'projects_signed',
    ]);
  });

  it('refuses indicators whose weights do not add up to 100, unknown metrics and linear rules without a target', async () => {
    const res = await api(office, 'POST', '/api/v1/assessments/schemes', {
      name: '试行办法',
      effective_year: 2026,
      indicators: [
        {
          key: 'a',
          name: 'A',
          group: 'scale',
          metric: 'domestic_completion',
          weight: '50',
          rule: { type: 'linear' },
        },
        {
          key: 'b',
          name: 'B',
          group: 'quality',
          metric: 'no_such_metric',
          weight: '30',
          rule: { type: 'linear' },
        },
        {
          key: 'c',
          name: 'C',
          group: 'quality',
          metric: 'top500_share',
          weight: '10',
          rule: { type: 'linear' },
        },
      ],
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(['indicators.1.metric', 'indicators.2.rule.target_value', 'indicators']);
  });

  it('edits an unused scheme in place, and refuses a stale revision', async () => {
    const created = await api(office, 'POST', '/api/v1/assessments/schemes', {
      name: '试行办法',
      effective_year: 2026,
      status: 'draft',
      indicators: [
        {
          key: 'a',
          name: '内资',
          group: 'scale',
          metric: 'domestic_completion',
          weight: '100',
          rule: { type: 'linear' },
        },
      ],
    });
    expect(created.statusCode).toBe(201);
    const s = created.json();
    const body = { ...s, revision: s.revision, indicators: [{ ...s.indicators[0], name: '内资完成' }] };
    const put = await api(office, 'PUT', `/api/v1/assessments/schemes/${s.id}`, {
      name: body.name,
      effective_year: body.effective_year,
      indicators: body.indicators,
      revision: s.revision,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ version: 1, new_version: false, revision: 2 });
    const stale = await api(office, 'PUT', `/api/v1/assessments/schemes/${s.id}`, {
      name: body.name,
      effective_year: body.effective_year,
      indicators: body.indicators,
      revision: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
  });
});

describe('runs', () => {
  it('scores, ranks and flags every region under the root from approved figures (2026H1)', async () => {
    const res = await api(office, 'POST', '/api/v1/assessments/runs', {
      scheme_id: schemeId,
      period: '2026H1',
    });
    expect(res.statusCode).toBe(201);
    const run = res.json();
    run1 = run.id;
    expect(run).toMatchObject({
      period: '2026H1',
      scheme_id: schemeId,
      scheme_version: 1,
      status: 'draft',
      factor: '0.5',
    });
    expect(run.results).toHaveLength(16);
    const by = Object.fromEntries(run.results.map((r: { region: string }) => [r.region, r]));
    const points = (region: string) =>
      Object.fromEntries(
        by[region].breakdown.map((b: { indicator: string; points: string }) => [b.indicator, b.points]),
      );

    expect(by['120101']).toMatchObject({
      score: '82.00',
      scale_score: '48.00',
      quality_score: '34.00',
      rank: 2,
    });
    expect(points('120101')).toEqual({
      domestic_completion: '40.00',
      foreign_completion: '8.00',
      top500_share: '15.00',
      key_projects_started: '4.00',
      strategic_share: '15.00',
    });
    expect(by['120101'].flags).toEqual(['award', 'interview']);
    expect(by['120101'].interview_reasons).toEqual(['foreign_target']);
    expect(by['120101'].figures).toEqual({
      domestic: {
        actual: '1000.00',
        annual_target: '2000.00',
        target: '1000.00',
        completion: '1.0000',
        missed: false,
      },
      foreign: {
        actual: '20.00',
        annual_target: '100.00',
        target: '50.00',
        completion: '0.4000',
        missed: true,
      },
    });
    const top = by['120101'].breakdown.find((b: { indicator: string }) => b.indicator === 'top500_share');
    expect(top).toMatchObject({
      value: '0.9000',
      target: '0.3',
      inputs: { numerator: '900.00', denominator: '1000.00' },
    });

    expect(by['120102']).toMatchObject({ score: '98.00', rank: 1, flags: ['award'], interview_reasons: [] });
    expect(points('120102')).toMatchObject({ foreign_completion: '20.00', key_projects_started: '8.00' });
    expect(by['120102'].breakdown[1]).toMatchObject({ exempt: true, value: null });
    expect(by['120102'].figures.foreign).toMatchObject({ target: '0.00', missed: null });

    expect(by['120104']).toMatchObject({ score: '75.00', rank: 3, flags: ['award'] });
    expect(by['120103']).toMatchObject({ score: '40.00', rank: 4, flags: ['interview'] });
    expect(by['120103'].interview_reasons).toEqual(['domestic_target']);
    expect(by['120103'].figures.domestic).toMatchObject({
      actual: '100.00',
      target: '200.00',
      completion: '0.5000',
    });

    expect(by['120105']).toMatchObject({
      score: '0.00',
      rank: 5,
      flags: ['interview'],
      interview_reasons: ['bottom_three'],
    });
    expect(run.results.map((r: { rank: number }) => r.rank).slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(run.summary).toMatchObject({ regions: 16, award: 3, interview: 14 });
    const warn = run.warnings.find(
      (w: { region: string; code: string }) => w.region === '120103' && w.code === 'months_not_approved',
    );
    expect(warn.months).toEqual(['2026-06']);
    expect(run.warnings.filter((w: { code: string }) => w.code === 'no_target')).toHaveLength(12);
  });

  it('opens a score into the entries and projects behind it', async () => {
    const res = await api(leader, 'GET', `/api/v1/assessments/runs/${run1}/regions/120101`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    const ind = (k: string) => d.indicators.find((i: { indicator: string }) => i.indicator === k);
    const top = ind('top500_share');
    expect(top.matches_run).toBe(true);
    expect(top.explanation.totals).toEqual({ entries: 4, numerator: '900.00', denominator: '1000.00' });
    expect(
      top.explanation.items.map(
        (e: { project_id: string; month: string; amount: string; counted: boolean }) => [
          e.project_id,
          e.month,
          e.amount,
          e.counted,
        ],
      ),
    ).toEqual([
      [ids.p2, '2026-03', '400.00', true],
      [ids.p1, '2026-02', '300.00', true],
      [ids.p1, '2026-05', '200.00', true],
      [ids.p3, '2026-06', '100.00', false],
    ]);
    expect(ind('domestic_completion').explanation.totals).toMatchObject({ actual: '1000.00' });
    const started = ind('key_projects_started');
    expect(
      started.explanation.items.map((p: { project_id: string; date: string }) => [p.project_id, p.date]),
    ).toEqual([[ids.p1, '2026-04-10']]);
    expect(started.matches_run).toBe(true);
  });

  it('refuses a period that is not over, and an unknown scheme', async () => {
    const next = new Date().getUTCFullYear() + 1;
    const res = await api(office, 'POST', '/api/v1/assessments/runs', {
      scheme_id: schemeId,
      period: `${next}Q1`,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.rule).toBe('period_not_over');
    const bad = await api(office, 'POST', '/api/v1/assessments/runs', {
      scheme_id: schemeId,
      period: '2026H2',
    });
    expect(bad.statusCode).toBe(400);
    const none = await api(office, 'POST', '/api/v1/assessments/runs', {
      scheme_id: '00000000-0000-4000-8000-000000000000',
      period: '2026H1',
    });
    expect(none.statusCode).toBe(404);
  });

  it('a used scheme edited makes a new version; the old run keeps its version and its scores', async () => {
    const s = (await api(office, 'GET', `/api/v1/assessments/schemes/${schemeId}`)).json();
    expect(s.used).toBe(true);
    const indicators = s.indicators.map((i: { key: string; weight: string }) => ({
      ...i,
      weight: i.key === 'domestic_completion' ? '35' : i.key === 'foreign_completion' ? '25' : i.weight,
    }));
    const put = await api(office, 'PUT', `/api/v1/assessments/schemes/${schemeId}`, {
      name: s.name,
      effective_year: s.effective_year,
      indicators,
      revision: s.revision,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ version: 2, new_version: true, used: false });
    expect(put.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const v1 = (await api(office, 'GET', `/api/v1/assessments/schemes/${schemeId}?version=1`)).json();
    expect(v1.indicators[0].weight).toBe('40');

    const old = (await api(office, 'GET', `/api/v1/assessments/runs/${run1}`)).json();
    expect(old.scheme_version).toBe(1);
    expect(old.results.find((r: { region: string }) => r.region === '120101').score).toBe('82.00');

    // the stored version 1 cannot be changed behind the API's back either
    await expect(
      sql`UPDATE assessment_scheme_versions SET indicators = '[]' WHERE scheme_id = ${schemeId} AND version = 1`.execute(
        t.deps.db,
      ),
    ).rejects.toThrow(/never changes/);

    // recompute with version 2: 和平 35 + 25 × 0.4 + 15 + 4 + 15 = 79; 河西 35 × 0.5 + 25 = 42.50
    const res = await api(office, 'POST', '/api/v1/assessments/runs', {
      scheme_id: schemeId,
      period: '2026H1',
    });
    expect(res.statusCode).toBe(201);
    const run2 = res.json();
    expect(run2).toMatchObject({ scheme_version: 2, previous_run_id: run1 });
    const by = Object.fromEntries(run2.results.map((r: { region: string }) => [r.region, r]));
    expect([by['120101'].score, by['120102'].score, by['120104'].score, by['120103'].score]).toEqual([
      '79.00',
      '98.00',
      '75.00',
      '42.50',
    ]);

    const diff = await api(leader, 'GET', `/api/v1/assessments/runs/${run2.id}/diff`);
    expect(diff.statusCode).toBe(200);
    const d = diff.json();
    expect(d.against.id).toBe(run1);
    expect(d.same_scheme_version).toBe(false);
    expect(d.changes).toContainEqual({
      region: '120101',
      name: '和平区',
      field: 'score',
      from: '82.00',
      to: '79.00',
    });
    expect(d.changes).toContainEqual({
      region: '120101',
      name: '和平区',
      field: 'domestic_completion.points',
      from: '40.00',
      to: '35.00',
    });
    // 河东: 40 → 35 for domestic, 20 → 25 for its exempt foreign target: the same 98 points
    expect(
      d.changes
        .filter((c: { region: string }) => c.region === '120102')
        .map((c: { field: string }) => c.field),
    ).toEqual(['domestic_completion.points', 'foreign_completion.points']);
  });

  it('moves draft → reviewed → final, and a final run never changes', async () => {
    const fin = await api(office, 'POST', `/api/v1/assessments/runs/${run1}/finalize`);
    expect(fin.statusCode).toBe(422);
    expect((await api(office, 'POST', `/api/v1/assessments/runs/${run1}/review`)).json().status).toBe(
      'reviewed',
    );
    const done = await api(office, 'POST', `/api/v1/assessments/runs/${run1}/finalize`);
    expect(done.json()).toMatchObject({ status: 'final' });
    expect((await api(office, 'POST', `/api/v1/assessments/runs/${run1}/review`)).statusCode).toBe(422);
    await expect(
      sql`UPDATE assessment_runs SET note = 'x' WHERE id = ${run1}`.execute(t.deps.db),
    ).rejects.toThrow(/never changes/);
    await expect(
      sql`UPDATE assessment_results SET score = 100 WHERE run_id = ${run1}`.execute(t.deps.db),
    ).rejects.toThrow(/never change/);
    await expect(sql`DELETE FROM assessment_runs WHERE id = ${run1}`.execute(t.deps.db)).rejects.toThrow();
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'assessment_run')
      .where('entity_id', '=', run1)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'assessment_run.create',
      'assessment_run.review',
      'assessment_run.finalize',
    ]);
  });

  it('exports the result as Excel and as a notice in PDF and Word', async () => {
    const xlsx = await api(leader, 'GET', `/api/v1/assessments/runs/${run1}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await api(office, 'GET', `/api/v1/assessments/runs/${run1}/export.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await api(office, 'GET', `/api/v1/assessments/runs/${run1}/export.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain(
      encodeURIComponent('2026年上半年招商引资考核结果.docx'),
    );
  });
});

describe('scope', () => {
  it('a district sees final runs and its own region only', async () => {
    const list = (await api(hedong, 'GET', '/api/v1/assessments/runs')).json();
    expect(list.items.map((r: { id: string; status: string }) => r.status)).toEqual(['final']);
    const run = await api(hedong, 'GET', `/api/v1/assessments/runs/${run1}`);
    expect(run.statusCode).toBe(200);
    expect(run.json().results.map((r: { region: string }) => r.region)).toEqual(['120102']);
    expect((await api(hedong, 'GET', `/api/v1/assessments/runs/${run1}/regions/120102`)).statusCode).toBe(
      200,
    );
    expect((await api(hedong, 'GET', `/api/v1/assessments/runs/${run1}/regions/120101`)).statusCode).toBe(
      404,
    );
    const draft = (await api(office, 'GET', '/api/v1/assessments/runs?status=draft')).json().items[0];
    expect((await api(hedong, 'GET', `/api/v1/assessments/runs/${draft.id}`)).statusCode).toBe(404);
    expect(
      (await api(hedong, 'POST', '/api/v1/assessments/runs', { scheme_id: schemeId, period: '2026H1' }))
        .statusCode,
    ).toBe(403);
    expect((await api(hedong, 'GET', '/api/v1/cockpit?year=2026')).statusCode).toBe(403);
  });
});

describe('interviews and awards', () => {
  let caseId: string;

  it('opens a case from a final run’s interview flag only', async () => {
    const notFlagged = await api(office, 'POST', '/api/v1/interviews', { run_id: run1, region: '120102' });
    expect(notFlagged.statusCode).toBe(422);
    const res = await api(office, 'POST', '/api/v1/interviews', {
      run_id: run1,
      region: '120103',
      interview_date: '2026-07-20',
    });
    expect(res.statusCode).toBe(201);
    caseId = res.json().id;
    expect(res.json()).toMatchObject({
      region: '120103',
      reasons: ['domestic_target'],
      status: 'planned',
      version: 1,
    });
    expect(
      (await api(office, 'POST', '/api/v1/interviews', { run_id: run1, region: '120103' })).statusCode,
    ).toBe(409);
    const bulk = await api(office, 'POST', '/api/v1/interviews/bulk', { run_id: run1 });
    expect(bulk.statusCode).toBe(201);
    expect(bulk.json()).toMatchObject({ existing: 1 });
    expect(bulk.json().created).toHaveLength(13);
  });

  it('records the interview, its rectification items and the follow-up', async () => {
    const early = await api(office, 'PATCH', `/api/v1/interviews/${caseId}`, { version: 1, status: 'held' });
    expect(early.statusCode).toBe(422);
    const held = await api(office, 'PATCH', `/api/v1/interviews/${caseId}`, {
      version: 1,
      status: 'held',
      participants: '市长、河西区区长、市合作交流办主任',
      minutes: '河西区上半年内资仅完成序时目标的50%，须在三季度补齐。',
    });
    expect(held.statusCode).toBe(200);
    const deadline = `${new Date().getUTCFullYear() + 1}-03-31`;
    const rect = await api(office, 'POST', `/api/v1/interviews/${caseId}/rectifications`, {
      title: '制定内资补欠计划',
      deadline,
    });
    expect(rect.statusCode).toBe(201);
    const c = (await api(office, 'GET', `/api/v1/interviews/${caseId}`)).json();
    expect(c.status).toBe('rectifying');
    expect(c.rectification_items).toMatchObject([{ title: '制定内资补欠计划', status: 'open', deadline }]);
    const list = (
      await api(office, 'GET', `/api/v1/rectifications?source=assessment&source_id=${caseId}`)
    ).json();
    expect(list.items).toHaveLength(1);
    const close = await api(office, 'PATCH', `/api/v1/interviews/${caseId}`, {
      version: c.version,
      status: 'closed',
      follow_up: '已督办',
    });
    expect(close.statusCode).toBe(422);
    expect(close.json().error.details.rule).toBe('rectifications_open');
    const stale = await api(office, 'PATCH', `/api/v1/interviews/${caseId}`, {
      version: 1,
      location: '市政府',
    });
    expect(stale.statusCode).toBe(409);
  });

  it('a district sees its own cases only', async () => {
    const list = (await api(hedong, 'GET', '/api/v1/interviews')).json();
    expect(list.items.every((c: { region: string }) => c.region === '120102')).toBe(true);
    expect((await api(hedong, 'GET', `/api/v1/interviews/${caseId}`)).statusCode).toBe(404);
    expect((await api(leader, 'GET', `/api/v1/interviews/${caseId}`)).statusCode).toBe(200);
  });

  it('grants the awards of the top three once', async () => {
    const res = await api(office, 'POST', '/api/v1/awards/from-run', { run_id: run1 });
    expect(res.statusCode).toBe(201);
    expect(res.json().created).toBe(3);
    expect(res.json().items.map((a: { region: string; rank: number }) => [a.region, a.rank])).toEqual([
      ['120102', 1],
      ['120101', 2],
      ['120104', 3],
    ]);
    expect((await api(office, 'POST', '/api/v1/awards/from-run', { run_id: run1 })).json().created).toBe(0);
    expect((await api(hedong, 'GET', '/api/v1/awards?year=2026')).json().total).toBe(3);
  });
});

describe('cockpit', () => {
  it('shows the year as of the latest approved month, with drill-downs', async () => {
    const res = await api(leader, 'GET', '/api/v1/cockpit?year=2026');
    expect(res.statusCode).toBe(200);
    const c = res.json();
    // July is the latest approved month: 和平 1000 (+ P2's 999 in July), 河东 600, 南开 60; 河西's July is not approved
    expect(c.month).toBe('2026-07');
    expect(c.summary.domestic.ytd).toBe('2659.00');
    expect(c.ranking).toHaveLength(16);
    expect(c.ranking[0].drill).toEqual({ path: '/projects', query: { region: c.ranking[0].region } });
    expect(c.funnel.find((f: { stage: string }) => f.stage === 'signed').projects).toBe(10);
    expect(c.by_industry[0]).toMatchObject({
      section: 'C',
      drill: { path: '/projects', query: { industry: 'C', capital_kind: 'domestic' } },
    });
    expect(c.by_origin.beijing_goal).toBe('0.3333');
    expect(c.key_projects.items.length).toBeGreaterThan(0);
    expect(c.interviews.length).toBeGreaterThan(0);
    expect(c.trend.current).toHaveLength(7);
  });
});

describe('fewer than three regions', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await createTestApp({ MAGNET_ROOT_REGION: '360500' });
  });
  afterAll(() => small?.close());

  it('ranks two regions: the first awarded, the second called in', async () => {
    const db = small.deps.db;
    const p = await insertProject(db, { region: '360502', origin: '110105', industry: '2710' });
    await insertEntry(db, p.id, '2026-03', 'domestic', '80.00');
    for (let m = 1; m <= 6; m++) await approveReport(db, '360502', formatMonth(2026, m));
    for (const [region, domestic] of [
      ['360502', '100'],
      ['360521', '100'],
    ]) {
      await small.as(small.adminToken, {
        method: 'PUT',
        url: `/api/v1/targets/2026/${region}`,
        payload: { domestic, foreign: '0' },
      });
    }
    const scheme = (
      await small.as(small.adminToken, { method: 'GET', url: '/api/v1/assessments/schemes' })
    ).json().items[0];
    const res = await small.as(small.adminToken, {
      method: 'POST',
      url: '/api/v1/assessments/runs',
      payload: { scheme_id: scheme.id, period: '2026H1' },
    });
    expect(res.statusCode).toBe(201);
    // 渝水区: 80 / 50 → 40, foreign exempt 20, Beijing private investor (no tag) 0, strategic 2710 → 15 = 75
    // 分宜县: 0 + 20 + 0 + 0 + 0 = 20, missed domestic
    expect(
      res
        .json()
        .results.map(
          (r: {
            name: string;
            score: string;
            rank: number;
            flags: string[];
            interview_reasons: string[];
          }) => [r.name, r.score, r.rank, r.flags, r.interview_reasons],
        ),
    ).toEqual([
      ['渝水区', '75.00', 1, ['award'], []],
      ['分宜县', '20.00', 2, ['interview'], ['domestic_target', 'bottom_three']],
    ]);
  });
});

describe('rollup', () => {
  /** The rollup against the raw entries with the classes recomputed from the tags, industries and settings. */
  async function mismatches() {
    const res = await sql<{ n: number }>`
      WITH raw AS (
        SELECT e.region, e.month, e.kind, sum(e.amount) AS amount,
          coalesce(sum(e.amount) FILTER (WHERE k.top500), 0) AS top500,
          coalesce(sum(e.amount) FILTER (WHERE k.strategic), 0) AS strategic, count(*)::int AS entries
        FROM capital_entries e
        JOIN assessment_classes(ARRAY(SELECT id FROM projects)) k ON k.project_id = e.project_id
        WHERE e.status = 'valid' GROUP BY 1, 2, 3
      )
      SELECT count(*)::int AS n FROM raw FULL JOIN assessment_monthly a USING (region, month, kind)
      WHERE a.amount IS DISTINCT FROM raw.amount AND NOT (raw.amount IS NULL AND a.amount = 0)
         OR coalesce(a.top500_amount, 0) <> coalesce(raw.top500, 0)
         OR coalesce(a.strategic_amount, 0) <> coalesce(raw.strategic, 0)`.execute(t.deps.db);
    return res.rows[0].n;
  }

  it('follows entries, projects, investors and settings', async () => {
    expect(await mismatches()).toBe(0);
    // an investor becomes top 500; a project moves to a non-strategic industry and to another district
    await sql`UPDATE enterprises SET tags = '[{"tag":"global500"}]' WHERE id = (SELECT investor_id FROM projects WHERE id = ${ids.p3})`.execute(
      t.deps.db,
    );
    await sql`UPDATE projects SET industry = '3311', region = '120105' WHERE id = ${ids.p1}`.execute(
      t.deps.db,
    );
    // an entry found false, one changed, one deleted
    await sql`UPDATE capital_entries SET status = 'false' WHERE project_id = ${ids.p2} AND month = '2026-03-01'`.execute(
      t.deps.db,
    );
    await sql`UPDATE capital_entries SET amount = 333 WHERE project_id = ${ids.q1} AND month = '2026-01-01'`.execute(
      t.deps.db,
    );
    expect(await mismatches()).toBe(0);
    // the strategic list changes through the API: classes and rollup are rebuilt
    const res = await api(office, 'PUT', '/api/v1/assessments/settings', {
      strategic_industries: ['3311', 'M'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().strategic_industries.map((c: { code: string }) => c.code)).toEqual(['M', '3311']);
    expect(await mismatches()).toBe(0);
    const strategic = await sql<{
      s: string;
    }>`SELECT sum(strategic_amount) AS s FROM assessment_monthly WHERE region = '120105'`.execute(t.deps.db);
    expect(strategic.rows[0].s).toBe('500.00'); // P1's 300 + 200, now in 3311 and in 河北区
  });
});
