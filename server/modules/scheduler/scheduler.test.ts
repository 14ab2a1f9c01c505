import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../context.ts';
import { openDatabase } from '../../db/database.ts';
import { createTestApp, testDatabaseUrl, testEngine, type TestApp } from '../../test/harness.ts';
import { runDueTasks, type Task } from './scheduler.ts';
import { TASKS } from './tasks.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ MAGNET_AUDIT_RETENTION_DAYS: '365' });
});
afterAll(() => t?.close());

describe('scheduled work', () => {
  it('runs a task once per interval even when several processes tick at the same moment', async () => {
    let runs = 0;
    const task: Task = {
      name: 'test.once',
      everyMs: 3600_000,
      async run() {
        runs++;
        await new Promise((r) => setTimeout(r, 200));
      },
    };
    // a second "process": its own connection pool on the same database and schema
    let other: Deps = t.deps;
    let close: () => Promise<void> = async () => {};
    if (testEngine() === 'postgres') {
      const second = await openDatabase({
        engine: 'postgres',
        url: testDatabaseUrl(),
        searchPath: t.database.schema,
        poolSize: 3,
      });
      other = { ...t.deps, db: second.db, reader: second.reader };
      close = () => second.close();
    }
    const results = await Promise.all([
      runDueTasks(t.deps, [task]),
      runDueTasks(other, [task]),
      runDueTasks(t.deps, [task]),
    ]);
    expect(runs).toBe(1);
    expect(results.flat()).toEqual(['test.once']);
    expect(await runDueTasks(other, [task])).toEqual([]); // not due again within the hour
    await close();
  });

  it('a failing task is recorded and does not stop the others', async () => {
    const ran = await runDueTasks(t.deps, [
      { name: 'test.fail', everyMs: 1, run: async () => Promise.reject(new Error('boom')) },
      { name: 'test.ok', everyMs: 1, run: async () => 'fine' },
    ]);
    expect(ran).toEqual(['test.fail', 'test.ok']);
    const row = await t.deps.db
      .selectFrom('scheduled_runs')
      .selectAll()
      .where('task', '=', 'test.fail')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ last_status: 'failed', last_message: 'boom' });
  });

  it('audit retention purges only entries past retention; nobody else can delete or change the log', async () => {
    await sql`INSERT INTO audit_log (at, action, entity) VALUES (now() - interval '400 days', 'old.thing', 'test'), (now() - interval '10 days', 'recent.thing', 'test')`.execute(
      t.deps.db,
    );
    await expect(sql`DELETE FROM audit_log WHERE entity = 'test'`.execute(t.deps.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      sql`UPDATE audit_log SET action = 'x' WHERE entity = 'test'`.execute(t.deps.db),
    ).rejects.toThrow(/append-only/);
    const retention = TASKS.find((x) => x.name === 'audit.retention')!;
    await runDueTasks(t.deps, [retention]);
    const left = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'test')
      .execute();
    expect(left.map((r) => r.action)).toEqual(['recent.thing']);
    await expect(sql`DELETE FROM audit_log WHERE entity = 'test'`.execute(t.deps.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('tells the owner unit about an overdue rectification, once a day', async () => {
    const d = await t.factory.actor('district', '120105');
    await t.deps.db
      .insertInto('rectifications')
      .values({
        source: 'other',
        region: '120105',
        owner_unit_id: d.unit!.id,
        title: '台账不全',
        deadline: '2026-01-10',
      })
      .execute();
    const notify = TASKS.find((x) => x.name === 'deadlines.notify')!;
    await runDueTasks(t.deps, [notify]);
    await t.deps.db
      .updateTable('scheduled_runs')
      .set({ last_run_at: null })
      .where('task', '=', notify.name)
      .execute();
    await runDueTasks(t.deps, [notify]);
    const res = await t.as(d.token, { method: 'GET', url: '/api/v1/notifications' });
    const mine = res.json().items.filter((n: { kind: string }) => n.kind === 'rectification.overdue');
    expect(mine).toHaveLength(1);
    expect(mine[0].title).toContain('台账不全');
    const read = await t.as(d.token, { method: 'POST', url: `/api/v1/notifications/${mine[0].id}/read` });
    expect(read.statusCode).toBe(200);
    const other = await t.factory.actor('district', '120106');
    expect(
      (await t.as(other.token, { method: 'POST', url: `/api/v1/notifications/${mine[0].id}/read` }))
        .statusCode,
    ).toBe(404);
  });
});
