import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../server/config.ts';
import { bootstrap } from '../server/db/bootstrap.ts';
import { DatabaseOpenError } from '../server/db/database.ts';
import { AppError } from '../server/errors.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadReferenceData } from '../server/db/reference/load.ts';
import { SYSTEM_ACTOR } from '../server/plugins/access.ts';
import { createUser } from '../server/modules/users/users.service.ts';
import { ROLES, type Role } from '../shared/enums.ts';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { COMMANDS, progressBar, UsageError, withDatabase } from './registry.ts';

export { COMMANDS, UsageError, type Command } from './registry.ts';

const HELP = `magnet — 招商引资工作管理平台 command line

  magnet serve [--workers N]        start the server (same as npm start, without building the UI)
  magnet migrate                    run pending database migrations and load reference data
  magnet db check                   check the database connection, migrations and reference data
  magnet user create --username U --role R [--unit UNIT_ID] [--display-name NAME] [--password P]
                                    create a user (the password is generated and printed when omitted)
  magnet seed --scale city|province|national [--seed N] [--projects N] [--no-statistics] [--manifest FILE]
                                    deterministic synthetic data for benchmarks (projects, investors, planted
                                    double counts, then monthly capital, approved reports and targets)
  magnet backup [--out FILE]        PGlite: the data folder as .tar.gz (stop the server first);
                                    PostgreSQL: pg_dump custom format (online)
  magnet restore FILE [--force]     the reverse; PGlite keeps the replaced folder beside it

  Business data, acting as a user (--as USERNAME, default admin): the user's role and region scope apply as
  through the API, and the audit log names the user (ip "cli", request id magnet-cli:<uuid>).
  magnet import projects|enterprises|capital|targets FILE [--year YYYY] [--as USERNAME]
                                    the Excel import of the web page, all or nothing: on any error nothing is
                                    written, every error is printed (row N, column X (header): message), the
                                    error workbook is written beside FILE as <name>-错误.xlsx, exit code 1;
                                    --year (targets only) defaults to this year; large files show progress
  magnet export projects [--out FILE] [--q TEXT] [--region CODE] [--stage S[,S...]] [--as USERNAME]
                                    the project list as Excel (default 项目库-YYYYMMDD-HHMM.xlsx here)
  magnet bulletin YYYY-MM [--format json|xlsx|pdf|docx] [--out FILE] [--region CODE] [--publish [--note T]]
                                    the month's bulletin (live figures; with --publish a new version is
                                    published first); JSON on stdout unless --out; the format follows --out's
                                    extension when --format is absent
  magnet assess YYYY|YYYYH1|YYYYQ1..Q4 [--scheme ID] [--out FILE.xlsx|.pdf|.docx] [--note TEXT]
                                    score the default (or given) scheme, store the run as a draft, print the
                                    ranking and the run id; --out writes the run's export

Exit codes: 0 done, 1 refused or failed (validation, business rule, database), 2 bad command line.

Configuration comes from the environment (see README): DATABASE_URL, MAGNET_DATA_DIR, ...`;

COMMANDS.serve = async (args, config) => {
  const { values } = parseArgs({ args, options: { workers: { type: 'string' } } });
  const workers = Number(values.workers ?? 1);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new UsageError('--workers must be 1–64');
  const { serveCluster } = await import('./serve.ts');
  await serveCluster(config, workers);
  return -1; // keeps running
};

COMMANDS.migrate = async (_args, config) =>
  withDatabase(config, async (deps) => {
    const { applied } = await migrate(deps.db as unknown as Kysely<unknown>);
    const ref = await loadReferenceData(deps.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
    console.log(
      `reference data loaded: ${ref.regions} regions, ${ref.industries} industries (0 = already there)`,
    );
    return 0;
  });

COMMANDS.db = async (args, config) => {
  if (args[0] !== 'check') throw new UsageError('usage: magnet db check');
  return withDatabase(config, async (deps) => {
    const version = await sql<{ v: string }>`SELECT version() AS v`.execute(deps.db);
    const tables = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()`.execute(
      deps.db,
    );
    const migrations = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kysely_migration`
      .execute(deps.db)
      .catch(() => ({ rows: [{ n: 0 }] }));
    const regions = await sql<{ n: number }>`SELECT count(*)::int AS n FROM regions`
      .execute(deps.db)
      .catch(() => ({ rows: [{ n: 0 }] }));
    console.log(`engine:      ${deps.engine}`);
    console.log(`server:      ${version.rows[0].v.split(' on ')[0]}`);
    console.log(`tables:      ${tables.rows[0].n}`);
    console.log(`migrations:  ${migrations.rows[0].n} applied`);
    console.log(`regions:     ${regions.rows[0].n}`);
    const ok = regions.rows[0].n > 0 && migrations.rows[0].n > 0;
    console.log(ok ? 'ok' : 'not initialised: run `magnet migrate` or start the server once');
    return ok ? 0 : 1;
  });
};

COMMANDS.user = async (args, config) => {
  if (args[0] !== 'create') throw new UsageError('usage: magnet user create --username U --role R ...');
  const { values } = parseArgs({
    args: args.slice(1),
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      'display-name': { type: 'string' },
      password: { type: 'string' },
    },
  });
  if (!values.username || !values.role) throw new UsageError('--username and --role are required');
  if (!ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const { generatePassword } = await import('../server/modules/auth/passwords.ts');
  const password = values.password ?? generatePassword();
  return withDatabase(config, async (deps) => {
    await bootstrap(deps, { demo: false });
    const user = await createUser(
      deps,
      {
        username: values.username!,
        password,
        display_name: values['display-name'] ?? values.username!,
        role: values.role as Role,
        unit_id: values.unit ?? null,
        must_change_password: !values.password,
      },
      { actor: SYSTEM_ACTOR, ip: null, requestId: 'cli' },
    );
    console.log(`created user ${user.username} (${user.role}) id ${user.id}`);
    if (!values.password) console.log(`password (shown once, must be changed at first login): ${password}`);
    return 0;
  });
};

COMMANDS.seed = async (args, config) => {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      projects: { type: 'string' },
      'no-statistics': { type: 'boolean' },
      manifest: { type: 'string' },
    },
  });
  const scale = values.scale as 'city' | 'province' | 'national' | undefined;
  if (!scale || !['city', 'province', 'national'].includes(scale))
    throw new UsageError('--scale must be city, province or national');
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  const projects = values.projects ? Number(values.projects) : undefined;
  const { generateSynthetic } = await import('../server/demo/synthetic.ts');
  const { seedSyntheticStatistics } = await import('../server/demo/synthetic-statistics.ts');
  return withDatabase(config, async (deps) => {
    await bootstrap(deps, { demo: false });
    const manifest = await generateSynthetic({
      db: deps.db,
      scale,
      seed,
      projects,
      onProgress: (p) => progressBar(p.phase, p.done, p.total),
    });
    process.stderr.write('\n');
    console.log(
      `projects ${manifest.projects}, enterprises ${manifest.enterprises}, regions ${manifest.regions}, planted double counts ${manifest.planted.length} (${(manifest.elapsed_ms / 1000).toFixed(1)} s)`,
    );
    if (!values['no-statistics']) {
      const t0 = Date.now();
      const root = manifest.root ?? '000000';
      const s = await seedSyntheticStatistics(deps.db, {
        root,
        months: 36,
        entriesPerProject: 12,
        seed: (seed % 1000) / 1000 + 0.0001,
        progress: (d, n, what) => progressBar(what, d, n),
      });
      process.stderr.write('\n');
      console.log(
        `capital entries ${s.entries} for ${s.projects} projects, reports and targets (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
    }
    if (values.manifest) {
      fs.writeFileSync(values.manifest, JSON.stringify(manifest, null, 2));
      console.log(`manifest written to ${values.manifest}`);
    }
    return 0;
  });
};

COMMANDS.backup = async (args, config) => {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
  const { backupPglite, backupPostgres } = await import('../server/db/backup.ts');
  if (config.engine === 'pglite') {
    const out = values.out ?? `magnet-backup-${stamp}.tar.gz`;
    const r = await backupPglite(config.dataDir, out);
    console.log(`backup of ${config.dataDir} written to ${out} (${r.bytes} bytes)`);
  } else {
    const out = values.out ?? `magnet-backup-${stamp}.pgdump`;
    const r = await backupPostgres(config.DATABASE_URL!, out);
    console.log(`pg_dump written to ${out} (${r.bytes} bytes)`);
  }
  return 0;
};

COMMANDS.restore = async (args, config) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: 'boolean' } },
  });
  if (!positionals[0]) throw new UsageError('usage: magnet restore FILE [--force]');
  const { restorePglite, restorePostgres } = await import('../server/db/backup.ts');
  if (config.engine === 'pglite') {
    const r = await restorePglite(positionals[0], config.dataDir, { force: values.force });
    console.log(
      `restored ${positionals[0]} into ${config.dataDir}${r.movedAside ? ` (previous data kept in ${r.movedAside})` : ''}`,
    );
  } else {
    await restorePostgres(config.DATABASE_URL!, positionals[0]);
    console.log(`restored ${positionals[0]} into the PostgreSQL database`);
  }
  return 0;
};

async function run(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    console.log(HELP);
    return 0;
  }
  await import('./commands.ts');
  const command = COMMANDS[cmd];
  if (!command) {
    console.error(`unknown command: ${cmd} (\`magnet help\` lists the commands)`);
    return 2;
  }
  const config = loadConfig();
  return command(rest, config);
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    if (e instanceof ConfigError || e instanceof DatabaseOpenError || e instanceof UsageError) {
      console.error(e.message);
      process.exit(e instanceof UsageError ? 2 : 1);
    }
    const err = e as { code?: string; message?: string };
    if (err.code?.startsWith('ERR_PARSE_ARGS')) {
      // an unknown option or an option without its value (node:util parseArgs)
      console.error(err.message);
      process.exit(2);
    }
    if (e instanceof AppError) {
      // a service refused (validation, business rule, not found, ...): its message as the API gives it
      console.error(e.message);
      process.exit(1);
    }
    console.error(`magnet: ${err.message ?? String(e)}`);
    process.exit(1);
  },
);
