import { sql, type Kysely } from 'kysely';
import type { Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';

export interface Task {
  name: string;
  /** minimum time between two runs, across every process sharing the database */
  everyMs: number;
  run(deps: Deps): Promise<string | void>;
}

/**
 * Runs scheduled work exactly once per interval however many processes share the database: a process
 * takes the task's row with `FOR UPDATE SKIP LOCKED` in a transaction, checks that the interval has
 * elapsed, runs the task and stamps the row. A process that finds the row taken or fresh moves on. No
 * in-memory state decides anything, so processes can come and go.
 */
export async function runDueTasks(deps: Deps, tasks: readonly Task[]): Promise<string[]> {
  const ran: string[] = [];
  for (const task of tasks) {
    await deps.db
      .insertInto('scheduled_runs')
      .values({ task: task.name })
      .onConflict((oc) => oc.column('task').doNothing())
      .execute();
    const did = await deps.db.transaction().execute(async (trx) => {
      const row = await sql<{ last_run_at: Date | null }>`
        SELECT last_run_at FROM scheduled_runs WHERE task = ${task.name} FOR UPDATE SKIP LOCKED`.execute(trx);
      const r = row.rows[0];
      if (!r) return false; // another process holds it right now
      if (r.last_run_at && r.last_run_at.getTime() + task.everyMs > Date.now()) return false;
      let status = 'ok';
      let message: string | null = null;
      try {
        message = (await task.run({ ...deps, db: trx as unknown as Kysely<DB> })) ?? null;
      } catch (e) {
        status = 'failed';
        message = (e as Error).message;
      }
      await trx
        .updateTable('scheduled_runs')
        .set({
          last_run_at: sql`now()`,
          last_status: status,
          last_message: message,
          last_pid: process.pid,
          runs: sql`runs + 1`,
        })
        .where('task', '=', task.name)
        .execute();
      return true;
    });
    if (did) ran.push(task.name);
  }
  return ran;
}

/** Ticks every `tickMs` in this process; returns a stop function. The first tick runs soon after start. */
export function startScheduler(
  deps: Deps,
  tasks: readonly Task[],
  opts: { tickMs?: number; log?: (msg: string) => void } = {},
) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = runDueTasks(deps, tasks)
      .then((ran) => ran.length && opts.log?.(`scheduled: ${ran.join(', ')}`))
      .catch((e: Error) => opts.log?.(`scheduler: ${e.message}`));
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, opts.tickMs ?? 60_000);
  first.unref();
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
