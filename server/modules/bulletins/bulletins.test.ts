import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dec } from '../../../shared/money.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { approveReport, insertEntry, insertProject } from '../../test/fixtures.ts';

let t: TestApp;
let office: string;
let district: string;
const put = (url: string, payload: object) => t.as(t.adminToken, { method: 'PUT', url, payload });
const get = (token: string, url: string) => t.as(token, { method: 'GET', url });

/**
 * 和平区 120101: Beijing investor, domestic 2025-01 100, 2025-02 50, 2026-01 60, 2026-02 90 (+ a street's project 10 in 2026-02)
 * 河东区 120102: Hebei investor, domestic 2026-01 30, 2026-02 30; foreign 2026-02 8 (US investor)
 * 河西区 120103: entries in 2026-02 but its February report is not approved → 未报送
 * Targets 2026: 和平 1000, 河东 300 (foreign 40), 河西 500.
 */
beforeAll(async () => {
  t = await createTestApp();
  office = (await t.factory.actor('office')).token;
  const d = await t.factory.actor('district', '120101');
  district = d.token;
  await t.factory.unit('street', '120101', '南营门街道', d.unit!.id);
  for (const r of ['120102', '120103']) await t.factory.unit('district', r);

  const heping = (await insertProject(t.deps.db, { region: '120101', origin: '110101' })).id;
  const street = (await insertProject(t.deps.db, { region: '120101', origin: '130102' })).id;
  const hedong = (await insertProject(t.deps.db, { region: '120102', origin: '130102' })).id;
  const hedongF = (
    await insertProject(t.deps.db, { region: '120102', origin: 'US', capital_kind: 'foreign' })
  ).id;
  const hexi = (await insertProject(t.deps.db, { region: '120103', origin: '310000' })).id;
  await insertEntry(t.deps.db, heping, '2025-01', 'domestic', '100.00');
  await insertEntry(t.deps.db, heping, '2025-02', 'domestic', '50.00');
  await insertEntry(t.deps.db, heping, '2025-03', 'domestic', '999.00'); // outside Jan–Feb of last year
  await insertEntry(t.deps.db, heping, '2026-01', 'domestic', '60.00');
  await insertEntry(t.deps.db, heping, '2026-02', 'domestic', '90.00');
  await insertEntry(t.deps.db, street, '2026-02', 'domestic', '10.00');
  await insertEntry(t.deps.db, hedong, '2026-01', 'domestic', '30.00');
  await insertEntry(t.deps.db, hedong, '2026-02', 'domestic', '30.00');
  await insertEntry(t.deps.db, hedongF, '2026-02', 'foreign', '8.00');
  await insertEntry(t.deps.db, hexi, '2026-01', 'domestic', '70.00');
  await insertEntry(t.deps.db, hexi, '2026-02', 'domestic', '20.00');
  for (const m of ['2025-01', '2025-02', '2025-03', '2026-01', '2026-02']) {
    await approveReport(t.deps.db, '120101', m);
    await approveReport(t.deps.db, '120102', m);
  }
  await approveReport(t.deps.db, '120103', '2026-01');
  await put('/api/v1/targets/2026/120101', { domestic: '1000', foreign: '0' });
  await put('/api/v1/targets/2026/120102', { domestic: '300', foreign: '40' });
  await put('/api/v1/targets/2026/120103', { domestic: '500', foreign: '0' });
});
afterAll(() => t?.close());

describe('GET /api/v1/bulletins/:month', () => {
  it('computes every figure of SPEC §3.2 from approved entries', async () => {
    const res = await get(office, '/api/v1/bulletins/2026-02');
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.month).toBe('2026-02');
    expect(b.schedule).toBe('0.1667');
    expect(b.rows).toHaveLength(16);
    const by = Object.fromEntries(b.rows.map((r: { region: string }) => [r.region, r]));
    // 和平区: month 90 + 10 (street) = 100; ytd 60 + 100 = 160; ytd_prev 150; yoy 10/150; completion 0.16 < 0.1667
    expect(by['120101']).toMatchObject({
      name: '和平区',
      reported: true,
      month: '100.00',
      ytd: '160.00',
      ytd_prev: '150.00',
      yoy: '0.0667',
      target: '1000.00',
      completion: '0.1600',
      behind_schedule: true,
      beijing_share: '0.9375',
      rank: 2,
    });
    // 河东区: ytd 60 / 300 = 0.2 → rank 1; no prior year → yoy null; foreign 8 / 40
    expect(by['120102']).toMatchObject({
      ytd: '60.00',
      ytd_prev: '0.00',
      yoy: null,
      completion: '0.2000',
      behind_schedule: false,
      beijing_share: '0.0000',
      rank: 1,
    });
    expect(by['120102'].foreign).toMatchObject({
      month: '8.00',
      ytd: '8.00',
      completion: '0.2000',
      rank: 1,
      behind_schedule: false,
    });
    // 河西区: February not approved → 未报送, no figures
    expect(by['120103']).toMatchObject({ reported: false, ytd: null, rank: null });
    // a district with no reporting unit and no entries is not reported either
    expect(by['120104'].reported).toBe(false);
    expect(b.totals).toMatchObject({ month: '130.00', ytd: '220.00', ytd_prev: '150.00', target: '1800.00' });
  });

  it('January of the year (M = 1) and the leap-year February of last year', async () => {
    const jan = (await get(office, '/api/v1/bulletins/2026-01')).json();
    const heping = jan.rows.find((r: { region: string }) => r.region === '120101');
    expect(jan.schedule).toBe('0.0833');
    expect(heping).toMatchObject({ month: '60.00', ytd: '60.00', ytd_prev: '100.00', yoy: '-0.4000' });
    const hexi = jan.rows.find((r: { region: string }) => r.region === '120103');
    expect(hexi).toMatchObject({ reported: true, ytd: '70.00' });
  });

  it('equals the sums computed straight from the raw entries', async () => {
    const raw = await sql<{ region: string; ytd: string }>`
      SELECT e.region, sum(e.amount) AS ytd FROM capital_entries e
      JOIN monthly_reports r ON r.region = e.region AND r.month = e.month AND r.status = 'approved'
      WHERE e.status = 'valid' AND e.kind = 'domestic' AND e.month BETWEEN '2026-01-01' AND '2026-02-01'
      GROUP BY e.region`.execute(t.deps.db);
    const b = (await get(office, '/api/v1/bulletins/2026-02')).json();
    for (const r of raw.rows) {
      const row = b.rows.find((x: { region: string }) => x.region === r.region);
      if (row.reported) expect(row.ytd).toBe(dec(r.ytd).toFixed(2));
    }
    const rollup = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT region, month, kind, sum(amount) AS s FROM capital_entries WHERE status = 'valid' GROUP BY 1, 2, 3
      ) raw FULL JOIN capital_monthly c USING (region, month, kind)
      WHERE coalesce(raw.s, 0) <> coalesce(c.amount, 0)`.execute(t.deps.db);
    expect(rollup.rows[0].n).toBe(0);
  });

  it('opens a row into its child regions with the same formulas (a province into its prefectures)', async () => {
    const zunyi = await insertProject(t.deps.db, { region: '520302', origin: '110000' });
    await insertEntry(t.deps.db, zunyi.id, '2026-02', 'domestic', '12.34');
    await t.factory.unit('district', '520302');
    await approveReport(t.deps.db, '520302', '2026-02');
    const gz = (await get(office, '/api/v1/bulletins/2026-02?parent=520000')).json();
    const row = gz.rows.find((r: { region: string }) => r.region === '520300');
    expect(row).toMatchObject({
      name: '遵义市',
      reported: true,
      ytd: '12.34',
      beijing_share: '1.0000',
      has_children: true,
    });
    const city = (await get(office, '/api/v1/bulletins/2026-02?parent=520300')).json();
    expect(city.rows.find((r: { region: string }) => r.region === '520302')).toMatchObject({
      ytd: '12.34',
      reported: true,
    });
  });

  it('refuses a future month and a malformed one', async () => {
    expect((await get(office, '/api/v1/bulletins/2099-01')).statusCode).toBe(400);
    expect((await get(office, '/api/v1/bulletins/2026-13')).statusCode).toBe(400);
  });
});

describe('publishing', () => {
  it('freezes version 1 with a content hash; districts see only published versions', async () => {
    expect((await get(district, '/api/v1/bulletins/2026-02')).statusCode).toBe(404);
    const pub = await t.as(office, { method: 'POST', url: '/api/v1/bulletins/2026-02/publish', payload: {} });
    expect(pub.statusCode).toBe(201);
    expect(pub.json()).toMatchObject({ version: 1, content_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const seen = await get(district, '/api/v1/bulletins/2026-02');
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ version: 1, content_hash: pub.json().content_hash, live: false });
    const again = await t.as(office, { method: 'POST', url: '/api/v1/bulletins/2026-02/publish' });
    expect(again.statusCode).toBe(422);
  });

  it('a correction publishes version 2 listing what changed; version 1 never changes', async () => {
    const v1 = (await get(office, '/api/v1/bulletins/2026-02?version=1')).json();
    // verification finds an entry false: it leaves every figure from now on
    await t.deps.db
      .updateTable('capital_entries')
      .set({ status: 'false', status_reason: '核查不实' })
      .where('amount', '=', '10.00')
      .execute();
    const live = (await get(office, '/api/v1/bulletins/2026-02')).json();
    expect(live.rows.find((r: { region: string }) => r.region === '120101').ytd).toBe('150.00');
    const pub = await t.as(office, {
      method: 'POST',
      url: '/api/v1/bulletins/2026-02/publish',
      payload: { note: '更正和平区数据' },
    });
    expect(pub.statusCode).toBe(201);
    expect(pub.json().version).toBe(2);
    const changes = pub.json().changes as Array<{ region: string; field: string; from: string; to: string }>;
    expect(changes).toContainEqual({
      region: '120101',
      name: '和平区',
      field: 'ytd',
      from: '160.00',
      to: '150.00',
    });
    const v1again = (await get(office, '/api/v1/bulletins/2026-02?version=1')).json();
    expect(v1again).toEqual(v1);
    await expect(sql`UPDATE bulletin_versions SET content_hash = 'x'`.execute(t.deps.db)).rejects.toThrow(
      /never changes/,
    );
    const versions = (await get(office, '/api/v1/bulletins/2026-02/versions')).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('the trend gives this year and last year month by month', async () => {
    const tr = (await get(office, '/api/v1/bulletins/2026-02/trend')).json();
    expect(tr.current.map((m: { month: string }) => m.month)).toEqual(['2026-01', '2026-02']);
    expect(tr.previous[0]).toMatchObject({ month: '2025-01', domestic: '100.00' });
  });
});
