import cluster from 'node:cluster';
import type { Config } from '../server/config.ts';
import { startServer } from '../server/main.ts';

/**
 * One process, or N workers sharing the port (node:cluster) on one PostgreSQL. PGlite is a single
 * embedded database in one process: more than one worker needs DATABASE_URL.
 */
export async function serveCluster(config: Config, workers: number) {
  if (workers > 1 && config.engine === 'pglite') {
    throw new Error('--workers > 1 needs DATABASE_URL (PGlite is embedded in one process)');
  }
  if (workers === 1) {
    await startServer(config);
    return;
  }
  if (cluster.isPrimary) {
    // bootstrap once in the primary so that workers start on a ready database
    const { openDatabase } = await import('../server/db/database.ts');
    const { bootstrap } = await import('../server/db/bootstrap.ts');
    const database = await openDatabase({ engine: 'postgres', url: config.DATABASE_URL, poolSize: 2 });
    await bootstrap({ db: database.db, reader: database.reader, engine: 'postgres', config });
    await database.close();
    for (let i = 0; i < workers; i++) cluster.fork();
    let stopping = false;
    cluster.on('exit', (worker, code) => {
      if (!stopping && code !== 0) {
        console.error(`worker ${worker.process.pid} exited with ${code}; starting another`);
        cluster.fork();
      }
    });
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      process.once(sig, () => {
        stopping = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
        setTimeout(() => process.exit(0), 5000).unref();
      });
    }
    return;
  }
  await startServer(config);
}
