import { STAGES } from '../../../shared/enums.ts';
import { dec, money, ratio } from '../../../shared/money.ts';
import { currentMonthCst, formatMonth, parseMonth } from '../../../shared/month.ts';
import { regionPrefix } from '../../../shared/regions.ts';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../../plugins/access.ts';
import { computeLive, regionRowMapping, trend } from '../bulletins/bulletins.service.ts';
import { listInterviews } from '../interviews/interviews.repository.ts';
import * as repo from './cockpit.repository.ts';

/**
 * The leader cockpit (驾驶舱): the year at a glance for the deployment root, read from the replica. Every
 * block carries `drill`: where a click leads (`path` and `query` of a web page, e.g. the project list with
 * its filters, or the bulletin of the month).
 */

export interface Drill {
  path: string;
  query?: Record<string, string>;
}

const BEIJING = '110000';
const HEBEI = '130000';

function checkYear(year: number) {
  const now = parseMonth(currentMonthCst());
  if (year > now.year) {
    throw new AppError('VALIDATION', {
      message: `year: ${year} 年尚未到来`,
      details: [{ path: 'year', message: 'year is in the future' }],
    });
  }
  return year === now.year ? now.month : 12;
}

/**
 * The year at a glance, as of the latest month of the year with an approved report (the bulletin's figures of
 * that month: a region whose report for it is not approved shows as not reported). The industry and origin
 * breakdowns count every approved month of the year up to it; their shares add up to 100%.
 */
export async function cockpit(deps: Deps, actor: Actor, year: number) {
  const last = checkYear(year);
  const db = deps.reader;
  const root = deps.config.MAGNET_ROOT_REGION;
  const prefix = regionPrefix(root);
  const from = `${year}-01-01`;
  const month =
    (await repo.latestApprovedMonth(db, prefix, from, `${formatMonth(year, last)}-01`)) ??
    formatMonth(year, last);
  const to = `${month}-01`;
  const mapping = await regionRowMapping(db, root);
  const { regions } = mapping;
  const [bulletin, months, sections, origins, foreign, stages, keys, keyStages, interviews, run, target] =
    await Promise.all([
      computeLive(deps, month, root, mapping),
      trend(deps, actor, month, root),
      repo.capitalBySection(db, regions, from, to),
      repo.capitalByOrigin(db, regions, from, to),
      repo.foreignByCountry(db, regions, from, to),
      repo.funnel(db, prefix),
      repo.keyProjects(db, prefix, 15),
      repo.keyProjectStages(db, prefix),
      listInterviews(db, { kind: 'all' }, { limit: 6 }),
      repo.latestRun(db, root, year),
      db
        .selectFrom('targets')
        .select(['beijing_share', 'growth_rate', 'top500_count'])
        .where('year', '=', year)
        .where('region', '=', root)
        .executeTakeFirst(),
    ]);
  const t = bulletin.totals;
  const beijingGoal = dec(target?.beijing_share ?? '0.3333').toFixed(4);
  const rootProvince = `${root.slice(0, 2)}0000`;
  const sectionTotal = sections.reduce((sum, x) => sum.plus(dec(x.amount)), dec(0));
  const totalDomestic = origins.reduce((sum, o) => sum.plus(dec(o.amount)), dec(0));
  const group = (key: string) => {
    const rows = origins.filter((o) => {
      if (key === 'beijing') return o.province === BEIJING;
      if (key === 'hebei') return o.province === HEBEI && rootProvince !== HEBEI;
      if (key === 'local') return o.province === rootProvince;
      if (key === 'unknown') return o.province === null;
      return (
        o.province !== null &&
        o.province !== BEIJING &&
        o.province !== rootProvince &&
        !(o.province === HEBEI && rootProvince !== HEBEI)
      );
    });
    return money(rows.reduce((s, r) => s.plus(dec(r.amount)), dec(0)));
  };
  const originGroups = [
    {
      key: 'beijing',
      name: '北京',
      amount: group('beijing'),
      drill: { path: '/projects', query: { origin: BEIJING } },
    },
    ...(rootProvince !== HEBEI
      ? [
          {
            key: 'hebei',
            name: '河北',
            amount: group('hebei'),
            drill: { path: '/projects', query: { origin: HEBEI } },
          },
        ]
      : []),
    {
      key: 'local',
      name: '本地',
      amount: group('local'),
      drill: { path: '/projects', query: { origin: rootProvince } },
    },
    {
      key: 'other',
      name: '其他省份',
      amount: group('other'),
      drill: { path: '/projects', query: { capital_kind: 'domestic' } },
    },
  ]
    .filter((g) => !dec(g.amount).isZero())
    .map((g) => ({ ...g, share: ratio(g.amount, totalDomestic) }));

  const stageRows = STAGES.map((s) => {
    const r = stages.find((x) => x.stage === s);
    return {
      stage: s,
      projects: r?.projects ?? 0,
      planned: money(r?.planned ?? 0),
      drill: { path: '/projects', query: { stage: s } } satisfies Drill,
    };
  });

  return {
    year,
    month,
    parent: bulletin.parent,
    schedule: bulletin.schedule,
    summary: {
      domestic: {
        ytd: t.ytd,
        ytd_prev: t.ytd_prev,
        yoy: t.yoy,
        target: t.target,
        completion: t.completion,
        behind_schedule: t.behind_schedule,
        growth_goal: target?.growth_rate ?? null,
        drill: { path: '/bulletins', query: { month } } satisfies Drill,
      },
      foreign: {
        ytd: t.foreign.ytd,
        ytd_prev: t.foreign.ytd_prev,
        yoy: t.foreign.yoy,
        target: t.foreign.target,
        completion: t.foreign.completion,
        behind_schedule: t.foreign.behind_schedule,
        drill: { path: '/bulletins', query: { month } } satisfies Drill,
      },
      reported: bulletin.rows.filter((r) => r.reported).length,
      regions: bulletin.rows.length,
    },
    ranking: bulletin.rows
      .map((r) => ({
        region: r.region,
        name: r.name,
        reported: r.reported,
        ytd: r.ytd,
        target: r.target,
        completion: r.completion,
        behind_schedule: r.behind_schedule,
        rank: r.rank,
        foreign_ytd: r.foreign.ytd,
        foreign_completion: r.foreign.completion,
        beijing_share: r.beijing_share,
        drill: { path: '/projects', query: { region: r.region } } satisfies Drill,
      }))
      .sort((a, b) => (a.rank ?? 9999) - (b.rank ?? 9999) || a.region.localeCompare(b.region)),
    trend: {
      current: months.current,
      previous: months.previous,
      drill: { path: '/bulletins', query: { month } } satisfies Drill,
    },
    by_industry: sections.map((s) => ({
      section: s.section,
      name: s.name,
      amount: money(s.amount),
      projects: s.projects,
      share: ratio(s.amount, sectionTotal),
      drill: { path: '/projects', query: { industry: s.section, capital_kind: 'domestic' } } satisfies Drill,
    })),
    by_origin: {
      domestic_total: money(totalDomestic),
      beijing_share: t.beijing_share,
      beijing_goal: beijingGoal,
      beijing_met: t.beijing_share === null ? null : dec(t.beijing_share).greaterThanOrEqualTo(beijingGoal),
      groups: originGroups,
      foreign: foreign.map((f) => ({
        country: f.country,
        amount: money(f.amount),
        drill: { path: '/projects', query: { origin: f.country, capital_kind: 'foreign' } } satisfies Drill,
      })),
    },
    funnel: stageRows,
    key_projects: {
      stages: STAGES.map((s) => ({
        stage: s,
        projects: keyStages.find((k) => k.stage === s)?.projects ?? 0,
      })),
      items: keys.map((k) => ({
        ...k,
        planned_amount: money(k.planned_amount),
        funds_in_place: money(k.funds_in_place),
        drill: { path: `/projects/${k.id}` } satisfies Drill,
      })),
      drill: { path: '/projects', query: { key_level: 'city' } } satisfies Drill,
    },
    interviews: interviews.map((c) => ({
      id: c.id,
      run_id: c.run_id,
      period: c.period,
      region: c.region,
      region_name: c.region_name,
      status: c.status,
      reasons: c.reasons,
      interview_date: c.interview_date,
      open_rectifications: c.open_rectifications,
      drill: { path: `/assessments/interviews/${c.id}` } satisfies Drill,
    })),
    assessment: run
      ? {
          id: run.id,
          period: run.period,
          status: run.status,
          summary: run.summary,
          drill: { path: `/assessments/runs/${run.id}` } satisfies Drill,
        }
      : null,
  };
}
