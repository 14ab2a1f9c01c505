import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { prng } from '../../demo/pipeline.ts';
import { jaccard, similarNamePairs, trigrams } from './similar-names.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const NAMES = [
  '北京京东方显示技术有限公司',
  '北京京东方显示技术有限公司。',
  '瑞泰（北京）生物医药科技有限公司',
  '瑞泰(北京)生物医药科技有限公司',
  'Siemens Healthineers AG',
  'siemens  healthineers ag',
  'BASF SE',
  'Nordwerk Automotive GmbH & Co. KG',
  '中国建筑第八工程局有限公司',
  '中国建筑第八工程局有限公司天津分公司',
  '天津滨海新区2026年第3号地块项目',
  'ＡＢＣ全角字母公司',
  '',
];

describe('trigrams as pg_trgm makes them', () => {
  it('gives the same similarity as PostgreSQL for every pair of a mixed sample', async () => {
    for (const a of NAMES) {
      for (const b of NAMES) {
        const r = await sql<{ s: number }>`select similarity(${a}, ${b})::float8 as s`.execute(t.deps.db);
        expect(jaccard(trigrams(a), trigrams(b)), `${a} ~ ${b}`).toBeCloseTo(r.rows[0].s, 5);
      }
    }
  });
});

describe('similarNamePairs', () => {
  it('finds exactly the pairs a brute-force pg_trgm comparison finds', async () => {
    const rand = prng(99);
    const chars = '瑞泰恒博元晟嘉鼎宏卓睿航联安源润德信达华中盛远弘海通凯';
    const domains = ['生物医药', '新能源', '智能装备', '信息技术', '新材料'];
    const items: Array<{ id: string; name: string }> = [];
    for (let i = 0; i < 300; i++) {
      const brand = [0, 1, 2].map(() => chars[Math.floor(rand() * chars.length)]).join('');
      let name = `北京${brand}${domains[i % 5]}科技有限公司`;
      if (i % 25 === 0 && items.length) name = `${items[items.length - 1].name}。`;
      if (i % 37 === 0 && items.length) name = items[items.length - 1].name.replace('北京', '北京市');
      items.push({ id: `id${String(i).padStart(4, '0')}`, name });
    }
    const found = similarNamePairs(items, 0.7).filter((p) => p.similarity >= 0.8);
    const brute = await sql<{ a: string; b: string }>`
      select x.id as a, y.id as b
      from unnest(${items.map((i) => i.id)}::text[], ${items.map((i) => i.name)}::text[]) as x(id, name)
      join unnest(${items.map((i) => i.id)}::text[], ${items.map((i) => i.name)}::text[]) as y(id, name) on x.id < y.id
      where similarity(x.name, y.name) >= 0.8`.execute(t.deps.db);
    const key = (p: { a: string; b: string }) => `${p.a}|${p.b}`;
    expect(brute.rows.length).toBeGreaterThan(5);
    expect(found.map(key).sort()).toEqual(brute.rows.map(key).sort());
  });
});
