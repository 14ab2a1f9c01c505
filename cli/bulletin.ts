import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MONTH_PATTERN } from '../shared/month.ts';
import { actAs, cliAudit, DEFAULT_CLI_USER, mayCall, ready } from './acting.ts';
import { COMMANDS, UsageError, withDatabase } from './registry.ts';

/**
 * `magnet bulletin YYYY-MM`: the month's bulletin as `GET /api/v1/bulletins/:month` gives it to the user
 * (office: the live computation), or with `--publish` a new frozen version published as the office would
 * (`POST /api/v1/bulletins/:month/publish`), then that version. JSON on stdout, or the notice as Excel,
 * PDF or Word through the same renderer as the `.xlsx/.pdf/.docx` route.
 */

const USAGE =
  'usage: magnet bulletin YYYY-MM [--format json|xlsx|pdf|docx] [--out FILE] [--region CODE] [--publish] [--note TEXT] [--as USERNAME]';
const FORMATS = ['json', 'xlsx', 'pdf', 'docx'] as const;
type Format = (typeof FORMATS)[number];

COMMANDS.bulletin = async (args, config) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      region: { type: 'string' },
      publish: { type: 'boolean' },
      note: { type: 'string' },
      as: { type: 'string' },
    },
  });
  const [month, ...extra] = positionals;
  if (!month || extra.length) throw new UsageError(USAGE);
  if (!MONTH_PATTERN.test(month)) throw new UsageError(`bad month: ${month} (YYYY-MM, e.g. 2026-09)`);
  if (values.region !== undefined && !/^\d{6}$/.test(values.region))
    throw new UsageError(`--region must be a 6-digit region code, not ${values.region}`);
  if (values.note !== undefined && !values.publish) throw new UsageError('--note goes with --publish');
  if (values.note !== undefined && values.note.length > 2000)
    throw new UsageError('--note: at most 2000 characters');
  const fromOut = values.out ? path.extname(values.out).slice(1).toLowerCase() : '';
  const format = (values.format ?? (FORMATS.includes(fromOut as Format) ? fromOut : 'json')) as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);

  return withDatabase(config, async (deps) => {
    await ready(deps);
    const actor = await actAs(deps, values.as ?? DEFAULT_CLI_USER);
    const service = await import('../server/modules/bulletins/bulletins.service.ts');
    const opts = values.region ? { parent: values.region } : {};
    let bulletin;
    if (values.publish) {
      await mayCall(deps, actor, 'POST', '/api/v1/bulletins/:month/publish', 'publish a bulletin');
      bulletin = await service.publish(
        deps,
        actor,
        month,
        { ...opts, ...(values.note !== undefined ? { note: values.note } : {}) },
        cliAudit(actor),
      );
      console.error(
        `published ${bulletin.parent.name} ${month} as version ${bulletin.version} (${bulletin.content_hash})`,
      );
    } else {
      await mayCall(deps, actor, 'GET', '/api/v1/bulletins/:month', 'read bulletins');
      bulletin = await service.getBulletin(deps, actor, month, opts);
    }
    const state = bulletin.live === false ? `published version ${bulletin.version}` : 'live';
    if (format === 'json') {
      const text = `${JSON.stringify(bulletin, null, 2)}\n`;
      if (!values.out) {
        process.stdout.write(text);
        return 0;
      }
      fs.writeFileSync(values.out, text);
      console.log(`bulletin ${month} (${state}) written to ${values.out}`);
      return 0;
    }
    const { renderBulletinFile } = await import('../server/modules/bulletins/bulletins.files.ts');
    const file = await renderBulletinFile(bulletin, format);
    const out = values.out ?? file.name;
    fs.writeFileSync(out, file.body);
    console.log(`bulletin ${month} (${state}) written to ${out}`);
    return 0;
  });
};
