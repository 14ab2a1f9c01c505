import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { currentMonthCst } from '../shared/month.ts';
import type { Deps } from '../server/context.ts';
import { AppError } from '../server/errors.ts';
import type { Actor } from '../server/plugins/access.ts';
import type { AuditContext } from '../server/plugins/audit.ts';
import type { ImportAnswer } from '../server/modules/projects/projects.excel.ts';
import type { ImportError } from '../server/modules/projects/xlsx.ts';
import { actAs, cliAudit, DEFAULT_CLI_USER, mayCall, ready } from './acting.ts';
import { COMMANDS, progressBar, UsageError, withDatabase } from './registry.ts';

/**
 * `magnet import projects|enterprises|capital|targets FILE`: the import of the API route, run by the same
 * service function on the file's bytes, as a named user. All or nothing: with any error nothing is written,
 * every error is printed (`row N, column X (header): message`), the error workbook is written beside the
 * file, and the exit code is 1. Large files run as a job, as through the API: a progress bar on stderr.
 */

const USAGE =
  'usage: magnet import projects|enterprises|capital|targets FILE [--year YYYY (targets)] [--as USERNAME]';

type Upload = { filename: string | undefined; content: Buffer };
type Runner = (deps: Deps, actor: Actor, ctx: AuditContext, file: Upload) => Promise<ImportAnswer>;

const KINDS: Record<string, { url: string; run?: () => Promise<Runner> }> = {
  projects: {
    url: '/api/v1/projects/import',
    run: async () => (await import('../server/modules/projects/projects.excel.ts')).importProjects,
  },
  enterprises: {
    url: '/api/v1/enterprises/import',
    run: async () => (await import('../server/modules/enterprises/enterprises.excel.ts')).importEnterprises,
  },
  capital: {
    url: '/api/v1/capital-entries/import',
    run: async () => (await import('../server/modules/capital/capital.excel.ts')).importCapital,
  },
  targets: { url: '/api/v1/targets/import' },
};

/** One line per error, as the error workbook marks them. */
export function errorLine(e: Pick<ImportError, 'row' | 'column' | 'header' | 'message'>): string {
  const where = [
    e.row ? `row ${e.row}` : null,
    e.column ? `column ${e.column}${e.header ? ` (${e.header})` : ''}` : e.header ? `(${e.header})` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${e.message}` : e.message;
}

function printErrors(errors: ImportError[], total: number) {
  for (const e of errors) console.error(errorLine(e));
  if (total > errors.length) console.error(`… and ${total - errors.length} more (see the error workbook)`);
}

interface Summary {
  created: number;
  updated: number;
  enterprises_created?: number;
  total: number;
}

function printSummary(kind: string, file: string, actor: Actor, s: Summary) {
  const extra = s.enterprises_created ? `, enterprises created ${s.enterprises_created}` : '';
  console.log(
    `imported ${kind} from ${file} as ${actor.username}: ${s.total} rows, created ${s.created}, updated ${s.updated}${extra}`,
  );
}

async function saveErrorWorkbook(deps: Deps, actor: Actor, jobId: string | undefined, file: string) {
  if (!jobId) return;
  const { getJobFile } = await import('../server/modules/jobs/jobs.service.ts');
  const f = await getJobFile(deps, actor, jobId).catch(() => null);
  if (!f) return;
  const out = path.join(path.dirname(file), path.basename(f.name));
  fs.writeFileSync(out, f.content);
  console.error(`error workbook written to ${out}`);
}

/** Follows a background import (more rows than answer at once) to its end, with a progress bar. */
async function followJob(deps: Deps, actor: Actor, kind: string, jobId: string) {
  const { getJob } = await import('../server/modules/jobs/jobs.service.ts');
  for (;;) {
    const job = await getJob(deps, actor, jobId);
    progressBar(`import ${kind}`, job.done, job.total ?? 0);
    if (job.status === 'done' || job.status === 'failed') {
      process.stderr.write('\n');
      return job;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

COMMANDS.import = async (args, config) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { year: { type: 'string' }, as: { type: 'string' } },
  });
  const [kind, file, ...extra] = positionals;
  if (!kind || !(kind in KINDS) || !file || extra.length) throw new UsageError(USAGE);
  if (values.year !== undefined && kind !== 'targets') throw new UsageError('--year applies to targets only');
  const year = Number(values.year ?? currentMonthCst().slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new UsageError('--year must be a year 2000–2100');
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new UsageError(`no such file: ${file}`);
  if (stat.size > config.MAGNET_MAX_UPLOAD_MB * 1024 * 1024) {
    // the same limit as an upload through the API
    throw new AppError('PAYLOAD_TOO_LARGE', {
      message: `文件超过 ${config.MAGNET_MAX_UPLOAD_MB} MB 的上限（MAGNET_MAX_UPLOAD_MB）`,
    });
  }
  const upload: Upload = { filename: path.basename(file), content: fs.readFileSync(file) };
  const spec = KINDS[kind];

  return withDatabase(config, async (deps) => {
    await ready(deps);
    const actor = await actAs(deps, values.as ?? DEFAULT_CLI_USER);
    await mayCall(deps, actor, 'POST', spec.url, `import ${kind}`);
    const ctx = cliAudit(actor);

    if (!spec.run) {
      const { importTargets } = await import('../server/modules/targets/targets.excel.ts');
      try {
        const r = await importTargets(deps, year, upload, ctx);
        console.log(
          `imported targets ${year} from ${file} as ${actor.username}: ${r.total} rows, created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, skipped ${r.skipped}`,
        );
        return 0;
      } catch (e) {
        const details =
          e instanceof AppError ? (e.details as { errors?: ImportError[] } | undefined) : undefined;
        if (!details?.errors) throw e;
        printErrors(details.errors, details.errors.length);
        console.error((e as AppError).message);
        return 1;
      }
    }

    const run = await spec.run();
    const answer = await run(deps, actor, ctx, upload);
    if (answer.status === 200) {
      printSummary(kind, file, actor, answer.body as Summary);
      return 0;
    }
    if (answer.status === 422) {
      const error = (
        answer.body as {
          error: {
            message: string;
            details: { errors: ImportError[]; error_count: number; job_id?: string };
          };
        }
      ).error;
      printErrors(error.details.errors, error.details.error_count);
      await saveErrorWorkbook(deps, actor, error.details.job_id, file);
      console.error(error.message);
      return 1;
    }
    // 202: a job in this process; wait for it as the web page polls it
    const { job_id: jobId } = answer.body as { job_id: string };
    const job = await followJob(deps, actor, kind, jobId);
    if (job.status === 'done') {
      printSummary(kind, file, actor, job.result as Summary);
      return 0;
    }
    const result = job.result as { errors?: ImportError[]; error_count?: number } | null;
    if (result?.errors) printErrors(result.errors, result.error_count ?? result.errors.length);
    if (job.file) await saveErrorWorkbook(deps, actor, jobId, file);
    console.error(job.message ?? 'import failed');
    return 1;
  });
};
