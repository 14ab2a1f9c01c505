import { sql } from 'kysely';
import { openDatabase } from '../../server/db/database.ts';
import { type Figure, pgUrl, startServerProcess, stopProcess } from '../lib.ts';
import { listUnderLoad, Q } from './list-load.ts';

/**
 * The server on the national data of `bulletin-national` (the database `magnet_bench`, 1,000,000 projects,
 * which this suite reads but never seeds; issue 6: server RSS with the national data on PostgreSQL under load
 * < 300 MB). The server runs as its own process with the national root (000000); the project list (plain,
 * `q`, one province) is loaded at 50 connections for BENCH_SECONDS (10) each while its RSS is sampled.
 */
export async function benchNationalList(): Promise<Figure[]> {
  const base = pgUrl();
  const missing = (why: string): Figure[] => [{ name: 'national_list.postgres', value: -1, unit: why }];
  if (!base) return missing('skipped (no BENCH_DATABASE_URL/TEST_DATABASE_URL)');
  const url = base.replace(/\/[^/?]+(\?|$)/, '/magnet_bench$1');
  const admin = await openDatabase({ engine: 'postgres', url: base, poolSize: 1 });
  const exists = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_database WHERE datname = 'magnet_bench'`.execute(admin.db);
  await admin.close();
  if (!exists.rows[0].n)
    return missing(
      'no data: database magnet_bench is missing (run `npm run bench -- bulletin-national` first)',
    );
  const password = 'National#Bench2026';
  const server = await startServerProcess({
    DATABASE_URL: url,
    DATABASE_REPLICA_URL: '',
    MAGNET_DEMO: '0',
    MAGNET_ROOT_REGION: '000000',
    MAGNET_ADMIN_PASSWORD: password,
  });
  try {
    return await listUnderLoad({
      url: server.url,
      pid: server.child.pid!,
      password,
      prefix: 'national_list.postgres',
      variants: [
        ['default', 'page_size=20'],
        ['q', `page_size=20&q=${encodeURIComponent(Q)}`],
        ['province', 'page_size=20&region=440000'],
      ],
      seconds: Number(process.env.BENCH_SECONDS ?? 10),
      rssTarget: 300,
    });
  } finally {
    await stopProcess(server.child);
  }
}
