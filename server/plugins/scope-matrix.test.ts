import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/enums.ts';
import { cast, enterprise, project, upload, type Cast } from '../modules/projects/fixtures.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';

/**
 * Issue 7: the access matrix's scope dimension, generated from the route declarations. Every route that
 * declares region scope and names a record in its path is tried by each region-bound role (district and
 * liaison of 和平区 120101) on a record of its own region and on one of 滨海新区 120116: its own answers as
 * for anyone allowed (never 403/404), the other's is a 404 — the record does not exist for it. A new
 * region-scoped route fails this test until it is given its records here or an explicit reason below.
 */

let t: TestApp;
let c: Cast;
const OWN = '120101';
const OTHER = '120116';
type Side = 'own' | 'other';
const regionOf = (side: Side) => (side === 'own' ? OWN : OTHER);

interface Cell {
  url: string;
  payload?: unknown;
}
/** Builds the URL (and a body) for a record of the side's region; called anew for each cell. */
type Target = (side: Side) => Promise<Cell>;

const ids: Record<string, Record<Side, string>> = {};

beforeAll(async () => {
  t = await createTestApp();
  c = await cast(t);
  const inv = await enterprise(t, c.office.token, { name: '范围矩阵测试集团有限公司' });
  for (const side of ['own', 'other'] as const) {
    const region = regionOf(side);
    const p = await project(t, c.office.token, { investor_id: inv.id, region, name: `范围矩阵项目-${side}` });
    (ids.project ??= {} as Record<Side, string>)[side] = p.id;
    const entry = await t.as(c.office.token, {
      method: 'POST',
      url: '/api/v1/capital-entries',
      payload: { project_id: p.id, month: '2026-01', kind: 'domestic', amount: '12.50' },
    });
    expect(entry.statusCode, entry.body).toBe(201);
    (ids.entry ??= {} as Record<Side, string>)[side] = entry.json().id;
    const unit = await t.factory.unit('street', region === OWN ? '120101' : '120116');
    (ids.unit ??= {} as Record<Side, string>)[side] = unit.id;
    const uploader = side === 'own' ? c.districtA.token : c.districtB.token;
    const file = await upload(t, uploader, `范围矩阵-${side}.pdf`, undefined, `?project_id=${p.id}`);
    expect(file.statusCode, file.body).toBe(201);
    (ids.attachment ??= {} as Record<Side, string>)[side] = file.json().id;
    const rect = await sql<{ id: string }>`
      INSERT INTO rectifications (source, region, title, deadline)
      VALUES ('other', ${region}, ${`范围矩阵整改-${side}`}, '2026-12-31') RETURNING id`.execute(t.deps.db);
    (ids.rectification ??= {} as Record<Side, string>)[side] = rect.rows[0].id;
    const target = await t.as(c.office.token, {
      method: 'PUT',
      url: `/api/v1/targets/2026/${region}`,
      payload: { domestic: '50000.00', foreign: '800.00' },
    });
    expect(target.statusCode, target.body).toBe(200);
  }
});
afterAll(() => t?.close());

const freshProject = async (side: Side) => {
  const inv = await enterprise(t, c.office.token);
  return (await project(t, c.office.token, { investor_id: inv.id, region: regionOf(side) })).id as string;
};

const TARGETS: Record<string, Target> = {
  'GET /api/v1/units/:id': async (s) => ({ url: `/api/v1/units/${ids.unit[s]}` }),
  'GET /api/v1/attachments/:id': async (s) => ({ url: `/api/v1/attachments/${ids.attachment[s]}` }),
  'GET /api/v1/attachments/:id/meta': async (s) => ({ url: `/api/v1/attachments/${ids.attachment[s]}/meta` }),
  'GET /api/v1/projects/:id/attachments': async (s) => ({
    url: `/api/v1/projects/${ids.project[s]}/attachments`,
  }),
  'GET /api/v1/projects/:id': async (s) => ({ url: `/api/v1/projects/${ids.project[s]}` }),
  'PATCH /api/v1/projects/:id': async (s) => ({
    url: `/api/v1/projects/${ids.project[s]}`,
    payload: { version: 1, notes: '范围矩阵修改' },
  }),
  'DELETE /api/v1/projects/:id': async (s) => ({ url: `/api/v1/projects/${await freshProject(s)}` }),
  'POST /api/v1/projects/:id/transitions': async (s) => ({
    url: `/api/v1/projects/${await freshProject(s)}/transitions`,
    payload: { to: 'negotiating', date: '2026-01-10', note: '范围矩阵' },
  }),
  'GET /api/v1/projects/:id/transitions': async (s) => ({
    url: `/api/v1/projects/${ids.project[s]}/transitions`,
  }),
  'GET /api/v1/capital-entries/:id': async (s) => ({ url: `/api/v1/capital-entries/${ids.entry[s]}` }),
  'PATCH /api/v1/capital-entries/:id': async (s) => ({
    url: `/api/v1/capital-entries/${ids.entry[s]}`,
    payload: { version: 1, amount: '13.00' },
  }),
  'DELETE /api/v1/capital-entries/:id': async (s) => {
    const entry = await t.as(c.office.token, {
      method: 'POST',
      url: '/api/v1/capital-entries',
      payload: { project_id: await freshProject(s), month: '2026-02', kind: 'foreign', amount: '1.00' },
    });
    return { url: `/api/v1/capital-entries/${entry.json().id}` };
  },
  'GET /api/v1/monthly-reports/:region/:month': async (s) => ({
    url: `/api/v1/monthly-reports/${regionOf(s)}/2026-01`,
  }),
  'POST /api/v1/monthly-reports/:region/:month/submit': async (s) => ({
    url: `/api/v1/monthly-reports/${regionOf(s)}/2026-03/submit`,
    payload: {},
  }),
  'GET /api/v1/targets/:year/:region': async (s) => ({ url: `/api/v1/targets/2026/${regionOf(s)}` }),
  'PATCH /api/v1/rectifications/:id': async (s) => ({
    url: `/api/v1/rectifications/${ids.rectification[s]}`,
    payload: { version: 1, status: 'in_progress' },
  }),
};

/** Region-scoped routes not tried here, and why. */
const ELSEWHERE: Record<string, string> = {
  'GET /api/v1/enterprises/:id':
    'investors are shared by every region (one record per USCC, found when a duplicate is typed); the ' +
    "projects listed on an enterprise are filtered by the caller's scope (enterprises.test.ts)",
  'POST /api/v1/double-counts/:key/confirm-distinct': 'office only: the review spans every region',
  'POST /api/v1/monthly-reports/:region/:month/approve': 'office only (403 to districts in the role matrix)',
  'POST /api/v1/monthly-reports/:region/:month/return': 'office only (403 to districts in the role matrix)',
  'POST /api/v1/monthly-reports/:region/:month/reopen': 'office only (403 to districts in the role matrix)',
  'PUT /api/v1/targets/:year/:region': 'office only (403 to districts in the role matrix)',
  'GET /api/v1/verifications/:id':
    'a city-wide sample: a district sees its own items only (verification.test.ts)',
  'GET /api/v1/verifications/:id/notice.:format': 'the same sample as a notice (verification.test.ts)',
  'GET /api/v1/inspections/:id':
    'a city-wide checklist: its items are filtered by region (verification.test.ts)',
  'GET /api/v1/assessments/runs/:id': 'draft runs are 404 to districts (assessments.test.ts)',
  'GET /api/v1/assessments/runs/:id/regions/:region':
    "another region's breakdown is 404 to a district (assessments.test.ts)",
  'GET /api/v1/interviews/:id': "another region's case is 404 to a district (assessments.test.ts)",
  'PATCH /api/v1/interviews/:id': 'office only (403 to districts in the role matrix)',
  'POST /api/v1/interviews/:id/rectifications': 'office only (403 to districts in the role matrix)',
};

const BOUND: Role[] = ['district', 'liaison'];

describe('access matrix: region-bound role × route × own/other record', () => {
  it('covers every region-scoped route that names a record', () => {
    const scoped = t.app.accessTable
      .filter((r) => r.access.scope === 'region' && r.url.includes(':'))
      .map((r) => `${r.method} ${r.url}`);
    const uncovered = scoped.filter((k) => !TARGETS[k] && !ELSEWHERE[k]);
    expect(uncovered).toEqual([]);
    const stale = [...Object.keys(TARGETS), ...Object.keys(ELSEWHERE)].filter((k) => !scoped.includes(k));
    expect(stale).toEqual([]);
  });

  it("answers a region's own records and 404s the other region's, for every cell", async () => {
    const tokens: Record<string, string> = { district: c.districtA.token, liaison: c.liaison.token };
    const failures: string[] = [];
    let cells = 0;
    for (const r of t.app.accessTable) {
      const key = `${r.method} ${r.url}`;
      const target = TARGETS[key];
      if (!target || r.access.roles === 'public') continue;
      for (const role of BOUND) {
        if (!r.access.roles.includes(role)) continue;
        for (const side of ['own', 'other'] as const) {
          cells++;
          const cell = await target(side);
          const res = await t.as(tokens[role], {
            method: r.method as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
            url: cell.url,
            payload: cell.payload as Record<string, unknown> | undefined,
          });
          const s = res.statusCode;
          if (side === 'other' && s !== 404) failures.push(`${role} ${key} other: expected 404, got ${s}`);
          if (side === 'own') {
            if (s === 403 || s === 404 || s >= 500)
              failures.push(`${role} ${key} own: got ${s} ${res.body.slice(0, 160)}`);
            if (r.method === 'GET' && s !== 200) failures.push(`${role} ${key} own: GET answered ${s}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBeGreaterThanOrEqual(30);
  });

  it('a district cannot move its project to another region, approve its own report or edit an approved one', async () => {
    const id = await freshProject('own');
    const move = await t.as(c.districtA.token, {
      method: 'PATCH',
      url: `/api/v1/projects/${id}`,
      payload: { version: 1, region: OTHER },
    });
    expect(move.statusCode).toBe(400);
    expect(move.json().error.details).toEqual([expect.objectContaining({ path: 'region' })]);
    const stored = await t.as(c.office.token, { method: 'GET', url: `/api/v1/projects/${id}` });
    expect(stored.json().region).toBe(OWN);
    const approve = await t.as(c.districtA.token, {
      method: 'POST',
      url: `/api/v1/monthly-reports/${OWN}/2026-01/approve`,
      payload: {},
    });
    expect(approve.statusCode).toBe(403);
  });
});
