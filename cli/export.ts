import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { STAGES } from '../shared/enums.ts';
import { projectExportQuery, STAGE_LABELS } from '../shared/schemas/projects.ts';
import { actAs, DEFAULT_CLI_USER, mayCall, ready } from './acting.ts';
import { COMMANDS, UsageError, withDatabase } from './registry.ts';

/**
 * `magnet export projects`: the workbook of `GET /api/v1/projects.xlsx` (same filters, same sort, same
 * columns), as a named user whose region scope applies.
 */

const USAGE =
  'usage: magnet export projects [--out FILE] [--q TEXT] [--region CODE] [--stage S[,S…]] [--as USERNAME]';

const STAGE_BY_LABEL = new Map<string, string>(
  STAGES.flatMap((s) => [
    [s, s],
    [STAGE_LABELS[s], s],
  ]),
);

COMMANDS.export = async (args, config) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      q: { type: 'string' },
      region: { type: 'string' },
      stage: { type: 'string' },
      as: { type: 'string' },
    },
  });
  if (positionals.length !== 1 || positionals[0] !== 'projects') throw new UsageError(USAGE);
  // stages as the API takes them (lead,signed) or as the list shows them (线索,签约)
  const stage = values.stage
    ?.split(/[,，]/)
    .map((s) => STAGE_BY_LABEL.get(s.trim()) ?? s.trim())
    .join(',');
  const parsed = projectExportQuery.safeParse({ q: values.q, region: values.region, stage });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
  }
  const filters = parsed.data;
  const excel = await import('../server/modules/projects/projects.excel.ts');
  const out = values.out ?? `项目库-${excel.stamp()}.xlsx`;
  if (fs.statSync(out, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`--out ${out} is a folder`);

  return withDatabase(config, async (deps) => {
    await ready(deps);
    const actor = await actAs(deps, values.as ?? DEFAULT_CLI_USER);
    await mayCall(deps, actor, 'GET', '/api/v1/projects.xlsx', 'export projects');
    const { listProjectIds } = await import('../server/modules/projects/projects.repository.ts');
    // the export's own first query: the ids of the filtered list, in list order
    const rows = (await listProjectIds(deps.reader, actor, filters)).length;
    const tmp = `${out}.part-${process.pid}`;
    try {
      await pipeline(excel.exportProjects(deps, actor, filters), fs.createWriteStream(tmp));
      fs.renameSync(tmp, out);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
    console.log(`exported ${rows} projects to ${out}`);
    return 0;
  });
};
