import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const post = (url: string, payload: unknown, token = t.adminToken) =>
  t.as(token, { method: 'POST', url, payload: payload as object });

async function unitCount() {
  const r = await t.as(t.adminToken, { method: 'GET', url: '/api/v1/units' });
  return r.json().items.length as number;
}

describe('units and users', () => {
  it('creates a unit tied to a region and audits it with before/after', async () => {
    const res = await post('/api/v1/units', { name: '和平区人民政府', kind: 'district', region: '120101' });
    expect(res.statusCode).toBe(201);
    const unit = res.json();
    expect(unit).toMatchObject({
      id: expect.any(String),
      name: '和平区人民政府',
      kind: 'district',
      region: '120101',
      region_name: '和平区',
    });
    const audit = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/audit?entity=unit&entity_id=${unit.id}`,
    });
    expect(audit.json().items[0]).toMatchObject({
      action: 'unit.create',
      username: 'admin',
      after: { region: '120101' },
    });
  });

  it('refuses a duplicate unit name with 409 pointing to the existing one', async () => {
    await post('/api/v1/units', { name: '重复单位', kind: 'other', region: '120101' });
    const dup = await post('/api/v1/units', { name: '重复单位', kind: 'other', region: '120102' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.existing_id).toBeTruthy();
  });

  it('edits with a version and refuses a stale one with 409, keeping the newer data', async () => {
    const unit = (await post('/api/v1/units', { name: '版本单位', kind: 'other', region: '120103' })).json();
    const first = await t.as(t.adminToken, {
      method: 'PATCH',
      url: `/api/v1/units/${unit.id}`,
      payload: { version: 1, name: '版本单位A' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await t.as(t.adminToken, {
      method: 'PATCH',
      url: `/api/v1/units/${unit.id}`,
      payload: { version: 1, name: '版本单位B' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect(stale.json().error.details.current.name).toBe('版本单位A');
  });

  it('creates a user with a role and a unit; the unit must fit the role', async () => {
    const office = (
      await post('/api/v1/units', { name: '合作交流办', kind: 'office', region: '120000' })
    ).json();
    const district = (
      await post('/api/v1/units', { name: '河东区人民政府', kind: 'district', region: '120102' })
    ).json();
    const ok = await post('/api/v1/users', {
      username: 'hedong',
      password: 'Secret#2026x',
      display_name: '河东区招商科',
      role: 'district',
      unit_id: district.id,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ username: 'hedong', role: 'district', unit_id: district.id });
    expect(ok.json().password_hash).toBeUndefined();
    const wrongKind = await post('/api/v1/users', {
      username: 'x1',
      password: 'Secret#2026x',
      display_name: 'x',
      role: 'district',
      unit_id: office.id,
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.details[0].path).toBe('unit_id');
    const dup = await post('/api/v1/users', {
      username: 'HEDONG',
      password: 'Secret#2026x',
      display_name: 'x',
      role: 'district',
      unit_id: district.id,
    });
    expect(dup.statusCode).toBe(409);
  });

  it('a role change is a permission change: audited and the user is signed out', async () => {
    const dept = await t.factory.unit('department', '120000');
    const { user, token } = await t.factory.user('department', dept.id, 'permchange');
    const office = await t.factory.unit('office', '120000');
    const res = await t.as(t.adminToken, {
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { version: 1, role: 'office', unit_id: office.id },
    });
    expect(res.statusCode).toBe(200);
    expect((await t.as(token, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const audit = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/audit?entity=user&entity_id=${user.id}&action=user.permission_change`,
    });
    expect(audit.json().total).toBe(1);
    expect(audit.json().items[0].before.role).toBe('department');
    expect(audit.json().items[0].after.role).toBe('office');
  });

  it('never writes a password or its hash into the audit log', async () => {
    const audit = await t.as(t.adminToken, { method: 'GET', url: '/api/v1/audit?entity=user&page_size=500' });
    expect(audit.body).not.toMatch(/argon2id/);
    expect(audit.body).not.toContain('Secret#2026x');
  });
});

describe('bad input: a 400 naming the field, never a 500, never a partial write', () => {
  it('invalid JSON', async () => {
    const before = await unitCount();
    const res = await t.as(t.adminToken, {
      method: 'POST',
      url: '/api/v1/units',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "x", kind: }',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_JSON');
    expect(await unitCount()).toBe(before);
  });

  it('wrong types, unknown fields, bad codes', async () => {
    const before = await unitCount();
    const cases: Array<[unknown, string]> = [
      [{ name: 123, kind: 'district', region: '120101' }, 'name'],
      [{ name: 'x', kind: 'district', region: '120101', extra: 1 }, 'extra'],
      [{ name: 'x', kind: 'castle', region: '120101' }, 'kind'],
      [{ name: 'x', kind: 'district', region: '12010' }, 'region'],
      [{ name: 'x', kind: 'district', region: '999999' }, 'region'],
      [{ name: '', kind: 'district', region: '120101' }, 'name'],
      [[], ''],
    ];
    for (const [payload, field] of cases) {
      const res = await post('/api/v1/units', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
      if (field) expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    expect(await unitCount()).toBe(before);
  });

  it('an oversize body is refused with 413', async () => {
    const res = await post('/api/v1/units', {
      name: 'x'.repeat(2 * 1024 * 1024),
      kind: 'other',
      region: '120101',
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers in English when asked', async () => {
    const res = await t.as(t.adminToken, {
      method: 'POST',
      url: '/api/v1/units',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { name: 'x', kind: 'castle', region: '120101' },
    });
    expect(res.json().error.message).toMatch(/^Invalid input/);
  });

  it('an unknown route is a 404 in the error shape', async () => {
    const res = await t.as(t.adminToken, { method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('reference data', () => {
  it('lists the 16 districts of 天津市 and finds regions by name or code', async () => {
    const res = await t.as(t.adminToken, { method: 'GET', url: '/api/v1/regions?parent=120000' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(16);
    expect(items[0]).toEqual({
      code: '120101',
      name: '和平区',
      level: 'county',
      parent: '120000',
      kind: 'gbt2260',
      has_children: false,
    });
    const byName = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/regions?q=${encodeURIComponent('遵义')}`,
    });
    expect(byName.json().items.map((r: { code: string }) => r.code)).toContain('520300');
    const byCode = await t.as(t.adminToken, { method: 'GET', url: '/api/v1/regions?q=5203' });
    expect(byCode.json().items.every((r: { code: string }) => r.code.startsWith('5203'))).toBe(true);
    const provinces = await t.as(t.adminToken, { method: 'GET', url: '/api/v1/regions' });
    expect(provinces.json().items).toHaveLength(34);
  });

  it('has all of China to county level and the four levels of GB/T 4754-2017', async () => {
    const counts = await t.deps.db
      .selectFrom('regions')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('level')
      .execute();
    const by = Object.fromEntries(counts.map((c) => [c.level, Number(c.n)]));
    // 2,978 county-level units in the source, three of which (东莞, 中山, 儋州) are the city itself
    expect(by).toEqual({ country: 1, province: 34, city: 337, county: 2975 });
    const guizhou = await t.deps.db
      .selectFrom('regions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('code', 'like', '52%')
      .where('level', '=', 'county')
      .where('kind', '=', 'gbt2260')
      .executeTakeFirstOrThrow();
    expect(Number(guizhou.n)).toBe(88);
    const ind = await t.deps.db
      .selectFrom('industries')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('level')
      .orderBy('level')
      .execute();
    expect(ind.map((r) => Number(r.n))).toEqual([20, 97, 473, 1380]);
    const res = await t.as(t.adminToken, { method: 'GET', url: '/api/v1/industries?parent=27' });
    expect(res.json().items.map((i: { code: string }) => i.code)).toContain('271');
    const search = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/industries?q=${encodeURIComponent('化学药品')}`,
    });
    expect(search.json().items.map((i: { code: string }) => i.code)).toContain('2710');
  });
});

describe('user directory', () => {
  it('lets any staff member pick a leader by name, without the admin-only details', async () => {
    await t.factory.user('leader', null, 'leader_liu');
    const d = await t.factory.actor('district', '120110');
    const res = await t.as(d.token, { method: 'GET', url: '/api/v1/users/directory?role=leader' });
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((u: { display_name: string }) => u.display_name.startsWith('leader'));
    expect(Object.keys(item).sort()).toEqual(['display_name', 'id', 'role', 'unit_id', 'unit_name']);
    expect((await t.as(d.token, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
  });
});
