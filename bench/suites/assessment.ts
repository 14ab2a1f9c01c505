import { sql, type Kysely } from 'kysely';
import { currentMonthCst } from '../../shared/month.ts';
import { loadConfig } from '../../server/config.ts';
import type { Deps } from '../../server/context.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadReferenceData } from '../../server/db/reference/load.ts';
import { benchAssessment } from '../assessment.ts';
import { type Figure, pgUrl } from '../lib.ts';

const NATIONAL_PROJECTS = 1_000_000;

function depsOf(database: Database, root: string): Deps {
  const config = loadConfig({ MAGNET_ROOT_REGION: root, MAGNET_DEMO: '0', LOG_LEVEL: 'silent' });
  return { db: database.db, reader: database.reader, engine: database.engine, config };
}

const missing = (why: string): Figure[] => [{ name: 'assessment.national.postgres', value: -1, unit: why }];

/**
 * Issue 5 on the national data of `bulletin-national` (the database `magnet_bench`, which this suite reads
 * but never seeds): the annual assessment run at national scale (root 000000, target < 2 s) and the cockpit
 * at province scale (root 440000 广东, target < 500 ms). The timings are bench/assessment.ts's.
 */
export async function benchAssessmentNational(opts: { database?: string } = {}): Promise<Figure[]> {
  const base = pgUrl();
  if (!base) return missing('skipped (no BENCH_DATABASE_URL/TEST_DATABASE_URL)');
  const name = opts.database ?? 'magnet_bench';
  const url = base.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
  const admin = await openDatabase({ engine: 'postgres', url: base, poolSize: 1 });
  const exists = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM pg_database WHERE datname = ${name}`.execute(admin.db);
  await admin.close();
  if (!exists.rows[0].n)
    return missing(`no data: database ${name} is missing (run \`npm run bench -- bulletin-national\` first)`);
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  try {
    // the same schema as the code under test (bulletin-national does the same before it reads)
    await migrate(database.db as unknown as Kysely<unknown>);
    await loadReferenceData(database.db);
    const year = Number(currentMonthCst().slice(0, 4)) - 1; // the year bench/assessment.ts runs
    const counts = await sql<{ p: number; e: number }>`
      SELECT (SELECT count(*)::int FROM projects) AS p,
             (SELECT count(*)::int FROM capital_entries
               WHERE month >= ${`${year}-01-01`}::date AND month <= ${`${year}-12-01`}::date) AS e`.execute(
      database.db,
    );
    const { p, e } = counts.rows[0];
    if (!p || !e)
      return missing(
        `no data: ${name} holds ${p} projects and ${e} entries of ${year} (run \`npm run bench -- bulletin-national\` first)`,
      );
    const figures: Figure[] = [
      {
        name: 'assessment.national.postgres.projects',
        value: p,
        unit: p < NATIONAL_PROJECTS ? 'rows (below national scale)' : 'rows',
        target: `≥ ${NATIONAL_PROJECTS.toLocaleString('en')} (national scale)`,
      },
    ];
    // national root: the annual run (and its breakdown); the cockpit of all China is kept for the record
    for (const f of await benchAssessment(depsOf(database, '000000'))) {
      figures.push(
        f.name.startsWith('cockpit.')
          ? { name: f.name.replace('cockpit.', 'cockpit.national.'), value: f.value, unit: f.unit }
          : { ...f, name: f.name.replace('assessment.', 'assessment.national.') },
      );
    }
    // province root: the cockpit (and the province's own annual run, for the record)
    for (const f of await benchAssessment(depsOf(database, '440000'))) {
      if (f.name.startsWith('cockpit.'))
        figures.push({ ...f, name: f.name.replace('cockpit.', 'cockpit.province_440000.') });
      else if (f.name.endsWith('.compute'))
        figures.push({
          name: f.name.replace('assessment.', 'assessment.province_440000.'),
          value: f.value,
          unit: f.unit,
        });
    }
    return figures;
  } finally {
    await database.close();
  }
}
