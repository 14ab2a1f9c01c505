import type { Deps } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../plugins/access.ts';
import * as repo from './jobs.repository.ts';

/**
 * Long-running work with progress (SPEC §3.8 "every long job shows progress"): a row in `jobs` that the
 * client polls with `GET /api/v1/jobs/:id`, and an optional result file (`GET /api/v1/jobs/:id/file`).
 * Jobs run in the process that accepted them; a job whose process dies stays `running` (its `updated_at`
 * stops moving). Any module may use it: `startJob(deps, actor, kind, work)`.
 */
export interface JobOutcome {
  status: 'done' | 'failed';
  message?: string;
  result?: unknown;
  file?: { name: string; content: Buffer };
}

export interface Progress {
  /** Reports progress; writes are throttled and never block the work (they queue behind it on PGlite). */
  report(done: number, total?: number, message?: string): void;
  /** Waits for the queued progress writes. Do not call inside a transaction on PGlite. */
  flush(): Promise<void>;
}

function progressOf(deps: Deps, jobId: string, minIntervalMs = 300): Progress {
  let chain: Promise<void> = Promise.resolve();
  let last = 0;
  let pending: { done: number; total?: number; message?: string } | null = null;
  const write = () => {
    if (!pending) return;
    const p = pending;
    pending = null;
    chain = chain
      .then(() => repo.updateJob(deps.db, jobId, { status: 'running', ...p }))
      .catch(() => undefined);
  };
  return {
    report(done, total, message) {
      pending = {
        done,
        ...(total !== undefined ? { total } : {}),
        ...(message !== undefined ? { message } : {}),
      };
      const now = Date.now();
      if (now - last >= minIntervalMs) {
        last = now;
        write();
      }
    },
    async flush() {
      write();
      await chain;
    },
  };
}

export function actorUserId(actor: Pick<Actor, 'id' | 'via'>): string | null {
  return actor.via === 'system' ? null : actor.id;
}

/** Creates a job row and runs `work` in the background; returns the job id at once. */
export async function startJob(
  deps: Deps,
  actor: Actor,
  kind: string,
  work: (progress: Progress) => Promise<JobOutcome>,
  opts: { total?: number } = {},
): Promise<string> {
  const { id } = await repo.insertJob(deps.db, { kind, created_by: actorUserId(actor), total: opts.total });
  const progress = progressOf(deps, id);
  void (async () => {
    let outcome: JobOutcome;
    try {
      outcome = await work(progress);
    } catch (e) {
      outcome = { status: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
    await progress.flush();
    await repo
      .updateJob(deps.db, id, {
        status: outcome.status,
        message: outcome.message ?? null,
        ...(outcome.result !== undefined ? { result: outcome.result } : {}),
        ...(outcome.file ? { file: outcome.file.content, file_name: outcome.file.name } : {}),
      })
      .catch(() => undefined);
  })();
  return id;
}

/** A finished job recorded at once (e.g. a small import that failed validation, with its error workbook). */
export async function recordFinishedJob(
  deps: Deps,
  actor: Actor,
  kind: string,
  outcome: JobOutcome & { done?: number; total?: number },
): Promise<string> {
  const { id } = await repo.insertJob(deps.db, {
    kind,
    created_by: actorUserId(actor),
    total: outcome.total,
    status: outcome.status,
  });
  await repo.updateJob(deps.db, id, {
    done: outcome.done ?? outcome.total ?? 0,
    message: outcome.message ?? null,
    ...(outcome.result !== undefined ? { result: outcome.result } : {}),
    ...(outcome.file ? { file: outcome.file.content, file_name: outcome.file.name } : {}),
  });
  return id;
}

/** A job is visible to the user who started it and to admins; anyone else gets 404. */
function mayRead(actor: Actor, createdBy: string | null) {
  return actor.role === 'admin' || (createdBy !== null && createdBy === actor.id);
}

export async function getJob(deps: Deps, actor: Actor, id: string) {
  const j = await repo.findJob(deps.db, id);
  if (!j || !mayRead(actor, j.created_by)) throw notFound('任务');
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    done: j.done,
    total: j.total,
    message: j.message,
    result: j.result,
    file: j.has_file ? { name: j.file_name, url: `/api/v1/jobs/${j.id}/file` } : null,
    created_at: j.created_at.toISOString(),
    updated_at: j.updated_at.toISOString(),
  };
}

export async function getJobFile(deps: Deps, actor: Actor, id: string) {
  const j = await repo.findJobFile(deps.db, id);
  if (!j || !mayRead(actor, j.created_by) || !j.file) throw notFound('文件');
  return { name: j.file_name ?? `${j.kind}.bin`, content: j.file };
}
