import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { approveReport, insertEntry, insertProject } from '../../test/fixtures.ts';

let t: TestApp;
let office: string;
let district: string;
let districtOther: string;

beforeAll(async () => {
  t = await createTestApp();
  office = (await t.factory.actor('office')).token;
  district = (await t.factory.actor('district', '120101')).token;
  districtOther = (await t.factory.actor('district', '120102')).token;
  for (const region of ['120101', '120102']) {
    for (let i = 0; i < 4; i++) {
      const p = await insertProject(t.deps.db, { region, key_level: i === 0 ? 'city' : null });
      for (const m of ['2026-01', '2026-02', '2026-03'])
        await insertEntry(t.deps.db, p.id, m, 'domestic', `${10 + i}.00`);
    }
    for (const m of ['2026-01', '2026-02', '2026-03']) await approveReport(t.deps.db, region, m);
  }
});
afterAll(() => t?.close());

describe('semi-annual verification', () => {
  it('draws a reproducible sample per region', async () => {
    const a = await t.as(office, {
      method: 'POST',
      url: '/api/v1/verifications',
      payload: { period: '2026H1', sample_size: 3, seed: 'abc' },
    });
    const b = await t.as(office, {
      method: 'POST',
      url: '/api/v1/verifications',
      payload: { period: '2026H1', sample_size: 3, seed: 'abc' },
    });
    expect(a.statusCode).toBe(201);
    expect(a.json().items).toBe(6);
    const itemsA = (await t.as(office, { method: 'GET', url: `/api/v1/verifications/${a.json().id}` })).json()
      .items;
    const itemsB = (await t.as(office, { method: 'GET', url: `/api/v1/verifications/${b.json().id}` })).json()
      .items;
    expect(itemsA.map((i: { entry_id: string }) => i.entry_id).sort()).toEqual(
      itemsB.map((i: { entry_id: string }) => i.entry_id).sort(),
    );
    const perRegion = itemsA.reduce(
      (m: Record<string, number>, i: { region: string }) => ({ ...m, [i.region]: (m[i.region] ?? 0) + 1 }),
      {},
    );
    expect(perRegion).toEqual({ '120101': 3, '120102': 3 });
    const other = await t.as(office, {
      method: 'POST',
      url: '/api/v1/verifications',
      payload: { period: '2026H1', sample_size: 3, seed: 'xyz' },
    });
    const itemsC = (
      await t.as(office, { method: 'GET', url: `/api/v1/verifications/${other.json().id}` })
    ).json().items;
    expect(itemsC.map((i: { entry_id: string }) => i.entry_id).sort()).not.toEqual(
      itemsA.map((i: { entry_id: string }) => i.entry_id).sort(),
    );
  });

  it('an entry found false leaves the figures and opens a rectification for the district', async () => {
    const v = (
      await t.as(office, {
        method: 'POST',
        url: '/api/v1/verifications',
        payload: { period: '2026H1', sample_size: 1, seed: 's1' },
      })
    ).json();
    const detail = (await t.as(office, { method: 'GET', url: `/api/v1/verifications/${v.id}` })).json();
    const item = detail.items.find((i: { region: string }) => i.region === '120101');
    const before = (await t.as(office, { method: 'GET', url: '/api/v1/bulletins/2026-03' })).json().rows[0]
      .ytd;
    const noFinding = await t.as(office, {
      method: 'POST',
      url: `/api/v1/verifications/${v.id}/items/${item.id}`,
      payload: { result: 'false' },
    });
    expect(noFinding.statusCode).toBe(400);
    const res = await t.as(office, {
      method: 'POST',
      url: `/api/v1/verifications/${v.id}/items/${item.id}`,
      payload: { result: 'false', finding: '无银行进账凭证', deadline: '2026-01-31' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().rectification_id).toBeTruthy();
    const again = await t.as(office, {
      method: 'POST',
      url: `/api/v1/verifications/${v.id}/items/${item.id}`,
      payload: { result: 'confirmed' },
    });
    expect(again.statusCode).toBe(422);
    const after = (await t.as(office, { method: 'GET', url: '/api/v1/bulletins/2026-03' })).json().rows[0]
      .ytd;
    expect(Number(before) - Number(after)).toBeCloseTo(Number(item.amount), 2);
    // the owner district sees its item, overdue (deadline passed); the other district does not
    const mine = (await t.as(district, { method: 'GET', url: '/api/v1/rectifications' })).json();
    expect(mine.items.map((r: { id: string }) => r.id)).toContain(res.json().rectification_id);
    expect(mine.items.find((r: { id: string }) => r.id === res.json().rectification_id).overdue).toBe(true);
    const theirs = (await t.as(districtOther, { method: 'GET', url: '/api/v1/rectifications' })).json();
    expect(theirs.items.map((r: { id: string }) => r.id)).not.toContain(res.json().rectification_id);
    const steal = await t.as(districtOther, {
      method: 'PATCH',
      url: `/api/v1/rectifications/${res.json().rectification_id}`,
      payload: { version: 1, status: 'in_progress' },
    });
    expect(steal.statusCode).toBe(404);
  });

  it('the district works the item, the office accepts it; a district cannot accept', async () => {
    const list = (await t.as(district, { method: 'GET', url: '/api/v1/rectifications' })).json().items;
    const r = list[0];
    const empty = await t.as(district, {
      method: 'PATCH',
      url: `/api/v1/rectifications/${r.id}`,
      payload: { version: r.version, status: 'submitted' },
    });
    expect(empty.statusCode).toBe(422);
    const sub = await t.as(district, {
      method: 'PATCH',
      url: `/api/v1/rectifications/${r.id}`,
      payload: { version: r.version, status: 'submitted', resolution: '已补充银行进账单并核减数据' },
    });
    expect(sub.statusCode).toBe(200);
    const selfAccept = await t.as(district, {
      method: 'PATCH',
      url: `/api/v1/rectifications/${r.id}`,
      payload: { version: sub.json().version, status: 'done' },
    });
    expect(selfAccept.statusCode).toBe(403);
    const stale = await t.as(office, {
      method: 'PATCH',
      url: `/api/v1/rectifications/${r.id}`,
      payload: { version: r.version, status: 'done' },
    });
    expect(stale.statusCode).toBe(409);
    const done = await t.as(office, {
      method: 'PATCH',
      url: `/api/v1/rectifications/${r.id}`,
      payload: { version: sub.json().version, status: 'done' },
    });
    expect(done.json()).toMatchObject({ status: 'done', overdue: false });
  });

  it('exports the findings notice as PDF and Word', async () => {
    const v = (await t.as(office, { method: 'GET', url: '/api/v1/verifications' })).json().items[0];
    const pdf = await t.as(office, { method: 'GET', url: `/api/v1/verifications/${v.id}/notice.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await t.as(office, { method: 'GET', url: `/api/v1/verifications/${v.id}/notice.docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('quarterly inspection of key projects', () => {
  it('lists every key project with a checklist; an issue opens a rectification', async () => {
    const s = await t.as(office, {
      method: 'POST',
      url: '/api/v1/inspections',
      payload: { quarter: '2026Q1' },
    });
    expect(s.statusCode).toBe(201);
    expect(s.json().items).toBe(2);
    const detail = (await t.as(office, { method: 'GET', url: `/api/v1/inspections/${s.json().id}` })).json();
    expect(detail.items[0]).toMatchObject({
      key_level: 'city',
      funds_in_place: expect.stringMatching(/^\d+\.\d{2}$/),
    });
    const res = await t.as(office, {
      method: 'POST',
      url: `/api/v1/inspections/${s.json().id}/items/${detail.items[0].id}`,
      payload: { progress: '主体结构施工', funds: '到位 30%', problems: '用地手续未办结', result: 'issue' },
    });
    expect(res.statusCode).toBe(200);
    const rect = (
      await t.as(office, {
        method: 'GET',
        url: `/api/v1/rectifications?source=inspection&source_id=${s.json().id}`,
      })
    ).json();
    expect(rect.items).toHaveLength(1);
    expect(rect.items[0].description).toBe('用地手续未办结');
    const districtView = (
      await t.as(districtOther, { method: 'GET', url: `/api/v1/inspections/${s.json().id}` })
    ).json();
    expect(districtView.items.every((i: { region: string }) => i.region === '120102')).toBe(true);
  });
});
