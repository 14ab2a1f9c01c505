import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, currentMonthCst } from '../../shared/month.ts';
import { buildApp } from '../app.ts';
import type { Deps } from '../context.ts';
import { bootstrap, type BootstrapReport } from '../db/bootstrap.ts';
import { openTestDatabase, testConfig } from '../test/harness.ts';
import type { Database } from '../db/database.ts';

let database: Database;
let deps: Deps;
let report: BootstrapReport;

beforeAll(async () => {
  database = await openTestDatabase();
  deps = {
    db: database.db,
    reader: database.reader,
    engine: database.engine,
    config: testConfig({ MAGNET_DEMO: '1' }),
  };
  report = await bootstrap(deps);
}, 600_000);
afterAll(() => database?.close());

describe('the demo city (first start with MAGNET_DEMO=1)', { timeout: 120_000 }, () => {
  it('has one user per role with a printed password, the 16 districts, projects in every stage', async () => {
    expect(report.demo!.users.map((u) => u.role).sort()).toEqual(
      ['department', 'district', 'district', 'enterprise', 'leader', 'liaison', 'office'].sort(),
    );
    const units = await deps.db.selectFrom('units').select('kind').where('kind', '=', 'district').execute();
    expect(units).toHaveLength(16);
    const stages = await deps.db.selectFrom('projects').select('stage').distinct().execute();
    expect(stages.map((s) => s.stage).sort()).toEqual([
      'construction',
      'dropped',
      'lead',
      'negotiating',
      'operating',
      'registered',
      'signed',
    ]);
  });

  it('shows a newcomer a real bulletin at once, with two districts still late for last month', async () => {
    const app = await buildApp({ deps, logger: false });
    const office = report.demo!.users.find((u) => u.role === 'office')!;
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: office.username, password: office.password },
    });
    const token = login.json().token as string;
    const last = addMonths(currentMonthCst(), -1);
    const queue = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/monthly-reports?month=${last}`,
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    expect(queue.summary.draft).toBe(2);
    expect(queue.summary.approved).toBe(14);
    const published = (
      await app.inject({
        method: 'GET',
        url: '/api/v1/bulletins',
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    expect(published.items.length).toBeGreaterThan(0);
    const b = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/bulletins/${published.items[0].month}?version=1`,
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    const reported = b.rows.filter((r: { reported: boolean }) => r.reported);
    expect(reported).toHaveLength(16);
    // targets follow the district's own activity: completions are plausible, some behind schedule, some not
    const completions = reported.map((r: { completion: string | null }) => Number(r.completion));
    expect(Math.max(...completions)).toBeLessThan(5);
    expect(reported.some((r: { behind_schedule: boolean }) => r.behind_schedule)).toBe(true);
    expect(reported.some((r: { behind_schedule: boolean }) => !r.behind_schedule)).toBe(true);
    await app.close();
  });
});
