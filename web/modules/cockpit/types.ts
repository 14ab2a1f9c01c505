import type { Stage } from '../../../shared/enums.ts';

/** `GET /api/v1/cockpit` (server/modules/cockpit). Every block carries `drill`: the page a click opens. */
export interface Drill {
  path: string;
  query?: Record<string, string>;
}

export interface KindSummary {
  ytd: string | null;
  ytd_prev: string | null;
  yoy: string | null;
  target: string | null;
  completion: string | null;
  behind_schedule: boolean | null;
  drill: Drill;
}

export interface Cockpit {
  year: number;
  month: string;
  parent: { code: string; name: string };
  schedule: string;
  summary: {
    domestic: KindSummary & { growth_goal: string | null };
    foreign: KindSummary;
    reported: number;
    regions: number;
  };
  ranking: Array<{
    region: string;
    name: string;
    reported: boolean;
    ytd: string | null;
    target: string | null;
    completion: string | null;
    behind_schedule: boolean | null;
    rank: number | null;
    foreign_ytd: string | null;
    foreign_completion: string | null;
    beijing_share: string | null;
    drill: Drill;
  }>;
  trend: {
    current: Array<{ month: string; domestic: string; foreign: string; domestic_beijing: string }>;
    previous: Array<{ month: string; domestic: string; foreign: string; domestic_beijing: string }>;
    drill: Drill;
  };
  by_industry: Array<{
    section: string;
    name: string;
    amount: string;
    projects: number;
    share: string | null;
    drill: Drill;
  }>;
  by_origin: {
    domestic_total: string;
    beijing_share: string | null;
    beijing_goal: string;
    beijing_met: boolean | null;
    groups: Array<{
      key: 'beijing' | 'hebei' | 'local' | 'other';
      name: string;
      amount: string;
      share: string | null;
      drill: Drill;
    }>;
    foreign: Array<{ country: string; amount: string; drill: Drill }>;
  };
  funnel: Array<{ stage: Stage; projects: number; planned: string; drill: Drill }>;
  key_projects: {
    stages: Array<{ stage: Stage; projects: number }>;
    items: Array<{
      id: string;
      code: string;
      name: string;
      region: string;
      region_name: string | null;
      stage: Stage;
      stage_date: string | null;
      key_level: string | null;
      major: boolean;
      planned_amount: string;
      funds_in_place: string;
      guarantor: string | null;
      investor_name: string;
      drill: Drill;
    }>;
    drill: Drill;
  };
  interviews: Array<{
    id: string;
    period: string;
    region: string;
    region_name: string | null;
    status: 'planned' | 'held' | 'rectifying' | 'closed';
    reasons: Array<'domestic_target' | 'foreign_target' | 'bottom_three'>;
    interview_date: string | null;
    open_rectifications: number;
    drill: Drill;
  }>;
  assessment: {
    id: string;
    period: string;
    status: 'draft' | 'reviewed' | 'final';
    summary: {
      regions: number;
      interview: number;
      award: number;
      top?: Array<{ name: string; score: string }>;
    };
    drill: Drill;
  } | null;
}

/** `{path, query}` → `/projects?stage=signed`. */
export function drillHref(d: Drill): string {
  const qs = new URLSearchParams(d.query ?? {}).toString();
  return qs ? `${d.path}?${qs}` : d.path;
}
