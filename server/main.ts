import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { bootstrap } from './db/bootstrap.ts';
import { DatabaseOpenError, openDatabase, redactUrl, type Database } from './db/database.ts';
import { startScheduler } from './modules/scheduler/scheduler.ts';
import { TASKS } from './modules/scheduler/tasks.ts';

export interface Server {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, brings it up to date, and listens. Prints generated passwords exactly once. */
export async function startServer(
  config: Config,
  opts: { serveWeb?: boolean; installSignals?: boolean } = {},
): Promise<Server> {
  const database = await openDatabase({
    engine: config.engine,
    url: config.DATABASE_URL,
    replicaUrl: config.DATABASE_REPLICA_URL,
    dataDir: config.engine === 'pglite' ? config.dataDir : undefined,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const deps = { db: database.db, reader: database.reader, engine: database.engine, config };
  let app: FastifyInstance | undefined;
  let stopScheduler: (() => Promise<void>) | undefined;
  try {
    const report = await bootstrap(deps);
    printOnce(report);
    app = await buildApp({ deps, serveWeb: opts.serveWeb ?? true });
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    stopScheduler = startScheduler(deps, TASKS, { log: (m) => app?.log.info(m) });
    const where =
      config.engine === 'pglite'
        ? `PGlite in ${config.dataDir}`
        : `PostgreSQL ${redactUrl(config.DATABASE_URL!)}`;
    app.log.info({ address, engine: config.engine }, `Magnet listening on ${address} (${where})`);
  } catch (e) {
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw e;
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await stopScheduler?.();
      await app!.close();
      await database.close();
    })());
  if (opts.installSignals !== false) {
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      process.once(sig, () => {
        app!.log.info(`${sig}: closing (CHECKPOINT and close the database)`);
        stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  return { app, database, url: `http://127.0.0.1:${port}`, stop };
}

function printOnce(report: Awaited<ReturnType<typeof bootstrap>>) {
  const lines: string[] = [];
  if (report.generatedAdminPassword) {
    lines.push(
      `首个管理员 / first admin:  admin / ${report.generatedAdminPassword}   (首次登录须修改 / must be changed at first login)`,
    );
  }
  if (report.demo) {
    lines.push('演示账户 / demo accounts (只显示这一次 / shown only this once):');
    for (const u of report.demo.users)
      lines.push(`  ${u.role.padEnd(11)} ${u.username.padEnd(12)} ${u.password}`);
  }
  if (lines.length) {
    const bar = '='.repeat(78);
    process.stdout.write(`\n${bar}\n${lines.join('\n')}\n${bar}\n\n`);
  }
}

/** `node server/main.ts` / `magnet serve`: one clear line and exit 1 on bad configuration or database. */
export async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  try {
    await startServer(config);
  } catch (e) {
    if (e instanceof DatabaseOpenError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    if (e && typeof e === 'object' && 'code' in e && e.code === 'EADDRINUSE') {
      process.stderr.write(`Port ${config.PORT} is already in use; set PORT to another port.\n`);
      process.exit(1);
    }
    process.stderr.write(`Magnet failed to start: ${(e as Error).message}\n`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
