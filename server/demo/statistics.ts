import { sql } from 'kysely';
import { dec, money } from '../../shared/money.ts';
import { addMonths, currentMonthCst, parseMonth } from '../../shared/month.ts';
import type { Deps } from '../context.ts';
import { SYSTEM_ACTOR } from '../plugins/access.ts';
import { recordAudit } from '../plugins/audit.ts';
import { publish } from '../modules/bulletins/bulletins.service.ts';
import type { DemoOrg } from './organisation.ts';

/** A small deterministic PRNG (mulberry32): the demo is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ctx = { actor: SYSTEM_ACTOR, ip: null, requestId: 'demo' };

/**
 * Two years of monthly capital for the demo city (issue 4): entries for every project that has reached
 * `signed`, approved reports for every month up to the month before last, last month approved for all
 * districts but two (still in draft), targets for this year and last, and a published bulletin for each
 * month of this year whose reports are all in — so that a newcomer sees a real bulletin at once.
 */
export async function seedStatistics(deps: Deps, org: DemoOrg): Promise<void> {
  const { db } = deps;
  const rand = prng(20261122);
  const now = currentMonthCst();
  const lastMonth = addMonths(now, -1);
  const first = addMonths(now, -24);
  const { year } = parseMonth(now);
  const projects = await db
    .selectFrom('projects')
    .select(['id', 'region', 'capital_kind', 'planned_amount', 'origin_province', 'stage'])
    .where('deleted_at', 'is', null)
    .where('stage', 'in', ['signed', 'registered', 'construction', 'operating'])
    .orderBy('code')
    .execute();

  const rows: Array<{
    project_id: string;
    region: string;
    month: string;
    kind: 'domestic' | 'foreign';
    amount: string;
    beijing: boolean;
  }> = [];
  for (const p of projects) {
    const startOffset = Math.floor(rand() * 20);
    const planned = dec(p.planned_amount);
    // foreign projects report in 万美元 (planned amounts are in 万元)
    const base = p.capital_kind === 'foreign' ? planned.div(7.1) : planned;
    for (let m = addMonths(first, startOffset); m <= now; m = addMonths(m, 1)) {
      if (rand() > 0.55) continue;
      const share = dec(Math.floor(rand() * 500) + 50).div(10000); // 0.5 % … 5.5 % of the plan
      const amount = money(base.times(share));
      if (dec(amount).isZero()) continue;
      rows.push({
        project_id: p.id,
        region: p.region,
        month: `${m}-01`,
        kind: p.capital_kind,
        amount,
        beijing: p.origin_province === '110000',
      });
    }
  }
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('capital_entries')
      .values(rows.slice(i, i + 1000))
      .execute();

  // reports: approved up to the month before last; last month: all but two districts; this month: draft
  const districts = org.regions.map((r) => r.code);
  const late = new Set(districts.slice(-2));
  const office = org.users.find((u) => u.role === 'office');
  const reports: Array<{
    region: string;
    month: string;
    status: 'approved' | 'draft' | 'submitted';
    submitted_at: Date | null;
    approved_at: Date | null;
    submitted_by: string | null;
    approved_by: string | null;
  }> = [];
  for (let m = first; m <= lastMonth; m = addMonths(m, 1)) {
    const { year: y, month: mm } = parseMonth(m);
    const submitted = new Date(Date.UTC(y, mm, 3, 2)); // the 3rd of the next month, 10:00 CST
    const approved = new Date(Date.UTC(y, mm, 4, 7));
    for (const region of districts) {
      const pending = m === lastMonth && late.has(region);
      reports.push({
        region,
        month: `${m}-01`,
        status: pending ? 'draft' : 'approved',
        submitted_at: pending ? null : submitted,
        approved_at: pending ? null : approved,
        submitted_by: null,
        approved_by: pending ? null : (office?.id ?? null),
      });
    }
  }
  for (let i = 0; i < reports.length; i += 1000)
    await db
      .insertInto('monthly_reports')
      .values(reports.slice(i, i + 1000))
      .execute();

  // targets: for each year, that year's capital (this year: annualised from the months so far) times
  // 0.9–1.3, rounded up to 100 — so that some districts run ahead of the schedule and some behind
  const { month: lastM } = parseMonth(lastMonth);
  const monthsSoFar = Number(lastMonth.slice(0, 4)) === year ? lastM : 12;
  const actual = await sql<{ y: number; region: string; kind: string; amount: string }>`
    SELECT extract(year FROM month)::int AS y, region, kind, sum(amount) AS amount FROM capital_entries
    WHERE month >= ${`${year - 1}-01-01`}::date AND month <= ${`${lastMonth}-01`}::date GROUP BY 1, 2, 3`.execute(
    db,
  );
  for (const y of [year - 1, year]) {
    for (const region of districts) {
      const of = (k: string) => {
        const v = dec(actual.rows.find((r) => r.y === y && r.region === region && r.kind === k)?.amount ?? 0);
        return y === year ? v.times(12).div(monthsSoFar) : v;
      };
      const factor = dec(90 + Math.floor(rand() * 40)).div(100);
      const target = (v: ReturnType<typeof dec>, floor: number) =>
        money(v.isZero() ? dec(floor) : v.times(factor).div(100).ceil().times(100));
      const domestic = target(of('domestic'), 5000);
      const foreign = target(of('foreign'), 100);
      await db.insertInto('targets').values({ year: y, region, domestic, foreign }).execute();
    }
  }
  // the city's own goals (seed 000): domestic growth 15 %, Beijing share ≥ 1/3, 30 top-500 enterprises
  const cityTotal = await db
    .selectFrom('targets')
    .select([sql<string>`sum(domestic)`.as('d'), sql<string>`sum("foreign")`.as('f')])
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('targets')
    .values({
      year,
      region: org.root,
      domestic: money(cityTotal.d ?? 0),
      foreign: money(cityTotal.f ?? 0),
      growth_rate: '0.1500',
      beijing_share: '0.3333',
      top500_count: 30,
    })
    .execute();
  await recordAudit(db, ctx, {
    action: 'demo.statistics',
    entity: 'capital_entry',
    after: { entries: rows.length, reports: reports.length },
  });

  // publish every month of this year whose reports are all approved
  const publisher = office
    ? { ...SYSTEM_ACTOR, id: office.id, username: office.username, role: 'office' as const }
    : SYSTEM_ACTOR;
  for (let m = `${year}-01`; m < lastMonth; m = addMonths(m, 1)) {
    await publish(deps, publisher, m, { note: '演示数据' }, { ...ctx, actor: publisher });
  }
}
