import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { PERIOD_PATTERN } from '../shared/schemas/assessments.ts';
import { actAs, cliAudit, DEFAULT_CLI_USER, mayCall, ready } from './acting.ts';
import { COMMANDS, UsageError, withDatabase } from './registry.ts';

/**
 * `magnet assess PERIOD`: scores a scheme for a period and stores the run, exactly as
 * `POST /api/v1/assessments/runs` (a draft run, audited), prints the ranking, and with `--out` writes the
 * run's export (`GET /api/v1/assessments/runs/:id/export.xlsx`, or .pdf / .docx by the file's extension).
 */

const USAGE =
  'usage: magnet assess YYYY|YYYYH1|YYYYQ1..Q4 [--scheme ID] [--out FILE.xlsx] [--note TEXT] [--as USERNAME]';
const FLAG_ZH: Record<string, string> = { interview: '约谈', award: '表彰' };

/** Terminal columns of a string: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}
const pad = (s: string, width: number, right = false) => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
};

COMMANDS.assess = async (args, config) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      scheme: { type: 'string' },
      out: { type: 'string' },
      note: { type: 'string' },
      as: { type: 'string' },
    },
  });
  const [period, ...extra] = positionals;
  if (!period || extra.length) throw new UsageError(USAGE);
  if (!PERIOD_PATTERN.test(period)) throw new UsageError(`bad period: ${period} (YYYY, YYYYH1 or YYYYQ1–Q4)`);
  if (values.scheme !== undefined && !z.uuid().safeParse(values.scheme).success)
    throw new UsageError(`--scheme must be a scheme id (uuid), not ${values.scheme}`);
  if (values.note !== undefined && values.note.trim().length > 500)
    throw new UsageError('--note: at most 500 characters');
  const format = values.out ? path.extname(values.out).slice(1).toLowerCase() : null;
  if (format !== null && !['xlsx', 'pdf', 'docx'].includes(format))
    throw new UsageError('--out must end in .xlsx (or .pdf / .docx for the notice)');

  return withDatabase(config, async (deps) => {
    await ready(deps);
    const actor = await actAs(deps, values.as ?? DEFAULT_CLI_USER);
    await mayCall(deps, actor, 'POST', '/api/v1/assessments/runs', 'run an assessment');
    if (format) {
      await mayCall(deps, actor, 'GET', '/api/v1/assessments/runs/:id/export.:format', 'export a run');
    }
    const schemes = await import('../server/modules/assessments/schemes.service.ts');
    let schemeId = values.scheme;
    if (!schemeId) {
      const { items } = await schemes.listSchemes(deps);
      const chosen = items.find((s) => s.is_default && s.status !== 'archived');
      if (!chosen) {
        const list = items.map((s) => `${s.id} ${s.name} (${s.status})`).join('; ');
        throw new UsageError(`no default scheme: pass --scheme ID (${list || 'no schemes'})`);
      }
      schemeId = chosen.id;
    }
    const { createRun } = await import('../server/modules/assessments/runs.service.ts');
    const run = await createRun(
      deps,
      { scheme_id: schemeId, period, ...(values.note?.trim() ? { note: values.note.trim() } : {}) },
      cliAudit(actor),
    );

    console.log(`${run.period} · ${run.scheme_name} v${run.scheme_version} · ${run.results.length} regions`);
    const header = [pad('rank', 5), pad('region', 18), pad('score', 8, true), '  flags'].join(' ');
    console.log(header);
    for (const r of run.results) {
      console.log(
        [
          pad(r.rank === null ? '-' : String(r.rank), 5),
          pad(r.name, 18),
          pad(r.score ?? '-', 8, true),
          `  ${r.flags.map((f) => FLAG_ZH[f] ?? f).join('、')}`,
        ]
          .join(' ')
          .trimEnd(),
      );
    }
    for (const w of run.warnings) console.error(`warning: ${w.message}`);
    if (values.out && format) {
      const { renderRunFile } = await import('../server/modules/assessments/assessments.files.ts');
      const file = await renderRunFile(deps, actor, run.id, format as 'xlsx' | 'pdf' | 'docx');
      fs.writeFileSync(values.out, file.body);
      console.log(`written to ${values.out}`);
    }
    console.log(`run ${run.id} (${run.status})`);
    return 0;
  });
};
