import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { insertProject } from '../../test/fixtures.ts';

let t: TestApp;
let office: string;
let districtA: string;
let districtB: string;
let projectA: string;
let projectB: string;
const M = '2026-03';

beforeAll(async () => {
  t = await createTestApp();
  office = (await t.factory.actor('office')).token;
  districtA = (await t.factory.actor('district', '120101')).token;
  districtB = (await t.factory.actor('district', '120102')).token;
  projectA = (await insertProject(t.deps.db, { region: '120101', origin: '110108' })).id;
  projectB = (await insertProject(t.deps.db, { region: '120102' })).id;
});
afterAll(() => t?.close());

const entry = (token: string, payload: object) =>
  t.as(token, { method: 'POST', url: '/api/v1/capital-entries', payload });
const act = (token: string, region: string, action: string, payload?: object) =>
  t.as(token, { method: 'POST', url: `/api/v1/monthly-reports/${region}/${M}/${action}`, payload });

describe('capital entries', () => {
  it('records an amount as an exact decimal string', async () => {
    const res = await entry(districtA, {
      project_id: projectA,
      month: M,
      kind: 'domestic',
      amount: '1234.5',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      amount: '1234.50',
      month: M,
      kind: 'domestic',
      region: '120101',
      beijing: true,
    });
    const dup = await entry(districtA, { project_id: projectA, month: M, kind: 'domestic', amount: '1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.existing_id).toBe(res.json().id);
  });

  it('refuses floats, negative, over-precise, 20-digit amounts and impossible months', async () => {
    const bad: Array<[object, string]> = [
      [{ amount: 12.5 }, 'amount'],
      [{ amount: '-1.00' }, 'amount'],
      [{ amount: '1.005' }, 'amount'],
      [{ amount: '12345678901234567890' }, 'amount'],
      [{ month: '2026-13' }, 'month'],
      [{ month: '2099-01' }, 'month'],
      [{ kind: 'both' }, 'kind'],
    ];
    for (const [patch, field] of bad) {
      const res = await entry(districtA, {
        project_id: projectA,
        month: '2026-02',
        kind: 'foreign',
        amount: '1.00',
        ...patch,
      });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });

  it("a district cannot record for another district's project (404)", async () => {
    const res = await entry(districtA, { project_id: projectB, month: M, kind: 'domestic', amount: '1.00' });
    expect(res.statusCode).toBe(404);
    const list = await t.as(districtA, { method: 'GET', url: `/api/v1/capital-entries?month=${M}` });
    expect(list.json().items.every((e: { region: string }) => e.region === '120101')).toBe(true);
  });

  it('the grid saves all or nothing and shows totals', async () => {
    const p2 = (await insertProject(t.deps.db, { region: '120101', capital_kind: 'foreign', origin: 'US' }))
      .id;
    const bad = await t.as(districtA, {
      method: 'PUT',
      url: '/api/v1/capital-entries/grid',
      payload: {
        region: '120101',
        month: '2026-02',
        rows: [
          { project_id: p2, foreign: '10.00' },
          { project_id: projectB, domestic: '5.00' },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    const nothing = await t.as(districtA, { method: 'GET', url: '/api/v1/capital-entries?month=2026-02' });
    expect(nothing.json().total).toBe(0);
    const ok = await t.as(districtA, {
      method: 'PUT',
      url: '/api/v1/capital-entries/grid',
      payload: {
        region: '120101',
        month: '2026-02',
        rows: [
          { project_id: p2, foreign: '10.10' },
          { project_id: projectA, domestic: '0.20' },
        ],
      },
    });
    expect(ok.statusCode).toBe(200);
    const grid = await t.as(districtA, {
      method: 'GET',
      url: '/api/v1/capital-entries/grid?region=120101&month=2026-02',
    });
    expect(grid.json().totals).toEqual({ domestic: '0.20', foreign: '10.10' });
    expect(grid.json().rows.length).toBeGreaterThanOrEqual(2);
  });
});

describe('monthly report workflow', () => {
  it('draft → submitted locks the entries; a district cannot approve', async () => {
    const sub = await act(districtA, '120101', 'submit');
    expect(sub.statusCode).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'submitted', domestic_total: '1234.50', locked: true });
    const e = (
      await t.as(districtA, { method: 'GET', url: `/api/v1/capital-entries?month=${M}&region=120101` })
    ).json().items[0];
    const patch = await t.as(districtA, {
      method: 'PATCH',
      url: `/api/v1/capital-entries/${e.id}`,
      payload: { version: e.version, amount: '1.00' },
    });
    expect(patch.statusCode).toBe(422);
    expect(patch.json().error.code).toBe('LOCKED');
    expect((await act(districtA, '120101', 'approve')).statusCode).toBe(403);
  });

  it("a district cannot submit another district's report (404)", async () => {
    expect((await act(districtA, '120102', 'submit')).statusCode).toBe(404);
    expect((await act(districtB, '120102', 'submit')).statusCode).toBe(200);
  });

  it('returned with a reason is editable again; approval locks; reopen needs a reason and is audited', async () => {
    expect((await act(office, '120101', 'return', {})).statusCode).toBe(400);
    const ret = await act(office, '120101', 'return', { reason: '金额与凭证不符' });
    expect(ret.json()).toMatchObject({
      status: 'returned',
      returned_reason: '金额与凭证不符',
      locked: false,
    });
    const e = (
      await t.as(districtA, { method: 'GET', url: `/api/v1/capital-entries?month=${M}&region=120101` })
    ).json().items[0];
    const patch = await t.as(districtA, {
      method: 'PATCH',
      url: `/api/v1/capital-entries/${e.id}`,
      payload: { version: e.version, amount: '1200.00' },
    });
    expect(patch.statusCode).toBe(200);
    expect((await act(districtA, '120101', 'submit')).statusCode).toBe(200);
    const appr = await act(office, '120101', 'approve');
    expect(appr.json()).toMatchObject({ status: 'approved', domestic_total: '1200.00' });
    // approve twice: a rule refuses it
    const again = await act(office, '120101', 'approve');
    expect(again.statusCode).toBe(422);
    const create = await entry(districtA, {
      project_id: projectA,
      month: M,
      kind: 'foreign',
      amount: '1.00',
    });
    expect(create.statusCode).toBe(422);
    const del = await t.as(districtA, { method: 'DELETE', url: `/api/v1/capital-entries/${e.id}` });
    expect(del.statusCode).toBe(422);
    const reopen = await act(office, '120101', 'reopen', { reason: '核查发现漏报' });
    expect(reopen.json()).toMatchObject({ status: 'draft', reopened_reason: '核查发现漏报' });
    expect(reopen.json().history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'return',
      'submit',
      'approve',
      'reopen',
    ]);
    const audit = await t.as(t.adminToken, {
      method: 'GET',
      url: '/api/v1/audit?entity=monthly_report&action=report.reopen',
    });
    expect(audit.json().items[0]).toMatchObject({
      entity_id: `120101/${M}`,
      after: { reason: '核查发现漏报' },
    });
  });

  it('the office queue lists every district with its status and flags late reports', async () => {
    const q = await t.as(office, { method: 'GET', url: `/api/v1/monthly-reports?month=${M}` });
    expect(q.statusCode).toBe(200);
    const by = Object.fromEntries(q.json().items.map((i: { region: string }) => [i.region, i]));
    expect(by['120102'].status).toBe('submitted');
    expect(by['120101'].status).toBe('draft');
    // March 2026 was due on 5 April 2026: a draft today is late
    expect(by['120101'].late).toBe(true);
    expect(q.json().due_date).toBe('2026-04-05');
    const setDue = await t.as(office, {
      method: 'PUT',
      url: '/api/v1/monthly-reports/settings',
      payload: { due_day: 10 },
    });
    expect(setDue.statusCode).toBe(200);
    expect(
      (await t.as(office, { method: 'GET', url: `/api/v1/monthly-reports?month=${M}` })).json().due_date,
    ).toBe('2026-04-10');
    const districtView = await t.as(districtA, { method: 'GET', url: `/api/v1/monthly-reports?month=${M}` });
    expect(districtView.json().items.map((i: { region: string }) => i.region)).toEqual(['120101']);
  });

  it('the report lists foreign-registered, landing-soon and negotiating projects', async () => {
    const soon = await insertProject(t.deps.db, {
      region: '120101',
      stage: 'negotiating',
      expected_landing_date: '2026-06-30',
      name: '半年内落地项目',
    });
    const r = await t.as(districtA, { method: 'GET', url: `/api/v1/monthly-reports/120101/${M}` });
    expect(r.json().lists.landing_soon.map((p: { id: string }) => p.id)).toContain(soon.id);
    expect(r.json().lists.negotiating.map((p: { id: string }) => p.id)).toContain(soon.id);
  });
});
