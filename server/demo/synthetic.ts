import { sql, type Kysely } from 'kysely';
import type { Stage } from '../../shared/enums.ts';
import { compareDec } from '../../shared/money.ts';
import { todayCst } from '../../shared/month.ts';
import type { Ownership } from '../../shared/schemas/enterprises.ts';
import { makeUscc } from '../../shared/uscc.ts';
import type { DB } from '../db/schema.ts';
import { regionPrefix, SYSTEM_ACTOR } from '../plugins/access.ts';
import { recordAudit } from '../plugins/audit.ts';
import { capitalKindOf, originProvince } from '../modules/projects/projects.service.ts';
import { FOREIGN, longTail, prng, THEMES } from './pipeline.ts';

/**
 * Synthetic pipeline data for benchmarks and `magnet seed` (issue 3): deterministic for a seed, realistic
 * in shape — a stage mix like a real pipeline, long-tailed amounts, investors shared across regions, Beijing
 * and Hebei among the origins — plus double counts planted on purpose and listed in the returned manifest,
 * so that a test can check the review list finds every one of them.
 *
 * ```ts
 * const manifest = await generateSynthetic({ db, scale: 'city', seed: 1, onProgress: (p) => log(p) });
 * ```
 *
 * | scale      | regions (default root)          | projects  | enterprises |
 * |------------|---------------------------------|-----------|-------------|
 * | `city`     | the counties of 120000 天津市    | 100,000   | 20,000      |
 * | `province` | the counties of 520000 贵州省    | 300,000   | 60,000      |
 * | `national` | every county of China           | 1,000,000 | 200,000     |
 *
 * Rows are written with multi-row `INSERT … SELECT FROM unnest(…)` statements of 5,000 rows (one array
 * parameter per column), on PGlite and PostgreSQL alike. It adds to what the database holds; run it on a
 * database without other synthetic data of the same seed (USCCs are derived from the seed). Dates are
 * relative to `asOf` (default today, China time). One audit entry records the run; the rows themselves are
 * fixtures and are not audited one by one.
 */
export type SyntheticScale = 'city' | 'province' | 'national';

export interface SyntheticOptions {
  db: Kysely<DB>;
  scale: SyntheticScale;
  /** any integer; the same seed gives the same data */
  seed: number;
  /** the root region whose counties get projects (defaults in the table above; national: all) */
  root?: string;
  /** override the number of projects (enterprises follow at one per five projects) */
  projects?: number;
  /** `YYYY-MM-DD` the dates count back from (default: today in China) */
  asOf?: string;
  onProgress?: (p: {
    phase: 'enterprises' | 'projects' | 'history' | 'done';
    done: number;
    total: number;
  }) => void;
}

export interface PlantedDoubleCount {
  kind: 'similar_investors' | 'similar_projects';
  /** the review list key the office acts on (`ent-<a>-<b>` / `prj-<a>-<b>`, ids sorted) */
  key: string;
  ids: [string, string];
  names: [string, string];
}

export interface SyntheticManifest {
  scale: SyntheticScale;
  seed: number;
  root: string | null;
  as_of: string;
  regions: number;
  enterprises: number;
  projects: number;
  /** investors with live projects in two or more regions (each a legitimate `investor_regions` candidate) */
  shared_investors: number;
  stages: Record<Stage, number>;
  planted: PlantedDoubleCount[];
  elapsed_ms: number;
}

const SIZES: Record<SyntheticScale, { projects: number; root: string | null }> = {
  city: { projects: 100_000, root: '120000' },
  province: { projects: 300_000, root: '520000' },
  national: { projects: 1_000_000, root: null },
};

const STAGE_MIX: ReadonlyArray<[Stage, number]> = [
  ['lead', 0.2],
  ['negotiating', 0.25],
  ['signed', 0.15],
  ['registered', 0.1],
  ['construction', 0.12],
  ['operating', 0.13],
  ['dropped', 0.05],
];

/** Where investors come from: Beijing first (京津冀), then Hebei, the big economic provinces, the rest. */
const ORIGIN_WEIGHTS: ReadonlyArray<[string, number]> = [
  ['11', 0.34],
  ['13', 0.1],
  ['31', 0.08],
  ['32', 0.07],
  ['33', 0.07],
  ['44', 0.08],
  ['37', 0.05],
  ['51', 0.03],
  ['42', 0.03],
  ['41', 0.03],
  ['12', 0.04],
];
const FOREIGN_SHARE = 0.08;

/** Foreign brand syllables, chosen so that two brands never differ by a letter or two. */
const LATIN_A = [
  'Nord',
  'Sun',
  'Blue',
  'Alpha',
  'Pacific',
  'Orient',
  'Royal',
  'Apex',
  'Prime',
  'Vista',
  'Terra',
  'Aero',
  'Luna',
  'Silver',
  'Golden',
  'Ever',
  'Bright',
  'Clear',
  'Green',
  'Iron',
  'Ocean',
  'River',
  'Maple',
  'Cedar',
  'Falcon',
  'Eagle',
  'Polar',
  'Summit',
  'Harbor',
  'Meridian',
];
const LATIN_B = [
  'tech',
  'gen',
  'star',
  'field',
  'bridge',
  'line',
  'point',
  'works',
  'core',
  'gate',
  'mark',
  'dale',
  'ford',
  'ridge',
  'port',
  'view',
  'hill',
  'brook',
  'light',
  'crest',
];
const LATIN_WORDS = [
  'Industries',
  'Holdings',
  'Technologies',
  'Materials',
  'Systems',
  'Energy',
  'Logistics',
  'Electronics',
];
const CHARS = '瑞泰恒博元晟嘉鼎宏卓睿航联安源润德信达华中盛远弘海通凯金明天新启智创科丰利兴正和邦';
const PLACE: Record<string, string> = {
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '44': '广东',
  '51': '四川',
};

function addDays(date: string, n: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
}

function weighted<T>(rand: () => number, items: ReadonlyArray<[T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1][0];
}

const BATCH = 5000;

export async function generateSynthetic(o: SyntheticOptions): Promise<SyntheticManifest> {
  const started = Date.now();
  const { db } = o;
  const size = SIZES[o.scale];
  const root = o.root ?? size.root;
  const nProjects = o.projects ?? size.projects;
  const nEnterprises = Math.max(20, Math.floor(nProjects / 2.5));
  const asOf = o.asOf ?? todayCst();
  const rand = prng(0x5eed ^ o.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const progress = o.onProgress ?? (() => undefined);

  // ---- reference: the counties that get projects, the provinces investors come from ----
  let rq = db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('level', '=', 'county')
    .where('kind', '=', 'gbt2260');
  if (root) rq = rq.where('code', 'like', `${regionPrefix(root)}%`);
  const counties = await rq.orderBy('code').execute();
  if (!counties.length) throw new Error(`generateSynthetic: no counties under ${root}`);
  const allCounties = await db
    .selectFrom('regions')
    .select(['code'])
    .where('level', '=', 'county')
    .where('kind', '=', 'gbt2260')
    .orderBy('code')
    .execute();
  const countiesOfProvince = new Map<string, string[]>();
  for (const c of allCounties) {
    const p = c.code.slice(0, 2);
    countiesOfProvince.set(p, [...(countiesOfProvince.get(p) ?? []), c.code]);
  }
  // a Zipf-like size per county: a few big development zones, a long tail of small counties
  const countyWeights: Array<[string, number]> = counties.map((c, i) => [
    c.code,
    1 / Math.pow(1 + ((i * 7919) % counties.length), 0.8),
  ]);
  const countyCum: number[] = [];
  let acc = 0;
  for (const [, w] of countyWeights) countyCum.push((acc += w));
  const pickCounty = () => {
    const x = rand() * acc;
    let lo = 0;
    let hi = countyCum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (countyCum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return countyWeights[lo][0];
  };

  // ---- enterprises ----
  const uscBase = 30_000_000 + (Math.abs(o.seed) % 60) * 1_000_000;
  const names = new Set<string>();
  type Ent = {
    name: string;
    uscc: string | null;
    country: string;
    ownership: Ownership;
    hq: string | null;
    theme: number;
    brand: string;
  };
  const ents: Ent[] = [];
  for (let i = 0; i < nEnterprises; i++) {
    const theme = Math.floor(rand() * THEMES.length);
    if (rand() < FOREIGN_SHARE) {
      const f = pick(FOREIGN);
      let brand = '';
      let name = '';
      // the Latin name space holds some tens of thousands of names: once a few tries collide (national
      // scale), the enterprise's number makes it unique
      for (let attempt = 0; ; attempt++) {
        brand = pick(LATIN_A) + pick(LATIN_B) + (attempt >= 20 ? ` ${i}` : '');
        const word = THEMES[theme].name === '生物医药' ? 'Pharma' : pick(LATIN_WORDS);
        name = `${brand} ${word} ${pick(['GmbH', 'Co., Ltd.', 'Inc.', 'AG', 'Pte. Ltd.', 'SAS'])}`;
        if (!names.has(name)) break;
      }
      names.add(name);
      ents.push({ name, uscc: null, country: f.country, ownership: f.ownership, hq: null, theme, brand });
      continue;
    }
    const prov = weighted(rand, ORIGIN_WEIGHTS);
    const hq = pick(countiesOfProvince.get(prov) ?? countiesOfProvince.get('11')!);
    let name = '';
    let brand = '';
    for (let attempt = 0; ; attempt++) {
      brand = pick([...CHARS]) + pick([...CHARS]) + pick([...CHARS]) + (attempt >= 50 ? String(i) : '');
      const domain = THEMES[theme].domain;
      const suffix =
        rand() < 0.25
          ? '股份有限公司'
          : rand() < 0.5 && !domain.endsWith('科技')
            ? '科技有限公司'
            : '有限公司';
      name = `${PLACE[prov] ?? ''}${brand}${THEMES[theme].domain}${suffix}`;
      if (!names.has(name)) break;
    }
    names.add(name);
    const ownership: Ownership = rand() < 0.06 ? 'central_soe' : rand() < 0.15 ? 'local_soe' : 'private';
    ents.push({ name, uscc: makeUscc(uscBase + i, hq), country: 'CN', ownership, hq, theme, brand });
  }
  // planted: near-identical enterprise records (full-width vs half-width brackets; the twin has no USCC)
  const plantedPairs = Math.max(3, Math.floor(nEnterprises / 1000));
  const twins: Array<{ of: number; index: number }> = [];
  for (let k = 0; k < plantedPairs; k++) {
    const of = Math.floor(rand() * nEnterprises);
    const e = ents[of];
    if (e.uscc === null || twins.some((x) => x.of === of)) continue;
    const bracketed = `${e.brand}（${PLACE[e.hq!.slice(0, 2)] ?? '中国'}）${THEMES[e.theme].domain}有限公司`;
    if (names.has(bracketed)) continue;
    names.add(bracketed);
    e.name = bracketed;
    twins.push({ of, index: ents.length });
    ents.push({
      ...e,
      name: bracketed.replace('（', '(').replace('）', ')'),
      uscc: null,
      country: 'HK',
      ownership: 'hmt',
      hq: null,
    });
  }

  const entIds: string[] = [];
  for (let i = 0; i < ents.length; i += BATCH) {
    const c = ents.slice(i, i + BATCH);
    const r = await sql<{ id: string }>`
      insert into enterprises (name, uscc, country, ownership, hq_region, industry)
      select * from unnest(${c.map((e) => e.name)}::text[], ${c.map((e) => e.uscc)}::text[],
        ${c.map((e) => e.country)}::text[], ${c.map((e) => e.ownership)}::text[], ${c.map((e) => e.hq)}::text[],
        ${c.map((e) => THEMES[e.theme].codes[0])}::text[])
      returning id`.execute(db);
    entIds.push(...r.rows.map((x) => x.id));
    progress({ phase: 'enterprises', done: Math.min(i + BATCH, ents.length), total: ents.length });
  }

  // ---- projects ----
  // how many projects an investor has: most one, some a few, a few dozens (central SOEs, big groups)
  const projectCount = () => {
    const x = rand();
    if (x < 0.65) return 1;
    if (x < 0.85) return 2;
    if (x < 0.93) return 3 + Math.floor(rand() * 3);
    if (x < 0.98) return 6 + Math.floor(rand() * 10);
    return 16 + Math.floor(rand() * 45);
  };
  type Proj = {
    name: string;
    region: string;
    inv: number;
    stage: Stage;
    created: string;
    stageDate: string;
    amount: string;
    key: 'city' | 'district' | null;
    major: boolean;
  };
  const projs: Proj[] = [];
  const regionsOfInvestor = new Map<number, Set<string>>();
  const stages = Object.fromEntries(STAGE_MIX.map(([s]) => [s, 0])) as Record<Stage, number>;
  const regionName = new Map(counties.map((c) => [c.code, c.name.replace(/(新区|自治县|区|县|市|旗)$/, '')]));
  const PARKS = [
    '',
    '临港',
    '空港',
    '高新',
    '科技园',
    '保税区',
    '开发区',
    '产业园',
    '智慧城',
    '生态城',
    '创新港',
    '物流园',
  ];
  const usedNames = new Set<string>();
  const makeProject = (inv: number, region: string): Proj => {
    const e = ents[inv];
    const theme = THEMES[rand() < 0.8 ? e.theme : Math.floor(rand() * THEMES.length)];
    const stage = weighted(rand, STAGE_MIX);
    const created = addDays(asOf, -(1 + Math.floor(rand() * 1000)));
    const span = Math.floor((Date.parse(asOf) - Date.parse(created)) / 86400e3);
    const stageDate = stage === 'lead' ? created : addDays(created, Math.floor(rand() * span));
    const amount = longTail(rand, 100, 1_000_000);
    const big = compareDec(amount, '100000') >= 0;
    // one investor's projects in one region get different names (near-identical ones are planted below)
    let name = '';
    for (let tries = 0; ; tries++) {
      const park = tries === 0 ? '' : pick(PARKS);
      name = `${regionName.get(region) ?? ''}${park}${e.brand}${pick(theme.projects)}${tries > 20 ? `${tries}号` : ''}`;
      if (!usedNames.has(`${inv}|${region}|${name}`)) break;
    }
    usedNames.add(`${inv}|${region}|${name}`);
    return {
      name,
      region,
      inv,
      stage,
      created,
      stageDate,
      amount,
      key: big || rand() < 0.04 ? 'city' : rand() < 0.12 ? 'district' : null,
      major: big && rand() < 0.5,
    };
  };
  // an investor's projects: the first in a county, more than half of the others in the same county, the
  // rest elsewhere — investors shared across regions, as in a real pipeline
  const placeProjects = (inv: number, k: number) => {
    const home = pickCounty();
    for (let j = 0; j < k && projs.length < nProjects; j++)
      projs.push(makeProject(inv, j === 0 || rand() < 0.55 ? home : pickCounty()));
  };
  for (let inv = 0; inv < nEnterprises && projs.length < nProjects; inv++) placeProjects(inv, projectCount());
  // enterprises left without a project stay in the database as targets; a short file gets topped up
  while (projs.length < nProjects) placeProjects(Math.floor(rand() * nEnterprises), projectCount());
  // twins: the duplicate record gets a live project in another region than its original's first one
  for (const t of twins) {
    let first = projs.find((p) => p.inv === t.of);
    if (!first) {
      first = makeProject(t.of, pickCounty());
      projs.push(first);
    }
    if (first.stage === 'dropped') first.stage = 'negotiating';
    let region = pickCounty();
    if (region === first.region && counties.length > 1)
      region = counties[(counties.findIndex((c) => c.code === region) + 1) % counties.length].code;
    projs.push({ ...makeProject(t.index, region), stage: 'signed' });
  }
  // planted: one project typed twice in a district (full-width vs half-width brackets)
  const dupPairs: Array<[number, number]> = [];
  for (let k = 0; k < plantedPairs; k++) {
    const a = Math.floor(rand() * nProjects);
    const p = projs[a];
    if (dupPairs.some(([x]) => x === a)) continue;
    p.stage = p.stage === 'dropped' ? 'lead' : p.stage;
    p.name = `${p.name}（${regionName.get(p.region) ?? '本地'}）`;
    dupPairs.push([a, projs.length]);
    projs.push({
      ...p,
      name: p.name.replace('（', '(').replace('）', ')'),
      stage: 'lead',
      stageDate: p.created,
    });
  }
  for (const p of projs) {
    stages[p.stage]++;
    if (p.stage !== 'dropped') {
      const s = regionsOfInvestor.get(p.inv) ?? new Set<string>();
      s.add(p.region);
      regionsOfInvestor.set(p.inv, s);
    }
  }

  const numbers = await sql<{
    n: number;
  }>`select nextval('project_code_seq') as n from generate_series(1, ${projs.length}::int)`.execute(db);
  const projIds: string[] = [];
  for (let i = 0; i < projs.length; i += BATCH) {
    const c = projs.slice(i, i + BATCH);
    const origin = c.map((p) => ents[p.inv].hq ?? ents[p.inv].country);
    const r = await sql<{ id: string }>`
      insert into projects (code, name, region, investor_id, origin, origin_province, capital_kind, industry,
        planned_amount, contracted_amount, stage, stage_date, key_level, major, created_at, updated_at)
      select * from unnest(
        ${c.map((p, j) => `P${p.region}-${p.created.slice(0, 4)}-${String(Number(numbers.rows[i + j].n)).padStart(6, '0')}`)}::text[],
        ${c.map((p) => p.name)}::text[], ${c.map((p) => p.region)}::text[], ${c.map((p) => entIds[p.inv])}::uuid[],
        ${origin}::text[], ${origin.map(originProvince)}::text[], ${origin.map(capitalKindOf)}::text[],
        ${c.map((p) => pick(THEMES[ents[p.inv].theme].codes))}::text[], ${c.map((p) => p.amount)}::numeric[],
        ${c.map((p) => (['lead', 'negotiating', 'dropped'].includes(p.stage) ? null : p.amount))}::numeric[],
        ${c.map((p) => p.stage)}::text[], ${c.map((p) => p.stageDate)}::date[], ${c.map((p) => p.key)}::text[],
        ${c.map((p) => p.major)}::boolean[], ${c.map((p) => `${p.created}T10:00:00+08:00`)}::timestamptz[],
        ${c.map((p) => `${p.stageDate}T16:00:00+08:00`)}::timestamptz[])
      returning id`.execute(db);
    projIds.push(...r.rows.map((x) => x.id));
    progress({ phase: 'projects', done: Math.min(i + BATCH, projs.length), total: projs.length });
  }

  // ---- one timeline entry per project (its current stage) ----
  for (let i = 0; i < projs.length; i += BATCH) {
    const c = projs.slice(i, i + BATCH);
    await sql`
      insert into project_transitions (project_id, from_stage, to_stage, date, note, created_at)
      select * from unnest(${projIds.slice(i, i + BATCH)}::uuid[], ${c.map(() => null)}::text[],
        ${c.map((p) => p.stage)}::text[], ${c.map((p) => p.stageDate)}::date[], ${c.map(() => '合成数据')}::text[],
        ${c.map((p) => `${p.stageDate}T16:00:00+08:00`)}::timestamptz[])`.execute(db);
    progress({ phase: 'history', done: Math.min(i + BATCH, projs.length), total: projs.length });
  }
  await sql`analyze projects`.execute(db);
  await sql`analyze enterprises`.execute(db);

  const sorted = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);
  const planted: PlantedDoubleCount[] = [
    ...twins.map((t): PlantedDoubleCount => {
      const ids = sorted(entIds[t.of], entIds[t.index]);
      return {
        kind: 'similar_investors',
        key: `ent-${ids[0]}-${ids[1]}`,
        ids,
        names: [ents[t.of].name, ents[t.index].name],
      };
    }),
    ...dupPairs.map(([a, b]): PlantedDoubleCount => {
      const ids = sorted(projIds[a], projIds[b]);
      return {
        kind: 'similar_projects',
        key: `prj-${ids[0]}-${ids[1]}`,
        ids,
        names: [projs[a].name, projs[b].name],
      };
    }),
  ];
  const manifest: SyntheticManifest = {
    scale: o.scale,
    seed: o.seed,
    root,
    as_of: asOf,
    regions: counties.length,
    enterprises: ents.length,
    projects: projs.length,
    shared_investors: [...regionsOfInvestor.values()].filter((s) => s.size >= 2).length,
    stages,
    planted,
    elapsed_ms: Date.now() - started,
  };
  await recordAudit(
    db,
    { actor: SYSTEM_ACTOR, ip: null, requestId: 'synthetic' },
    {
      action: 'synthetic.seed',
      entity: 'project',
      after: { ...manifest, planted: planted.length },
    },
  );
  progress({ phase: 'done', done: projs.length, total: projs.length });
  return manifest;
}
