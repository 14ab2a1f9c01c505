import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

let n = 0;

/**
 * Inserts an investor and a project straight into the database, for tests of areas that build on the
 * pipeline (statistics, assessment) without going through its API.
 */
export async function insertProject(
  db: Kysely<DB>,
  p: {
    region: string;
    origin?: string;
    capital_kind?: 'domestic' | 'foreign';
    stage?: string;
    industry?: string;
    name?: string;
    key_level?: 'city' | 'district' | null;
    major?: boolean;
    expected_landing_date?: string | null;
    ownership?: 'central_soe' | 'local_soe' | 'private' | 'hmt' | 'foreign';
    tags?: Array<{ tag: string; year?: number; rank?: number }>;
    investor_id?: string;
  },
) {
  n++;
  const origin = p.origin ?? '110105';
  const investorId =
    p.investor_id ??
    (
      await db
        .insertInto('enterprises')
        .values({
          name: `测试投资企业${n}有限公司`,
          ownership: p.ownership ?? 'private',
          country: /^\d{6}$/.test(origin) ? 'CN' : origin,
          tags: JSON.stringify(p.tags ?? []),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const row = await db
    .insertInto('projects')
    .values({
      code: `T${p.region}-${String(n).padStart(6, '0')}-${Math.random().toString(36).slice(2, 6)}`,
      name: p.name ?? `测试项目${n}`,
      region: p.region,
      investor_id: investorId,
      origin,
      origin_province: /^\d{6}$/.test(origin) ? `${origin.slice(0, 2)}0000` : null,
      capital_kind: p.capital_kind ?? 'domestic',
      industry: p.industry ?? '2710',
      stage: p.stage ?? 'signed',
      key_level: p.key_level ?? null,
      major: p.major ?? false,
      expected_landing_date: p.expected_landing_date ?? null,
      planned_amount: '10000.00',
    })
    .returning(['id', 'region', 'investor_id'])
    .executeTakeFirstOrThrow();
  return row;
}

/** Marks a report approved directly (tests of figures that do not exercise the workflow). */
export async function approveReport(db: Kysely<DB>, region: string, month: string) {
  await db
    .insertInto('monthly_reports')
    .values({ region, month: `${month}-01`, status: 'approved', approved_at: sql`now()` as unknown as Date })
    .onConflict((oc) => oc.columns(['region', 'month']).doUpdateSet({ status: 'approved' }))
    .execute();
}

export async function insertEntry(
  db: Kysely<DB>,
  projectId: string,
  month: string,
  kind: 'domestic' | 'foreign',
  amount: string,
): Promise<{ id: string }> {
  const p = await db
    .selectFrom('projects')
    .select(['region', 'origin_province'])
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  return db
    .insertInto('capital_entries')
    .values({
      project_id: projectId,
      region: p.region,
      month: `${month}-01`,
      kind,
      amount,
      beijing: p.origin_province === '110000',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
