import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { advance, cast, enterprise, evidence, project, type Cast } from './fixtures.ts';

/** SPEC §1 / issue 3: who reads and writes which projects. */
let t: TestApp;
let c: Cast;
let inA: { id: string; version: number };
let inB: { id: string; version: number };
let guaranteed: { id: string };
let deptOwned: { id: string; version: number };
let investor: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  c = await cast(t);
  investor = await enterprise(t, c.office.token, { name: '范围测试投资集团有限公司' });
  inA = await project(t, c.districtA.token, { investor_id: investor.id, name: '和平区范围测试项目' });
  inB = await project(t, c.districtB.token, {
    investor_id: investor.id,
    region: '120116',
    name: '滨海范围测试项目',
  });
  guaranteed = await project(t, c.office.token, { region: '120116', guarantor_id: c.leader.user.id });
  deptOwned = await project(t, c.office.token, {
    region: '120116',
    responsible_unit_id: c.department.unit!.id,
  });
});
afterAll(() => t?.close());

const get = (token: string, id: string) => t.as(token, { method: 'GET', url: `/api/v1/projects/${id}` });

describe('district users: their region subtree only', () => {
  it('cannot read, patch, delete, transition or see the timeline of another district’s project (404)', async () => {
    const a = c.districtA.token;
    expect((await get(a, inB.id)).statusCode).toBe(404);
    expect(
      (
        await t.as(a, {
          method: 'PATCH',
          url: `/api/v1/projects/${inB.id}`,
          payload: { version: 1, notes: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await t.as(a, { method: 'DELETE', url: `/api/v1/projects/${inB.id}` })).statusCode).toBe(404);
    const tr = await t.as(a, {
      method: 'POST',
      url: `/api/v1/projects/${inB.id}/transitions`,
      payload: { to: 'negotiating', date: '2026-01-05', note: 'x' },
    });
    expect(tr.statusCode).toBe(404);
    expect((await t.as(a, { method: 'GET', url: `/api/v1/projects/${inB.id}/transitions` })).statusCode).toBe(
      404,
    );
    expect((await t.as(a, { method: 'GET', url: `/api/v1/projects/${inB.id}/attachments` })).statusCode).toBe(
      404,
    );
    // and B's project is untouched
    const b = (await get(c.office.token, inB.id)).json();
    expect(b).toMatchObject({ version: 1, stage: 'lead', notes: null });
  });

  it('lists only their subtree, whatever filters they send', async () => {
    const own = await t.as(c.districtA.token, {
      method: 'GET',
      url: `/api/v1/projects?investor_id=${investor.id}`,
    });
    expect(own.json().items.map((p: { id: string }) => p.id)).toEqual([inA.id]);
    const asked = await t.as(c.districtA.token, { method: 'GET', url: '/api/v1/projects?region=120116' });
    expect(asked.json().total).toBe(0);
    const all = await t.as(c.districtA.token, { method: 'GET', url: '/api/v1/projects?page_size=500' });
    expect(all.json().items.every((p: { region: string }) => p.region.startsWith('120101'))).toBe(true);
  });

  it('cannot create in, or move a project to, a region outside their subtree (400 on region)', async () => {
    const create = await t.as(c.districtA.token, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: { name: '越界项目', region: '120116', investor_id: investor.id, industry: '3911' },
    });
    expect(create.statusCode).toBe(400);
    expect(create.json().error.details[0].path).toBe('region');
    const move = await t.as(c.districtA.token, {
      method: 'PATCH',
      url: `/api/v1/projects/${inA.id}`,
      payload: { version: inA.version, region: '120116' },
    });
    expect(move.statusCode).toBe(400);
    expect((await get(c.office.token, inA.id)).json().region).toBe('120101');
  });

  it('sees the enterprise page with only the projects in its scope', async () => {
    const res = await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/enterprises/${investor.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().projects.map((p: { id: string }) => p.id)).toEqual([inA.id]);
    const office = await t.as(c.office.token, { method: 'GET', url: `/api/v1/enterprises/${investor.id}` });
    expect(new Set(office.json().projects.map((p: { id: string }) => p.id))).toEqual(
      new Set([inA.id, inB.id]),
    );
  });
});

describe('department users: read all, write where they are the responsible unit', () => {
  it('reads every region', async () => {
    expect((await get(c.department.token, inB.id)).statusCode).toBe(200);
    expect((await get(c.department.token, inA.id)).statusCode).toBe(200);
  });

  it('writes only projects of its unit (403 otherwise) and creates them with its unit as responsible', async () => {
    const other = await t.as(c.department.token, {
      method: 'PATCH',
      url: `/api/v1/projects/${inB.id}`,
      payload: { version: 1, notes: '部门越权' },
    });
    expect(other.statusCode).toBe(403);
    const own = await t.as(c.department.token, {
      method: 'PATCH',
      url: `/api/v1/projects/${deptOwned.id}`,
      payload: { version: deptOwned.version, notes: '部门跟进' },
    });
    expect(own.statusCode).toBe(200);
    const handOff = await t.as(c.department.token, {
      method: 'PATCH',
      url: `/api/v1/projects/${deptOwned.id}`,
      payload: { version: 2, responsible_unit_id: c.districtB.unit!.id },
    });
    expect(handOff.statusCode).toBe(403);
    const created = await project(t, c.department.token, { region: '120116' });
    expect(created.responsible_unit_id).toBe(c.department.unit!.id);
    const foreignUnit = await t.as(c.department.token, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: {
        name: '别人的项目',
        region: '120116',
        investor_id: investor.id,
        industry: '3911',
        responsible_unit_id: c.districtB.unit!.id,
      },
    });
    expect(foreignUnit.statusCode).toBe(403);
    const tr = await t.as(c.department.token, {
      method: 'POST',
      url: `/api/v1/projects/${inB.id}/transitions`,
      payload: { to: 'negotiating', date: '2026-01-05' },
    });
    expect(tr.statusCode).toBe(403);
    expect(
      (await t.as(c.department.token, { method: 'DELETE', url: `/api/v1/projects/${inB.id}` })).statusCode,
    ).toBe(403);
  });
});

describe('leaders: the projects they guarantee, read only', () => {
  it('list and read only guaranteed projects', async () => {
    const list = await t.as(c.leader.token, { method: 'GET', url: '/api/v1/projects?page_size=500' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([guaranteed.id]);
    expect((await get(c.leader.token, guaranteed.id)).statusCode).toBe(200);
    expect((await get(c.leader.token, inA.id)).statusCode).toBe(404);
  });

  it('cannot write (403 by role)', async () => {
    const res = await t.as(c.leader.token, {
      method: 'PATCH',
      url: `/api/v1/projects/${guaranteed.id}`,
      payload: { version: 1, notes: 'x' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('liaison units and enterprises', () => {
  it('liaison reads its county only and cannot write', async () => {
    expect((await get(c.liaison.token, inA.id)).statusCode).toBe(200);
    expect((await get(c.liaison.token, inB.id)).statusCode).toBe(404);
    const w = await t.as(c.liaison.token, {
      method: 'POST',
      url: `/api/v1/projects/${inA.id}/transitions`,
      payload: { to: 'negotiating', date: '2026-01-05' },
    });
    expect(w.statusCode).toBe(403);
  });

  it('an enterprise user reads nothing of the pipeline', async () => {
    expect((await t.as(c.enterprise.token, { method: 'GET', url: '/api/v1/projects' })).statusCode).toBe(403);
    expect((await get(c.enterprise.token, inA.id)).statusCode).toBe(403);
    expect((await t.as(c.enterprise.token, { method: 'GET', url: '/api/v1/enterprises' })).statusCode).toBe(
      403,
    );
  });
});

describe('evidence and attachments follow the same scope', () => {
  it('another district cannot use or download a district’s upload; once attached, the project’s readers can', async () => {
    const fileA = await evidence(t, c.districtA.token);
    expect(
      (await t.as(c.districtB.token, { method: 'GET', url: `/api/v1/attachments/${fileA}` })).statusCode,
    ).toBe(404);
    // B tries to use A's file as evidence on its own project
    await advance(t, c.districtB.token, inB.id, 'negotiating');
    const steal = await t.as(c.districtB.token, {
      method: 'POST',
      url: `/api/v1/projects/${inB.id}/transitions`,
      payload: { to: 'signed', date: '2026-01-10', evidence: [fileA] },
    });
    expect(steal.statusCode).toBe(400);
    expect(steal.json().error.details[0].path).toBe('evidence');
    // A uses it; the office (city-wide) and a department can read it through the project; B still cannot
    await advance(t, c.districtA.token, inA.id, 'negotiating');
    const ok = await t.as(c.districtA.token, {
      method: 'POST',
      url: `/api/v1/projects/${inA.id}/transitions`,
      payload: { to: 'signed', date: '2026-01-10', evidence: [fileA] },
    });
    expect(ok.statusCode).toBe(201);
    expect(
      (await t.as(c.department.token, { method: 'GET', url: `/api/v1/attachments/${fileA}` })).statusCode,
    ).toBe(200);
    expect(
      (await t.as(c.liaison.token, { method: 'GET', url: `/api/v1/attachments/${fileA}` })).statusCode,
    ).toBe(200);
    expect(
      (await t.as(c.districtB.token, { method: 'GET', url: `/api/v1/attachments/${fileA}` })).statusCode,
    ).toBe(404);
    expect(
      (await t.as(c.leader.token, { method: 'GET', url: `/api/v1/attachments/${fileA}` })).statusCode,
    ).toBe(404);
  });
});
