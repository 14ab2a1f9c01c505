import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASKS } from '../modules/scheduler/tasks.ts';
import { todayCst } from '../../shared/month.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { insertEntry, insertProject } from '../test/fixtures.ts';

/**
 * Issue 6: the capital entries are partitioned by year (native range partitioning), on both engines. A
 * year's figures read only that year's partition, entries of any month still land somewhere, next year's
 * partition is made ahead by the scheduler, and the rollups stay equal to the raw entries throughout.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const db = () => t.deps.db;

async function partitionOf(id: string) {
  const r = await sql<{ p: string }>`
    SELECT tableoid::regclass::text AS p FROM capital_entries WHERE id = ${id}`.execute(db());
  return r.rows[0].p.replace(/^.*\./, '');
}

/**
 * The rollups against the raw valid entries: the number of (region, month, kind) of capital_monthly and of
 * projects of project_funds that differ.
 */
async function rollupMismatches() {
  const r = await sql<{ n: number }>`
    WITH raw AS (
      SELECT region, month, kind, sum(amount) AS amount, count(*)::int AS entries
      FROM capital_entries WHERE status = 'valid' GROUP BY 1, 2, 3
    )
    SELECT count(*)::int AS n FROM raw FULL JOIN capital_monthly c USING (region, month, kind)
    WHERE coalesce(raw.amount, 0) <> coalesce(c.amount, 0) OR coalesce(raw.entries, 0) <> coalesce(c.entries, 0)`.execute(
    db(),
  );
  const f = await sql<{ n: number }>`
    WITH raw AS (
      SELECT project_id, coalesce(sum(amount) FILTER (WHERE kind = 'domestic'), 0) AS domestic,
             coalesce(sum(amount) FILTER (WHERE kind = 'foreign'), 0) AS foreign
      FROM capital_entries WHERE status = 'valid' GROUP BY 1
    )
    SELECT count(*)::int AS n FROM raw FULL JOIN project_funds f USING (project_id)
    WHERE coalesce(raw.domestic, 0) <> coalesce(f.domestic, 0) OR coalesce(raw.foreign, 0) <> coalesce(f.foreign, 0)`.execute(
    db(),
  );
  return r.rows[0].n + f.rows[0].n;
}

describe('capital entries partitioned by year', () => {
  it('is a range-partitioned table with a partition per year and a default one', async () => {
    const r = await sql<{ strategy: string; key: string }>`
      SELECT p.partstrat AS strategy, pg_get_partkeydef(p.partrelid) AS key
      FROM pg_partitioned_table p WHERE p.partrelid = 'capital_entries'::regclass`.execute(db());
    expect(r.rows).toEqual([{ strategy: 'r', key: 'RANGE (month)' }]);
    const parts = await sql<{ name: string; bound: string }>`
      SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'capital_entries'::regclass ORDER BY c.relname`.execute(db());
    const names = parts.rows.map((p) => p.name);
    expect(names).toContain('capital_entries_y2026');
    expect(names).toContain('capital_entries_default');
    expect(parts.rows.find((p) => p.name === 'capital_entries_y2026')?.bound).toBe(
      "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
    );
  });

  it('puts each entry in its year, months outside every year in the default partition', async () => {
    const p = await insertProject(db(), { region: '120102' });
    const a = await insertEntry(db(), p.id, '2026-03', 'domestic', '120.50');
    const b = await insertEntry(db(), p.id, '2025-12', 'domestic', '80.00');
    const c = await insertEntry(db(), p.id, '1998-07', 'domestic', '1.00');
    expect(await partitionOf(a.id)).toBe('capital_entries_y2026');
    expect(await partitionOf(b.id)).toBe('capital_entries_y2025');
    expect(await partitionOf(c.id)).toBe('capital_entries_default');
    expect(await rollupMismatches()).toBe(0);
  });

  it('reads only the partition of the year asked for', async () => {
    const plan = await sql<{ 'QUERY PLAN': string }>`
      EXPLAIN SELECT sum(amount) FROM capital_entries
      WHERE month >= '2026-01-01' AND month <= '2026-10-01' AND region LIKE '1201%'`.execute(db());
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('capital_entries_y2026');
    expect(text).not.toMatch(/capital_entries_y2025|capital_entries_y2027|capital_entries_default/);
  });

  it('keeps the rollups when entries change, are found false or go', async () => {
    const p = await insertProject(db(), { region: '120103' });
    const e = await insertEntry(db(), p.id, '2026-05', 'foreign', '10.00');
    await sql`UPDATE capital_entries SET amount = 15.25 WHERE id = ${e.id}`.execute(db());
    await sql`UPDATE capital_entries SET status = 'false' WHERE id = ${e.id}`.execute(db());
    expect(await rollupMismatches()).toBe(0);
    await sql`UPDATE capital_entries SET status = 'valid', month = '2027-01-01' WHERE id = ${e.id}`.execute(
      db(),
    );
    expect(await partitionOf(e.id)).toBe('capital_entries_y2027');
    expect(await rollupMismatches()).toBe(0);
    const other = await insertProject(db(), { region: '120104' });
    await sql`UPDATE capital_entries SET kind = 'domestic', project_id = ${other.id} WHERE id = ${e.id}`.execute(
      db(),
    );
    expect(await rollupMismatches()).toBe(0);
    await sql`DELETE FROM capital_entries WHERE id = ${e.id}`.execute(db());
    expect(await rollupMismatches()).toBe(0);
  });

  it('makes next year ahead of time, and never a year whose entries already sit in the default', async () => {
    const ensure = async (y: number) =>
      (await sql<{ made: boolean }>`SELECT capital_entries_ensure_year(${y}::int) AS made`.execute(db()))
        .rows[0].made;
    expect(await ensure(2026)).toBe(false); // exists
    expect(await ensure(2041)).toBe(true);
    const p = await insertProject(db(), { region: '120104' });
    const e = await insertEntry(db(), p.id, '2041-02', 'domestic', '3.00');
    expect(await partitionOf(e.id)).toBe('capital_entries_y2041');
    const old = await insertEntry(db(), p.id, '1999-02', 'domestic', '4.00');
    expect(await partitionOf(old.id)).toBe('capital_entries_default');
    expect(await ensure(1999)).toBe(false); // its rows stay where they are, still counted
    expect(await partitionOf(old.id)).toBe('capital_entries_default');
    expect(await rollupMismatches()).toBe(0);

    const task = TASKS.find((x) => x.name === 'partitions.ensure')!;
    const year = Number(todayCst().slice(0, 4));
    const next = `capital_entries_y${year + 1}`;
    await sql.raw(`ALTER TABLE capital_entries DETACH PARTITION ${next}`).execute(db());
    await sql.raw(`DROP TABLE ${next}`).execute(db());
    const msg = await task.run(t.deps);
    expect(msg).toBe(`created ${year + 1}`);
    expect(await task.run(t.deps)).toBe('nothing to create');
  });

  it('keeps verification samples pointing at their entries', async () => {
    const fk = await sql<{ def: string }>`
      SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = 'verification_items'::regclass AND contype = 'f'
        AND confrelid = 'capital_entries'::regclass`.execute(db());
    expect(fk.rows.map((r) => r.def)).toEqual([
      'FOREIGN KEY (entry_id, entry_month) REFERENCES capital_entries(id, month)',
    ]);
  });

  it("carries each project's industry section and origin on its entries, in step with the project", async () => {
    const p = await insertProject(db(), { region: '120105' });
    const e = await insertEntry(db(), p.id, '2026-04', 'domestic', '9.00');
    const row = async () =>
      (
        await sql<{
          section: string;
          origin: string | null;
          origin_province: string | null;
          beijing: boolean;
        }>`
          SELECT e.section, e.origin, e.origin_province, e.beijing FROM capital_entries e WHERE id = ${e.id}`.execute(
          db(),
        )
      ).rows[0];
    const expected = async () =>
      (
        await sql<{ section: string; origin: string | null; origin_province: string | null }>`
          SELECT i.section, p.origin, p.origin_province FROM projects p JOIN industries i ON i.code = p.industry
          WHERE p.id = ${p.id}`.execute(db())
      ).rows[0];
    expect(await row()).toMatchObject(await expected());
    await sql`UPDATE projects SET industry = '6513', origin = '110105', origin_province = '110000' WHERE id = ${p.id}`.execute(
      db(),
    );
    expect(await row()).toEqual({ section: 'I', origin: '110105', origin_province: '110000', beijing: true });
    await sql`UPDATE projects SET origin = 'DE', origin_province = NULL WHERE id = ${p.id}`.execute(db());
    expect(await row()).toEqual({ section: 'I', origin: 'DE', origin_province: null, beijing: false });
  });
});
