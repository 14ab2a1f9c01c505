import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { STAGES, type Stage } from '../../../../shared/enums.ts';
import type { ProjectFilters } from '../../../../shared/schemas/projects.ts';

/** Every filter of `GET /api/v1/projects` (and of its Excel export), by its query-string name. */
export const FILTER_KEYS = [
  'q',
  'region',
  'stage',
  'industry',
  'capital_kind',
  'key_level',
  'major',
  'investor_id',
  'unit_id',
  'responsible_unit_id',
  'guarantor_id',
  'origin',
  'introducer_kind',
  'polluting',
  'outdated_capacity',
  'planned_min',
  'planned_max',
  'contracted_min',
  'contracted_max',
  'expected_from',
  'expected_to',
  'stage_from',
  'stage_to',
  'created_from',
  'created_to',
] as const satisfies ReadonlyArray<Exclude<keyof ProjectFilters, 'sort'>>;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** What the list shows: filters, sort, page. Kept in the URL so that back/forward and links keep it. */
export interface ListState {
  filters: Filters;
  sort: string | undefined;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZES = [20, 50, 100] as const;

export function readListState(sp: URLSearchParams): ListState {
  const filters: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = sp.get(k);
    if (v) filters[k] = v;
  }
  const page = Number(sp.get('page'));
  const pageSize = Number(sp.get('page_size'));
  return {
    filters,
    sort: sp.get('sort') || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

export function writeListState(s: ListState): URLSearchParams {
  const sp = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = s.filters[k];
    if (v) sp.set(k, v);
  }
  if (s.sort) sp.set('sort', s.sort);
  if (s.page > 1) sp.set('page', String(s.page));
  if (s.pageSize !== DEFAULT_PAGE_SIZE) sp.set('page_size', String(s.pageSize));
  return sp;
}

/** The query of the list and of the export: the same filters and sort, so the export is what is shown. */
export function exportQuery(s: Pick<ListState, 'filters' | 'sort'>): Record<string, string> {
  const q: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = s.filters[k];
    if (v) q[k] = v;
  }
  if (s.sort) q.sort = s.sort;
  return q;
}

/** The query of one page of the list: the export's query, the page and its size. */
export function listQuery(s: ListState): Record<string, string | number> {
  return { ...exportQuery(s), page: s.page, page_size: s.pageSize };
}

export function countFilters(f: Filters): number {
  return FILTER_KEYS.filter((k) => f[k]).length;
}

// ----------------------------------------------------------------------------------------------------
// The filter form: the same filters in the shape antd controls want.

type Range = [Dayjs | null, Dayjs | null] | null;

export interface FilterFormValues {
  q?: string;
  region?: string | null;
  stage?: Stage[];
  industry?: string | null;
  capital_kind?: string;
  key_level?: string;
  major?: string;
  investor_id?: string | null;
  unit_id?: string;
  responsible_unit_id?: string;
  guarantor_id?: string;
  origin_region?: string | null;
  origin_country?: string;
  introducer_kind?: string;
  polluting?: string;
  outdated_capacity?: string;
  planned_min?: string;
  planned_max?: string;
  contracted_min?: string;
  contracted_max?: string;
  expected?: Range;
  stage_dates?: Range;
  created?: Range;
}

const D = 'YYYY-MM-DD';
const day = (v: Dayjs | null | undefined) => (v ? v.format(D) : undefined);
const parse = (v: string | undefined) => (v ? dayjs(v) : null);
const range = (from?: string, to?: string): Range => (from || to ? [parse(from), parse(to)] : null);

export function formFromFilters(f: Filters): FilterFormValues {
  const origin = f.origin;
  return {
    q: f.q ?? '',
    region: f.region ?? null,
    stage: f.stage
      ? (f.stage.split(',').filter((s) => (STAGES as readonly string[]).includes(s)) as Stage[])
      : [],
    industry: f.industry ?? null,
    capital_kind: f.capital_kind,
    key_level: f.key_level,
    major: f.major,
    investor_id: f.investor_id ?? null,
    unit_id: f.unit_id,
    responsible_unit_id: f.responsible_unit_id,
    guarantor_id: f.guarantor_id,
    origin_region: origin && /^\d{6}$/.test(origin) ? origin : null,
    origin_country: origin && /^[A-Z]{2}$/.test(origin) ? origin : undefined,
    introducer_kind: f.introducer_kind,
    polluting: f.polluting,
    outdated_capacity: f.outdated_capacity,
    planned_min: f.planned_min ?? '',
    planned_max: f.planned_max ?? '',
    contracted_min: f.contracted_min ?? '',
    contracted_max: f.contracted_max ?? '',
    expected: range(f.expected_from, f.expected_to),
    stage_dates: range(f.stage_from, f.stage_to),
    created: range(f.created_from, f.created_to),
  };
}

export function filtersFromForm(v: FilterFormValues): Filters {
  const text = (s: string | null | undefined) => {
    const t = s?.trim();
    return t ? t : undefined;
  };
  const out: Filters = {
    q: text(v.q),
    region: text(v.region),
    stage: v.stage?.length ? STAGES.filter((s) => v.stage!.includes(s)).join(',') : undefined,
    industry: text(v.industry),
    capital_kind: text(v.capital_kind),
    key_level: text(v.key_level),
    major: text(v.major),
    investor_id: text(v.investor_id),
    unit_id: text(v.unit_id),
    responsible_unit_id: text(v.responsible_unit_id),
    guarantor_id: text(v.guarantor_id),
    origin: text(v.origin_country) ?? text(v.origin_region),
    introducer_kind: text(v.introducer_kind),
    polluting: text(v.polluting),
    outdated_capacity: text(v.outdated_capacity),
    planned_min: text(v.planned_min),
    planned_max: text(v.planned_max),
    contracted_min: text(v.contracted_min),
    contracted_max: text(v.contracted_max),
    expected_from: day(v.expected?.[0]),
    expected_to: day(v.expected?.[1]),
    stage_from: day(v.stage_dates?.[0]),
    stage_to: day(v.stage_dates?.[1]),
    created_from: day(v.created?.[0]),
    created_to: day(v.created?.[1]),
  };
  for (const k of FILTER_KEYS) if (out[k] === undefined) delete out[k];
  return out;
}

/** Sort string of the API (`-planned_amount`) ↔ the antd column sort state. */
export function parseSort(sort: string | undefined): { key: string; order: 'ascend' | 'descend' } | null {
  if (!sort) return null;
  const first = sort.split(',')[0];
  return first.startsWith('-') ? { key: first.slice(1), order: 'descend' } : { key: first, order: 'ascend' };
}
