import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../../shared/uscc.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { cast, enterprise, project, type Cast } from '../projects/fixtures.ts';

let t: TestApp;
let c: Cast;
beforeAll(async () => {
  t = await createTestApp();
  c = await cast(t);
});
afterAll(() => t?.close());

const post = (token: string, payload: Record<string, unknown>) =>
  t.as(token, { method: 'POST', url: '/api/v1/enterprises', payload });

describe('POST /api/v1/enterprises', () => {
  it('creates an enterprise with a valid USCC (normalised), tags and contacts', async () => {
    const res = await post(c.districtA.token, {
      name: '华为技术有限公司（测试）',
      uscc: ' 914403001922038216 ',
      ownership: 'private',
      hq_region: '440300',
      industry: '3921',
      tags: [{ tag: 'private500', year: 2024, rank: 1 }, { tag: 'global500' }],
      contacts: [{ name: '张经理', title: '投资总监', phone: '010-12345678', email: 'zhang@example.com' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      uscc: '914403001922038216',
      country: 'CN',
      country_name: '中国',
      hq_region_name: '深圳市',
      industry: '3921',
      tags: [{ tag: 'private500', year: 2024, rank: 1 }, { tag: 'global500' }],
      version: 1,
    });
  });

  it('validates the USCC check character, the charset and the length (400 on uscc)', async () => {
    for (const uscc of [
      '914403001922038217',
      '91440300192203821',
      '9144030019220382IO',
      '91440300192203821S',
    ]) {
      const res = await post(c.office.token, { name: '校验测试', uscc, ownership: 'private' });
      expect(res.statusCode, uscc).toBe(400);
      expect(res.json().error.details[0].path).toBe('uscc');
    }
  });

  it('lets a foreign investor go without a USCC only with a country other than CN', async () => {
    const noCode = await post(c.office.token, { name: '无代码企业', ownership: 'private' });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().error.details[0].path).toBe('uscc');
    const cn = await post(c.office.token, { name: '无代码企业', ownership: 'private', country: 'CN' });
    expect(cn.statusCode).toBe(400);
    const de = await post(c.office.token, { name: 'BASF SE', ownership: 'foreign', country: 'de' });
    expect(de.statusCode).toBe(201);
    expect(de.json()).toMatchObject({ uscc: null, country: 'DE', country_name: '德国' });
    const bad = await post(c.office.token, { name: 'X', ownership: 'foreign', country: 'XX' });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a duplicate USCC with 409 pointing to the existing record', async () => {
    const code = makeUscc(424242, '120116');
    const first = await enterprise(t, c.office.token, { uscc: code, name: '天津第一个企业有限公司' });
    const dup = await post(c.districtB.token, {
      name: '另一个名字',
      uscc: code.toLowerCase(),
      ownership: 'private',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({
      code: 'DUPLICATE',
      details: { existing_id: first.id, existing_name: '天津第一个企业有限公司' },
    });
  });

  it('validates tags, references and unknown fields', async () => {
    const base = { name: '标签测试', uscc: makeUscc(777001), ownership: 'private' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, tags: [{ tag: 'private500' }] }, 'tags.0.rank'],
      [{ ...base, tags: [{ tag: 'listed', rank: 3 }] }, 'tags.0.tag'],
      [{ ...base, tags: [{ tag: 'listed' }, { tag: 'listed' }] }, 'tags'],
      [{ ...base, tags: [{ tag: 'unicorn' }] }, 'tags.0.tag'],
      [{ ...base, hq_region: '999999' }, 'hq_region'],
      [{ ...base, industry: '9999' }, 'industry'],
      [{ ...base, ownership: 'state' }, 'ownership'],
      [{ ...base, website: 'x' }, 'website'],
      [{ ...base, contacts: [{ name: '李', phone: 'call me' }] }, 'contacts.0.phone'],
    ];
    for (const [payload, path] of cases) {
      const res = await post(c.office.token, payload);
      expect(res.statusCode, `${path} ${res.body}`).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it('is refused to liaison, leader and enterprise users (403)', async () => {
    for (const who of [c.liaison, c.leader, c.enterprise]) {
      expect((await post(who.token, { name: 'x', uscc: makeUscc(1), ownership: 'private' })).statusCode).toBe(
        403,
      );
    }
  });
});

describe('GET /api/v1/enterprises', () => {
  beforeAll(async () => {
    await enterprise(t, c.office.token, {
      name: '中国检索测试建设集团有限公司',
      ownership: 'central_soe',
      tags: [{ tag: 'central_hq' }],
      hq_region: '110102',
    });
    await enterprise(t, c.office.token, {
      name: '检索测试民营科技股份有限公司',
      ownership: 'private',
      tags: [{ tag: 'listed' }, { tag: 'private500', year: 2025, rank: 88 }],
      hq_region: '130102',
    });
    await enterprise(t, c.office.token, {
      name: '检索测试（新加坡）私人有限公司',
      uscc: null,
      country: 'SG',
      ownership: 'foreign',
    });
  });

  it('searches names with q and filters by ownership, tag, headquarters region and country, with a total', async () => {
    const q = async (qs: string) =>
      (await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/enterprises?${qs}` })).json();
    expect((await q(`q=${encodeURIComponent('检索测试')}`)).total).toBe(3);
    expect(
      (await q(`q=${encodeURIComponent('检索测试')}&ownership=central_soe`)).items.map(
        (e: { name: string }) => e.name,
      ),
    ).toEqual(['中国检索测试建设集团有限公司']);
    expect((await q(`q=${encodeURIComponent('检索测试')}&tag=private500`)).items[0].tags).toContainEqual({
      tag: 'private500',
      year: 2025,
      rank: 88,
    });
    expect((await q(`q=${encodeURIComponent('检索测试')}&hq_region=110000`)).total).toBe(1);
    expect((await q(`q=${encodeURIComponent('检索测试')}&country=SG`)).total).toBe(1);
    const page = await q(`q=${encodeURIComponent('检索测试')}&page=2&page_size=2&sort=name`);
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
    const byCode = await enterprise(t, c.office.token, { name: '按代码检索有限公司' });
    expect((await q(`q=${byCode.uscc}`)).items.map((e: { id: string }) => e.id)).toEqual([byCode.id]);
  });
});

describe('PATCH and DELETE /api/v1/enterprises/:id', () => {
  it('updates with the version; a stale version gets 409 STALE_VERSION with the current data', async () => {
    const e = await enterprise(t, c.office.token, { name: '版本测试有限公司' });
    const ok = await t.as(c.districtA.token, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { version: 1, notes: '第一次', tags: [{ tag: 'listed' }] },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, notes: '第一次' });
    const stale = await t.as(c.office.token, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { version: 1, notes: '过期' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'STALE_VERSION',
      details: { current: { version: 2, notes: '第一次' } },
    });
    // removing the USCC of a domestic enterprise is refused
    const drop = await t.as(c.office.token, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { version: 2, uscc: null },
    });
    expect(drop.statusCode).toBe(400);
    // taking another enterprise's USCC is a duplicate
    const other = await enterprise(t, c.office.token);
    const dup = await t.as(c.office.token, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${e.id}`,
      payload: { version: 2, uscc: other.uscc },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.existing_id).toBe(other.id);
  });

  it('deletes (office only, soft, audited), refused while it still has projects', async () => {
    const e = await enterprise(t, c.office.token);
    const p = await project(t, c.districtA.token, { investor_id: e.id });
    expect(
      (await t.as(c.districtA.token, { method: 'DELETE', url: `/api/v1/enterprises/${e.id}` })).statusCode,
    ).toBe(403);
    const refused = await t.as(c.office.token, { method: 'DELETE', url: `/api/v1/enterprises/${e.id}` });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule).toBe('enterprise_has_projects');
    await t.as(c.districtA.token, { method: 'DELETE', url: `/api/v1/projects/${p.id}` });
    expect(
      (await t.as(c.office.token, { method: 'DELETE', url: `/api/v1/enterprises/${e.id}` })).statusCode,
    ).toBe(204);
    expect(
      (await t.as(c.office.token, { method: 'GET', url: `/api/v1/enterprises/${e.id}` })).statusCode,
    ).toBe(404);
    const audit = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/audit?entity=enterprise&entity_id=${e.id}`,
    });
    expect(audit.json().items.map((i: { action: string }) => i.action)).toEqual([
      'enterprise.delete',
      'enterprise.create',
    ]);
    // the USCC is free again
    expect(
      (await post(c.office.token, { name: '重新建档', uscc: e.uscc, ownership: 'private' })).statusCode,
    ).toBe(201);
  });
});
