import { createHash } from 'node:crypto';
import { compareDec, dec, money } from '../../shared/money.ts';
import { todayCst } from '../../shared/month.ts';
import type { EnterpriseTagValue, Ownership } from '../../shared/schemas/enterprises.ts';
import { STAGE_LABELS, type IntroducerKind, type KeyLevel } from '../../shared/schemas/projects.ts';
import type { Stage } from '../../shared/enums.ts';
import { makeUscc } from '../../shared/uscc.ts';
import type { Deps } from '../context.ts';
import { SYSTEM_ACTOR } from '../plugins/access.ts';
import { recordAudit } from '../plugins/audit.ts';
import * as enterprises from '../modules/enterprises/enterprises.repository.ts';
import * as projects from '../modules/projects/projects.repository.ts';
import { capitalKindOf, originProvince, projectCode } from '../modules/projects/projects.service.ts';
import type { DemoOrg } from './organisation.ts';

/**
 * The demo pipeline (issue 3): some 120 investors — from Beijing, Hebei, other provinces, abroad and the
 * city itself — and some 360 projects across the root's districts in every stage, two years back from
 * today, with their stage history and evidence files, key and major projects with a guarantor, a few
 * screened (生态底线) projects and a few planted double counts. Company names are invented; the codes are
 * valid USCCs. Deterministic: the same PRNG seed gives the same data (dates are relative to today).
 */
const ctx = { actor: SYSTEM_ACTOR, ip: null, requestId: 'demo' };

/** mulberry32 */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Theme {
  name: string;
  codes: readonly string[];
  projects: readonly string[];
  domain: string;
  polluting?: boolean;
  outdated?: boolean;
}

/** Industry themes of the seeds (seed 002: 智能科技、生物医药、新能源、新材料、装备制造、石油化工、汽车、航空航天 …). */
export const THEMES: readonly Theme[] = [
  {
    name: '生物医药',
    codes: ['2710', '2720', '2761', '2770'],
    domain: '生物医药',
    projects: [
      '创新药研发生产基地',
      '生物制药产业化项目',
      '医疗器械研发中心',
      '细胞治疗产业基地',
      '高端制剂生产项目',
    ],
  },
  {
    name: '新能源汽车',
    codes: ['3612', '3670', '3841'],
    domain: '新能源汽车',
    projects: ['新能源汽车零部件生产基地', '动力电池生产线项目', '电驱动系统产业园', '整车智能制造项目'],
  },
  {
    name: '氢能',
    codes: ['4419', '3441'],
    domain: '氢能科技',
    projects: ['氢能装备产业园', '燃料电池系统生产项目', '加氢站示范项目'],
  },
  {
    name: '信创与大数据',
    codes: ['6450', '6513', '6520', '3911', '3914'],
    domain: '信息技术',
    projects: ['信创产业园', '大数据中心项目', '工业互联网平台项目', '集成电路设计中心', '智能计算中心'],
  },
  {
    name: '新材料',
    codes: ['2651', '2614', '3061'],
    domain: '新材料',
    projects: ['高性能复合材料项目', '新材料研发生产基地', '特种纤维生产线'],
  },
  {
    name: '高端装备',
    codes: ['3411', '3441', '3511', '3562'],
    domain: '智能装备',
    projects: ['高端装备制造基地', '智能装备生产线项目', '半导体设备研发生产项目'],
  },
  {
    name: '石油化工',
    codes: ['2511', '2614'],
    domain: '石化',
    projects: ['绿色石化一体化项目', '精细化工项目'],
    polluting: true,
  },
  {
    name: '航空航天',
    codes: ['3742', '3743', '3744'],
    domain: '航空科技',
    projects: ['航空零部件制造项目', '商业航天产业基地', '无人机研发制造项目'],
  },
  {
    name: '新能源',
    codes: ['4416', '3825', '3824'],
    domain: '新能源',
    projects: ['光伏组件生产项目', '分布式光伏项目', '储能电站项目'],
  },
  {
    name: '总部经济',
    codes: ['7211', '7212'],
    domain: '投资',
    projects: ['华北区域总部项目', '结算中心项目', '北方总部基地'],
  },
  {
    name: '现代物流',
    codes: ['5990', '5821'],
    domain: '供应链',
    projects: ['智慧物流园', '冷链物流中心', '跨境电商物流枢纽'],
  },
  {
    name: '钢铁深加工',
    codes: ['3130', '3120'],
    domain: '钢铁',
    projects: ['钢材深加工项目', '特种钢生产线技改项目'],
    outdated: true,
  },
];

const BRAND = [
  '瑞',
  '泰',
  '恒',
  '博',
  '元',
  '晟',
  '嘉',
  '鼎',
  '宏',
  '卓',
  '睿',
  '航',
  '联',
  '安',
  '源',
  '润',
  '德',
  '信',
  '达',
  '华',
  '中',
  '盛',
  '远',
  '弘',
];

export const ORIGINS = {
  beijing: ['110105', '110108', '110102', '110115', '110114', '110106'],
  hebei: ['130100', '130600', '130200', '131000', '130900'],
  other: ['310115', '320500', '330100', '440300', '370200', '510100', '420100', '410100'],
} as const;
const PLACE: Record<string, string> = {
  '11': '北京',
  '13': '河北',
  '31': '上海',
  '32': '苏州',
  '33': '杭州',
  '44': '深圳',
  '37': '青岛',
  '51': '成都',
  '42': '武汉',
  '41': '郑州',
  '12': '天津',
};

export const FOREIGN: ReadonlyArray<{ name: string; country: string; ownership: Ownership; theme: number }> =
  [
    { name: 'Nordwerk Automotive GmbH', country: 'DE', ownership: 'foreign', theme: 1 },
    { name: 'Alpenrose Pharma AG', country: 'CH', ownership: 'foreign', theme: 0 },
    { name: 'Kaito Precision Co., Ltd.', country: 'JP', ownership: 'foreign', theme: 5 },
    { name: 'Hanbit Materials Co., Ltd.', country: 'KR', ownership: 'foreign', theme: 4 },
    { name: 'Meridian Life Sciences Inc.', country: 'US', ownership: 'foreign', theme: 0 },
    { name: 'Lion City Logistics Pte. Ltd.', country: 'SG', ownership: 'foreign', theme: 10 },
    { name: 'Rhône Industrie SAS', country: 'FR', ownership: 'foreign', theme: 7 },
    { name: 'Harbour Gate Holdings Limited', country: 'HK', ownership: 'hmt', theme: 9 },
    { name: 'Formosa Bright Electronics Co., Ltd.', country: 'TW', ownership: 'hmt', theme: 3 },
    { name: 'Nordlys Energy AS', country: 'NO', ownership: 'foreign', theme: 8 },
  ];

const INTRODUCERS: ReadonlyArray<[string, IntroducerKind]> = [
  ['京津冀产业协同发展招商推介会', 'event'],
  ['中国·天津投资贸易洽谈会', 'event'],
  ['长三角专题招商对接会', 'event'],
  ['天津市浙江商会', 'chamber'],
  ['天津市江苏商会', 'chamber'],
  ['北京天津企业商会', 'chamber'],
  ['戴德梁行（中介机构）', 'intermediary'],
  ['仲量联行（中介机构）', 'intermediary'],
  ['云洽谈·京津冀专场', 'cloud'],
  ['以商招商（存量企业推荐）', 'business'],
  ['区招商局自主招商', 'self'],
];

const EVIDENCE: Partial<Record<Stage, string>> = {
  signed: '投资合作协议（签约）.pdf',
  registered: '营业执照（注册）.pdf',
  construction: '施工许可证（开工）.pdf',
  operating: '投产验收报告（投产）.pdf',
};

const STAGE_MIX: ReadonlyArray<[Stage, number]> = [
  ['lead', 0.18],
  ['negotiating', 0.24],
  ['signed', 0.15],
  ['registered', 0.11],
  ['construction', 0.13],
  ['operating', 0.14],
  ['dropped', 0.05],
];
const FORWARD: readonly Stage[] = [
  'lead',
  'negotiating',
  'signed',
  'registered',
  'construction',
  'operating',
];

function addDays(date: string, n: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
}

function pdfOf(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% Magnet demo evidence\n% ${text}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/**
 * A long-tailed amount in 万元 (most projects a few thousand, a few above a billion), built as a decimal
 * string from integers: the PRNG's float only chooses the size.
 */
export function longTail(rand: () => number, min = 300, max = 800_000): string {
  const wan = Math.round(min * Math.pow(max / min, Math.pow(rand(), 2.2)));
  const cents = Math.floor(rand() * 4) * 25;
  return `${wan}.${String(cents).padStart(2, '0')}`;
}

/** `amount × percent / 100`, in decimal arithmetic. */
function share(amount: string, percent: number): string {
  return money(dec(amount).times(percent).div(100));
}

interface DemoInvestor {
  name: string;
  uscc: string | null;
  country: string;
  ownership: Ownership;
  hq_region: string | null;
  industry: string | null;
  tags: EnterpriseTagValue[];
  theme: number;
  short: string;
}

function investors(rand: () => number, root: string): DemoInvestor[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out: DemoInvestor[] = [];
  const used = new Set<string>();
  const brand = () => {
    for (;;) {
      const b = pick(BRAND) + pick(BRAND);
      if (b[0] !== b[1] && !used.has(b)) {
        used.add(b);
        return b;
      }
    }
  };
  let seq = 1;
  const domestic = (region: string, ownership: Ownership, n: number, central = false) => {
    for (let i = 0; i < n; i++) {
      const theme = Math.floor(rand() * THEMES.length);
      const b = brand();
      const t = THEMES[theme];
      const place = PLACE[region.slice(0, 2)] ?? '';
      const name = central
        ? `中国${b}${t.domain}集团有限公司`
        : rand() < 0.3
          ? `${place}${b}${t.domain}股份有限公司`
          : `${place}${b}${t.domain}科技有限公司`;
      const tags: EnterpriseTagValue[] = [];
      if (central) tags.push({ tag: rand() < 0.5 ? 'central_hq' : 'regional_hq' });
      if (central && rand() < 0.3) tags.push({ tag: 'settlement_center' });
      if (ownership === 'private' && rand() < 0.2)
        tags.push({ tag: 'private500', year: 2025, rank: 1 + Math.floor(rand() * 500) });
      if (name.includes('股份') || rand() < 0.1) tags.push({ tag: 'listed' });
      out.push({
        name,
        uscc: makeUscc(2026_0000 + seq++, region),
        country: 'CN',
        ownership,
        hq_region: region,
        industry: pick(t.codes),
        tags,
        theme,
        short: `${b}${t.domain}`,
      });
    }
  };
  domestic('110108', 'central_soe', 6, true);
  domestic('110102', 'central_soe', 4, true);
  for (const r of ORIGINS.beijing) domestic(r, 'private', 6);
  for (const r of ORIGINS.hebei) domestic(r, rand() < 0.3 ? 'local_soe' : 'private', 3);
  for (const r of ORIGINS.other) domestic(r, 'private', 3);
  domestic(root, 'local_soe', 4);
  domestic(root, 'private', 6);
  for (const f of FOREIGN) {
    out.push({
      name: f.name,
      uscc: null,
      country: f.country,
      ownership: f.ownership,
      hq_region: null,
      industry: THEMES[f.theme].codes[0],
      tags: rand() < 0.4 ? [{ tag: 'global500' }] : [],
      theme: f.theme,
      short: f.name.split(' ')[0],
    });
  }
  return out;
}

/** The demo step: registered in server/demo/demo.ts (before the capital statistics, which need projects). */
export async function seedPipeline(deps: Deps, org: DemoOrg): Promise<void> {
  const db = deps.db;
  const rand = prng(3_2026_1122);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const today = todayCst();
  const industries = new Set((await projects.allIndustryCodes(db)).map((i) => i.code));
  for (const t of THEMES)
    for (const c of t.codes) if (!industries.has(c)) throw new Error(`demo: industry code ${c} missing`);

  // ---- investors ----
  const invs = investors(rand, org.root);
  // a planted duplicate record (重复建档): one company typed once with full-width and once with half-width
  // brackets, the second time without its USCC
  const twinOf = invs[12];
  const twinPlace = PLACE[(twinOf.hq_region ?? '11').slice(0, 2)] ?? '北京';
  const twinBase = `${twinOf.short.slice(0, 2)}（${twinPlace}）${THEMES[twinOf.theme].domain}科技有限公司`;
  twinOf.name = twinBase;
  const ids = await enterprises.insertEnterprises(
    db,
    invs.map((e) => ({
      name: e.name,
      uscc: e.uscc,
      country: e.country,
      ownership: e.ownership,
      hq_region: e.hq_region,
      industry: e.industry,
      tags: JSON.stringify(e.tags),
      contacts: JSON.stringify([
        {
          name: `${pick(['王', '李', '张', '刘', '陈', '杨', '赵', '黄'])}${pick(['总', '经理', '主任'])}`,
          title: '投资发展部',
          phone: `1${38 + Math.floor(rand() * 10)}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
        },
      ]),
      notes: null,
      created_by: null,
    })),
  );
  const [twinId] = await enterprises.insertEnterprises(db, [
    {
      name: twinBase.replace('（', '(').replace('）', ')'),
      uscc: null,
      country: 'HK',
      ownership: 'hmt',
      hq_region: null,
      industry: twinOf.industry,
      tags: '[]',
      contacts: '[]',
      notes: '演示：与另一企业记录疑似重复',
      created_by: null,
    },
  ]);
  await projects.insertAuditBatch(
    db,
    ctx,
    [...invs.map((e, i) => ({ id: ids[i], name: e.name })), { id: twinId, name: twinOf.name }].map((e) => ({
      action: 'enterprise.create',
      entity: 'enterprise',
      entityId: e.id,
      after: { name: e.name, via: 'demo' },
    })),
  );

  // ---- projects ----
  const districts = org.regions;
  const unitsOf = (region: string) => org.units.filter((u) => u.region === region && u.kind !== 'liaison');
  const departments = org.units.filter((u) => u.kind === 'department');
  const leader = org.users.find((u) => u.role === 'leader');
  const weightOf = (code: string) =>
    code.endsWith('16') ? 6 : code.endsWith('14') || code.endsWith('15') ? 2 : 1;
  const totalWeight = districts.reduce((s, d) => s + weightOf(d.code), 0);
  const pickRegion = () => {
    let x = rand() * totalWeight;
    for (const d of districts) {
      x -= weightOf(d.code);
      if (x < 0) return d.code;
    }
    return districts[districts.length - 1].code;
  };
  const pickStage = (): Stage => {
    let x = rand();
    for (const [s, w] of STAGE_MIX) {
      x -= w;
      if (x < 0) return s;
    }
    return 'lead';
  };

  type Planned = {
    investor: number | 'twin';
    name: string;
    region: string;
    stage: Stage;
    created: string;
    path: Array<{ stage: Stage; date: string }>;
    amount: string;
    polluting: boolean;
    outdated: boolean;
  };
  const planned: Planned[] = [];
  const COUNT = 360;
  for (let i = 0; i < COUNT; i++) {
    // investors with several projects, across districts: a realistic source of double-count candidates
    const inv = i < invs.length ? i : Math.floor(Math.pow(rand(), 1.6) * invs.length);
    const e = invs[inv];
    const theme = THEMES[rand() < 0.75 ? e.theme : Math.floor(rand() * THEMES.length)];
    // the first project of the planted duplicate record's investor stays live (it makes the candidate)
    const stage: Stage = i === 12 ? 'signed' : pickStage();
    const created = addDays(today, -(20 + Math.floor(rand() * 700)));
    const path: Array<{ stage: Stage; date: string }> = [{ stage: 'lead', date: created }];
    const target = stage === 'dropped' ? FORWARD[Math.floor(rand() * 3)] : stage;
    let d = created;
    for (let s = 1; s <= FORWARD.indexOf(target); s++) {
      d = addDays(d, 10 + Math.floor(rand() * 90));
      if (d > today) d = today;
      path.push({ stage: FORWARD[s], date: d });
    }
    if (stage === 'dropped') {
      const end = addDays(d, Math.floor(rand() * 60));
      path.push({ stage: 'dropped', date: end > today ? today : end });
    }
    planned.push({
      investor: inv,
      name: `${e.short.length <= 8 ? e.short : e.name.slice(0, 6)}${pick(theme.projects)}`,
      region: pickRegion(),
      stage,
      created,
      path,
      amount: longTail(rand),
      polluting: Boolean(theme.polluting) && rand() < 0.5,
      outdated: Boolean(theme.outdated) && rand() < 0.5,
    });
  }
  // planted: the duplicate enterprise record has a project elsewhere; one project typed twice in a district
  planned.push({
    ...planned[12],
    investor: 'twin',
    region: districts[0].code,
    stage: 'negotiating',
    path: planned[12].path.slice(0, 1).concat([{ stage: 'negotiating', date: planned[12].path[0].date }]),
  });
  const dupOf = planned.find((p) => p.stage === 'negotiating' && typeof p.investor === 'number')!;
  planned.push({ ...dupOf, name: `${dupOf.name}（一期）`, path: dupOf.path.slice(0, 1), stage: 'lead' });
  // screened projects past negotiating carry an office override
  for (const p of planned) {
    if ((p.polluting || p.outdated) && FORWARD.indexOf(p.stage) > 1 && rand() < 0.5) {
      p.path = p.path.filter((s) => FORWARD.indexOf(s.stage) <= 1);
      p.stage = 'negotiating';
    }
  }

  const numbers = await projects.nextProjectNumbers(db, planned.length);
  const rows: projects.NewProject[] = planned.map((p, i) => {
    const inv = p.investor === 'twin' ? { ...twinOf, country: 'HK', hq_region: null } : invs[p.investor];
    const origin = inv.hq_region ?? inv.country;
    const big = compareDec(p.amount, '100000') >= 0;
    const key: KeyLevel | null = big || rand() < 0.12 ? 'city' : rand() < 0.2 ? 'district' : null;
    const units = unitsOf(p.region);
    const intro = pick(INTRODUCERS);
    const stageIdx = FORWARD.indexOf(p.stage === 'dropped' ? p.path[p.path.length - 2].stage : p.stage);
    const screenedPast = (p.polluting || p.outdated) && stageIdx > 1;
    return {
      code: projectCode(p.region, p.created.slice(0, 4), numbers[i]),
      name: p.name,
      region: p.region,
      unit_id: units.length ? pick(units).id : null,
      investor_id: p.investor === 'twin' ? twinId : ids[p.investor],
      origin,
      origin_province: originProvince(origin),
      capital_kind: capitalKindOf(origin),
      industry: inv.industry ?? THEMES[inv.theme].codes[0],
      chain_node_id: null,
      carrier:
        rand() < 0.4
          ? pick(['科技园 A 区', '创新大厦', '临港产业园', '总部基地 3 号楼', '智造谷', '保税区物流园'])
          : null,
      planned_amount: p.amount,
      contracted_amount: stageIdx >= 2 ? share(p.amount, 60 + Math.floor(rand() * 41)) : null,
      stage: p.stage,
      stage_date: p.path[p.path.length - 1].date,
      key_level: key,
      major: big && rand() < 0.6,
      guarantor_id: key === 'city' && leader ? leader.id : null,
      responsible_unit_id:
        big && departments.length
          ? pick(departments).id
          : (units.find((u) => u.kind === 'district')?.id ?? null),
      introducer: intro[0],
      introducer_kind: intro[1],
      expected_landing_date: stageIdx <= 2 ? addDays(today, 30 + Math.floor(rand() * 300)) : null,
      notes: null,
      polluting: p.polluting,
      outdated_capacity: p.outdated,
      screening_override_reason: screenedPast
        ? '经生态环境部门评估，采用清洁生产工艺并承诺减量置换，同意推进'
        : null,
      screening_override_by: null,
      drop_reason:
        p.stage === 'dropped' ? pick(['企业投资战略调整', '选址变更至外省', '资金未落实，项目终止']) : null,
      created_by: null,
      created_at: `${p.created}T10:00:00+08:00`,
      updated_at: `${p.path[p.path.length - 1].date}T16:00:00+08:00`,
    };
  });
  const projectIds = await projects.insertProjects(db, rows);

  // ---- history with evidence ----
  const transitions: projects.NewTransition[] = [];
  for (const [i, p] of planned.entries()) {
    let from: Stage | null = null;
    for (const step of p.path) {
      const evidence: string[] = [];
      const fileName = EVIDENCE[step.stage];
      if (fileName) {
        const content = pdfOf(`${rows[i].code} ${fileName}`);
        const a = await db
          .insertInto('attachments')
          .values({
            name: fileName,
            mime: 'application/pdf',
            size: content.length,
            sha256: createHash('sha256').update(content).digest('hex'),
            content,
            region: p.region,
            entity: 'project',
            entity_id: projectIds[i],
            created_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        evidence.push(a.id);
      }
      transitions.push({
        project_id: projectIds[i],
        from_stage: from,
        to_stage: step.stage,
        date: step.date,
        note:
          from === null
            ? '新建项目'
            : step.stage === 'dropped'
              ? (rows[i].drop_reason ?? null)
              : `推进至${STAGE_LABELS[step.stage]}`,
        evidence,
        override_reason:
          from === 'negotiating' && step.stage === 'signed'
            ? (rows[i].screening_override_reason ?? null)
            : null,
        user_id: null,
        created_at: `${step.date}T${String(9 + p.path.indexOf(step)).padStart(2, '0')}:00:00+08:00`,
      });
      from = step.stage;
    }
  }
  await projects.insertTransitions(db, transitions);
  await projects.insertAuditBatch(
    db,
    ctx,
    projectIds.map((id, i) => ({
      action: 'project.create',
      entity: 'project',
      entityId: id,
      after: { code: rows[i].code, name: rows[i].name, via: 'demo' },
    })),
  );
  await recordAudit(db, ctx, {
    action: 'demo.pipeline',
    entity: 'project',
    after: { enterprises: ids.length + 1, projects: projectIds.length, transitions: transitions.length },
  });
}
