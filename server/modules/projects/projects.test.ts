import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, type TestApp } from '../../test/harness.ts';
import { cast, enterprise, project, type Cast } from './fixtures.ts';

let t: TestApp;
let c: Cast;
beforeAll(async () => {
  t = await createTestApp();
  c = await cast(t);
});
afterAll(() => t?.close());

describe('POST /api/v1/projects', () => {
  it('creates a project at lead with a human code, money as 2-decimal strings and derived origin fields', async () => {
    const inv = await enterprise(t, c.office.token, { hq_region: '110108' });
    const res = await t.as(c.districtA.token, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: {
        name: '京津协同智能制造基地',
        region: '120101',
        investor_id: inv.id,
        industry: '3911',
        planned_amount: '12345.5',
        contracted_amount: '0.1',
        key_level: 'city',
        major: true,
        expected_landing_date: '2026-09-30',
      },
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    const year = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4);
    expect(p.code).toMatch(new RegExp(`^P120101-${year}-\\d{6}$`));
    expect(p).toMatchObject({
      stage: 'lead',
      region: '120101',
      region_name: '和平区',
      investor_id: inv.id,
      investor_name: inv.name,
      origin: '110108',
      origin_name: '海淀区',
      origin_province: '110000',
      capital_kind: 'domestic',
      industry: '3911',
      planned_amount: '12345.50',
      contracted_amount: '0.10',
      funds_in_place: '0.00',
      key_level: 'city',
      major: true,
      version: 1,
      expected_landing_date: '2026-09-30',
    });
    expect(p.industry_name).toBeTruthy();
    // the timeline starts with the creation
    const tl = await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/projects/${p.id}/transitions` });
    expect(tl.json().items).toMatchObject([{ from: null, to: 'lead' }]);
    // audited
    const audit = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/audit?entity=project&entity_id=${p.id}`,
    });
    expect(audit.json().items.map((i: { action: string }) => i.action)).toContain('project.create');
  });

  it('gives consecutive codes from the sequence', async () => {
    const a = await project(t, c.office.token);
    const b = await project(t, c.office.token);
    const n = (code: string) => Number(code.slice(-6));
    expect(n(b.code)).toBe(n(a.code) + 1);
  });

  it('takes a foreign origin as foreign capital, and origin_province null', async () => {
    const inv = await enterprise(t, c.office.token, {
      uscc: null,
      country: 'DE',
      ownership: 'foreign',
      name: 'Siemens Test GmbH',
    });
    const p = await project(t, c.office.token, { investor_id: inv.id });
    expect(p).toMatchObject({
      origin: 'DE',
      origin_name: '德国',
      origin_province: null,
      capital_kind: 'foreign',
    });
    const hk = await project(t, c.office.token, { origin: '810000' });
    expect(hk.capital_kind).toBe('foreign');
    expect(hk.origin_province).toBe('810000');
  });

  it('derives the origin from the USCC registration region when the investor has no headquarters', async () => {
    const inv = await enterprise(t, c.office.token, {
      uscc: '91330100716105852F',
      name: '阿里巴巴（中国）有限公司测试',
    });
    const p = await project(t, c.office.token, { investor_id: inv.id });
    expect(p.origin).toBe('330100');
    expect(p.origin_province).toBe('330000');
  });

  it('refuses unknown fields, bad amounts, bad dates and unknown codes with 400 and the field path', async () => {
    const inv = await enterprise(t, c.office.token);
    const base = { name: 'x', region: '120101', investor_id: inv.id, industry: '3911' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, color: 'red' }, 'color'],
      [{ ...base, stage: 'signed' }, 'stage'],
      [{ ...base, planned_amount: '-1' }, 'planned_amount'],
      [{ ...base, planned_amount: '1.234' }, 'planned_amount'],
      [{ ...base, planned_amount: '12345678901234567' }, 'planned_amount'],
      [{ ...base, planned_amount: 100 }, 'planned_amount'],
      [{ ...base, expected_landing_date: '2026-02-30' }, 'expected_landing_date'],
      [{ ...base, region: '129999' }, 'region'],
      [{ ...base, industry: '9999' }, 'industry'],
      [{ ...base, origin: 'CN' }, 'origin'],
      [{ ...base, origin: 'QQ' }, 'origin'],
      [{ ...base, investor_id: '00000000-0000-4000-8000-000000000000' }, 'investor_id'],
      [{ ...base, guarantor_id: c.office.user.id }, 'guarantor_id'],
      [{ ...base, unit_id: c.districtB.unit!.id }, 'unit_id'],
      [{ ...base, key_level: 'province' }, 'key_level'],
    ];
    for (const [payload, path] of cases) {
      const res = await t.as(c.office.token, { method: 'POST', url: '/api/v1/projects', payload });
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      const body = res.json();
      expect(body.error.code).toBe('VALIDATION');
      expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    // the largest allowed amount goes through untouched (no float on the way)
    const big = await project(t, c.office.token, { planned_amount: '9999999999999999.99' });
    expect(big.planned_amount).toBe('9999999999999999.99');
  });

  it('accepts a leader as guarantor and a unit inside the region', async () => {
    const p = await project(t, c.office.token, {
      guarantor_id: c.leader.user.id,
      unit_id: c.districtA.unit!.id,
      responsible_unit_id: c.department.unit!.id,
    });
    expect(p.guarantor_id).toBe(c.leader.user.id);
    expect(p.guarantor_name).toBeTruthy();
    expect(p.unit_name).toBe(c.districtA.unit!.name);
    expect(p.responsible_unit_name).toBe(c.department.unit!.name);
  });
});

describe('PATCH /api/v1/projects/:id', () => {
  it('updates with the version and bumps it; a stale version gets 409 and the newer data stays', async () => {
    const p = await project(t, c.districtA.token);
    const first = await t.as(c.districtA.token, {
      method: 'PATCH',
      url: `/api/v1/projects/${p.id}`,
      payload: { version: 1, planned_amount: '2000', notes: '第一次修改' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, planned_amount: '2000.00', notes: '第一次修改' });
    const stale = await t.as(c.office.token, {
      method: 'PATCH',
      url: `/api/v1/projects/${p.id}`,
      payload: { version: 1, planned_amount: '1.00', notes: '过期的修改' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect(stale.json().error.details.current).toMatchObject({ version: 2, planned_amount: '2000.00' });
    const now = await t.as(c.office.token, { method: 'GET', url: `/api/v1/projects/${p.id}` });
    expect(now.json()).toMatchObject({ version: 2, planned_amount: '2000.00', notes: '第一次修改' });
  });

  it('requires the version, refuses the stage and the code, and recomputes origin_province', async () => {
    const p = await project(t, c.office.token);
    const noVersion = await t.as(c.office.token, {
      method: 'PATCH',
      url: `/api/v1/projects/${p.id}`,
      payload: { notes: 'x' },
    });
    expect(noVersion.statusCode).toBe(400);
    for (const field of ['stage', 'code', 'funds_in_place']) {
      const res = await t.as(c.office.token, {
        method: 'PATCH',
        url: `/api/v1/projects/${p.id}`,
        payload: { version: 1, [field]: 'x' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe(field);
    }
    const moved = await t.as(c.office.token, {
      method: 'PATCH',
      url: `/api/v1/projects/${p.id}`,
      payload: { version: 1, origin: '130102' },
    });
    expect(moved.json()).toMatchObject({
      origin: '130102',
      origin_province: '130000',
      origin_name: '长安区',
    });
  });
});

describe('DELETE /api/v1/projects/:id', () => {
  it('soft-deletes and audits; the project is gone from reads and lists', async () => {
    const p = await project(t, c.districtA.token, { name: '即将删除的项目甲' });
    const del = await t.as(c.districtA.token, { method: 'DELETE', url: `/api/v1/projects/${p.id}` });
    expect(del.statusCode).toBe(204);
    expect((await t.as(c.office.token, { method: 'GET', url: `/api/v1/projects/${p.id}` })).statusCode).toBe(
      404,
    );
    const list = await t.as(c.office.token, { method: 'GET', url: '/api/v1/projects?q=即将删除的项目甲' });
    expect(list.json().total).toBe(0);
    const row = await t.deps.db
      .selectFrom('projects')
      .select(['deleted_at'])
      .where('id', '=', p.id)
      .executeTakeFirst();
    expect(row?.deleted_at).toBeInstanceOf(Date);
    const audit = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/audit?entity=project&entity_id=${p.id}`,
    });
    const del2 = audit.json().items.find((i: { action: string }) => i.action === 'project.delete');
    expect(del2.before.name).toBe('即将删除的项目甲');
    expect(
      (await t.as(c.districtA.token, { method: 'DELETE', url: `/api/v1/projects/${p.id}` })).statusCode,
    ).toBe(404);
  });
});

describe('GET /api/v1/projects', () => {
  let inv: { id: string; name: string };
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    inv = await enterprise(t, c.office.token, { name: '天津渤海列表测试集团有限公司' });
    const mk = async (key: string, o: Record<string, unknown>) => {
      ids[key] = (await project(t, c.office.token, { investor_id: inv.id, ...o })).id;
    };
    await mk('a', {
      name: '列表测试·氢能装备产业园',
      region: '120116',
      industry: '3441',
      planned_amount: '500.00',
      key_level: 'city',
      major: true,
      expected_landing_date: '2026-03-01',
    });
    await mk('b', {
      name: '列表测试·生物医药研发中心',
      region: '120116',
      industry: '2710',
      planned_amount: '90000.00',
      key_level: 'district',
      expected_landing_date: '2026-06-01',
    });
    await mk('c', {
      name: '列表测试·商业综合体',
      region: '120101',
      industry: '7010',
      planned_amount: '3000.00',
      origin: 'US',
      expected_landing_date: '2027-01-01',
    });
    await mk('d', {
      name: '列表测试·数据中心',
      region: '120101',
      industry: '6450',
      planned_amount: '3000.00',
      polluting: true,
    });
  });

  const list = async (qs: string, token = c.office.token) => {
    const res = await t.as(token, { method: 'GET', url: `/api/v1/projects?investor_id=${inv.id}&${qs}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: Array<{ id: string; name: string; planned_amount: string }>;
      total: number;
    };
  };
  const names = (r: { items: Array<{ id: string }> }) =>
    r.items.map((i) => Object.entries(ids).find(([, v]) => v === i.id)?.[0]);

  it('filters by region subtree, industry prefix or section, stage list, amounts, flags and dates', async () => {
    expect(names(await list('region=120116&sort=name'))).toEqual(['a', 'b']);
    expect(names(await list('region=120116&sort=-name'))).toEqual(['b', 'a']);
    expect((await list('region=120000')).total).toBe(4);
    expect(names(await list('industry=27'))).toEqual(['b']);
    expect((await list('industry=C')).total).toBe(2);
    expect((await list('stage=lead,negotiating')).total).toBe(4);
    expect((await list('stage=signed')).total).toBe(0);
    expect(new Set(names(await list('planned_min=3000&planned_max=3000')))).toEqual(new Set(['c', 'd']));
    expect(names(await list('planned_min=3000.01'))).toEqual(['b']);
    expect(names(await list('key_level=city'))).toEqual(['a']);
    expect((await list('key_level=any')).total).toBe(2);
    expect((await list('key_level=none')).total).toBe(2);
    expect(names(await list('major=true'))).toEqual(['a']);
    expect(names(await list('polluting=true'))).toEqual(['d']);
    expect(names(await list('origin=US'))).toEqual(['c']);
    expect(names(await list('capital_kind=foreign'))).toEqual(['c']);
    expect(
      names(await list('expected_from=2026-02-01&expected_to=2026-12-31&sort=expected_landing_date')),
    ).toEqual(['a', 'b']);
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    expect((await list(`created_from=${today}&created_to=${today}`)).total).toBe(4);
    expect((await list('created_to=2020-01-01')).total).toBe(0);
  });

  it('searches project names, investor names and codes with q', async () => {
    const byProject = await t.as(c.office.token, {
      method: 'GET',
      url: `/api/v1/projects?q=${encodeURIComponent('生物医药研发')}`,
    });
    expect(byProject.json().items.map((i: { id: string }) => i.id)).toEqual([ids.b]);
    const byInvestor = await t.as(c.office.token, {
      method: 'GET',
      url: `/api/v1/projects?q=${encodeURIComponent('渤海列表测试')}`,
    });
    expect(byInvestor.json().total).toBe(4);
    const one = (await t.as(c.office.token, { method: 'GET', url: `/api/v1/projects/${ids.a}` })).json();
    const byCode = await t.as(c.office.token, {
      method: 'GET',
      url: `/api/v1/projects?q=${one.code.toLowerCase()}`,
    });
    expect(byCode.json().items.map((i: { id: string }) => i.id)).toEqual([ids.a]);
    const investor = (
      await t.as(c.office.token, { method: 'GET', url: `/api/v1/enterprises/${inv.id}` })
    ).json();
    const byUscc = await t.as(c.office.token, {
      method: 'GET',
      url: `/api/v1/projects?q=${investor.uscc.toLowerCase()}`,
    });
    expect(byUscc.json().total).toBe(4);
    const wildcard = await t.as(c.office.token, {
      method: 'GET',
      url: `/api/v1/projects?q=${encodeURIComponent('%')}`,
    });
    expect(wildcard.json().total).toBe(0);
  });

  it('sorts by a whitelist with several keys and pages with a total', async () => {
    // 商业综合体 sorts before 数据中心 by code point (collation-independent comparison below)
    const sorted = await list('sort=-planned_amount,name');
    expect(sorted.items.map((i) => i.planned_amount)).toEqual(['90000.00', '3000.00', '3000.00', '500.00']);
    expect(sorted.items[1].name < sorted.items[2].name).toBe(true);
    expect(names(await list('sort=planned_amount,-name'))).toEqual([
      'a',
      ...names(sorted).slice(1, 3).reverse(),
      'b',
    ]);
    const page2 = await list('sort=-planned_amount,name&page=2&page_size=3');
    expect(page2.total).toBe(4);
    expect(page2.items.map((i) => i.id)).toEqual([sorted.items[3].id]);
    const bad = await t.as(c.office.token, { method: 'GET', url: '/api/v1/projects?sort=password' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('sort');
    const unknown = await t.as(c.office.token, { method: 'GET', url: '/api/v1/projects?colour=red' });
    expect(unknown.statusCode).toBe(400);
  });

  it('keeps every total exact: writes of another process, renamed investors and deletions show at once', async () => {
    const term = '总数一致性检查';
    const count = async (q: string, token = c.office.token) => {
      const res = await t.as(token, { method: 'GET', url: `/api/v1/projects?q=${encodeURIComponent(q)}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().total as number;
    };
    expect(await count(term)).toBe(0);
    expect(await count(term)).toBe(0); // counted once, reused
    // a write that does not go through this app (another process on the same database)
    await sql`UPDATE projects SET name = name || ${term} WHERE id = ${ids.a}`.execute(t.deps.db);
    expect(await count(term)).toBe(1);
    expect(await count(term, c.districtA.token)).toBe(0); // 120116 is not district A's (120101)
    await sql`UPDATE projects SET region = '120101' WHERE id = ${ids.a}`.execute(t.deps.db);
    expect(await count(term, c.districtA.token)).toBe(1);
    await sql`UPDATE projects SET region = '120116' WHERE id = ${ids.a}`.execute(t.deps.db);
    expect(await count(term, c.districtA.token)).toBe(0);

    // the investor renamed: its projects are found by the new name, not by the old one
    const old = await count('渤海列表测试');
    expect(old).toBe(4);
    const current = (
      await t.as(c.office.token, { method: 'GET', url: `/api/v1/enterprises/${inv.id}` })
    ).json();
    const renamed = await t.as(c.office.token, {
      method: 'PATCH',
      url: `/api/v1/enterprises/${inv.id}`,
      payload: { name: '天津滨海更名测试集团有限公司', version: current.version },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await count('渤海列表测试')).toBe(0);
    expect(await count('滨海更名测试')).toBe(4);

    // soft delete through the API
    const gone = await t.as(c.office.token, { method: 'DELETE', url: `/api/v1/projects/${ids.a}` });
    expect(gone.statusCode, gone.body).toBe(204);
    expect(await count(term)).toBe(0);
    expect(await count('滨海更名测试')).toBe(3);
  });
});

/** A gate one side opens and the other awaits. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

// Several connections at once: the PostgreSQL server only (PGlite runs one statement at a time).
describe.runIf(testEngine() === 'postgres')(
  'project writes and the list counters (migration 20261123080000)',
  () => {
    it('an edit does not wait for a long transaction on projects of its region', async () => {
      const held = await project(t, c.districtA.token, { region: '120101' });
      const edited = await project(t, c.districtA.token, { region: '120101' });
      const updated = gate();
      const release = gate();
      // an import, say: it has written projects of 120101 and has not committed yet
      const long = t.deps.db.transaction().execute(async (trx) => {
        await sql`UPDATE projects SET notes = 'long' WHERE id = ${held.id}`.execute(trx);
        updated.open();
        await release.opened;
      });
      await updated.opened;
      const patch = t.as(c.districtA.token, {
        method: 'PATCH',
        url: `/api/v1/projects/${edited.id}`,
        payload: { notes: '不必等待', version: edited.version },
      });
      // before, the edit waited for the other transaction's counter of 120101 until that one ended
      const outcome = await Promise.race([
        patch.then((r) => r.statusCode),
        new Promise((resolve) => setTimeout(() => resolve('still waiting after 10 s'), 10_000)),
      ]);
      release.open();
      await long;
      expect(outcome).toBe(200);
    });

    it('two transactions that change projects of two regions in opposite orders both commit', async () => {
      const [a1, a2] = [await project(t, c.districtA.token), await project(t, c.districtA.token)];
      const [b1, b2] = [
        await project(t, c.districtB.token, { region: '120116' }),
        await project(t, c.districtB.token, { region: '120116' }),
      ];
      const sum = async () =>
        Number(
          (await sql<{ s: string }>`SELECT sum(version)::text AS s FROM list_versions`.execute(t.deps.db))
            .rows[0].s,
        );
      const before = await sum();
      const first = gate();
      const second = gate();
      const one = t.deps.db.transaction().execute(async (trx) => {
        await sql`UPDATE projects SET notes = 'one' WHERE id = ${a1.id}`.execute(trx);
        first.open();
        await second.opened;
        await sql`UPDATE projects SET notes = 'one' WHERE id = ${b1.id}`.execute(trx);
      });
      const two = t.deps.db.transaction().execute(async (trx) => {
        await first.opened;
        await sql`UPDATE projects SET notes = 'two' WHERE id = ${b2.id}`.execute(trx);
        second.open();
        await sql`UPDATE projects SET notes = 'two' WHERE id = ${a2.id}`.execute(trx);
      });
      // before, each waited for the other's region counter, and PostgreSQL cancelled one as a deadlock
      const settled = await Promise.allSettled([one, two]);
      expect(settled.map((s) => (s.status === 'rejected' ? String(s.reason) : s.status))).toEqual([
        'fulfilled',
        'fulfilled',
      ]);
      // every statement that changed projects raised the sum that cached list counts are checked against
      expect(await sum()).toBeGreaterThanOrEqual(before + 4);
    });
  },
);
