import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { NATIONAL_ROOT } from '../../../shared/regions.ts';

const DIR = path.dirname(fileURLToPath(import.meta.url));

/** Minimal CSV reader for the reference files (no quoted fields in them; checked by a test). */
export function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/**
 * Loads GB/T 2260 regions and GB/T 4754-2017 industries from the project's own copy of
 * `shared/reference` when the tables are empty. Idempotent: a second call does nothing.
 */
export async function loadReferenceData(db: Kysely<DB>): Promise<{ regions: number; industries: number }> {
  const have = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let regions = 0;
  let industries = 0;
  if (Number(have.n) === 0) {
    // 东莞市, 中山市 and 儋州市 are prefecture-level cities without counties; the source lists each a second
    // time as a county under itself. One code is one region: the self-parented duplicate is skipped.
    const rows = readCsv('gbt2260-regions.csv')
      .filter((r) => r.parent !== r.code)
      .map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level as 'country' | 'province' | 'city' | 'county',
      parent: r.parent || null,
      kind: r.kind || 'gbt2260',
    }));
    // parents first so that the foreign key holds at every insert
    const order = { country: 0, province: 1, city: 2, county: 3 } as const;
    // the whole country, root of a national deployment (MAGNET_ROOT_REGION=000000); provinces keep parent null
    rows.push({ code: NATIONAL_ROOT, name: '全国', level: 'country', parent: null, kind: 'root' });
    rows.sort((a, b) => order[a.level] - order[b.level]);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 1000) {
        await trx.insertInto('regions').values(rows.slice(i, i + 1000)).execute();
      }
    });
    regions = rows.length;
  }
  const haveInd = await db
    .selectFrom('industries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(haveInd.n) === 0) {
    const rows = readCsv('gbt4754-2017-industries.csv').map((r) => ({
      code: r.code,
      name: r.name,
      level: Number(r.level),
      parent: r.parent || null,
      section: r.section,
    }));
    rows.sort((a, b) => a.level - b.level);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 1000) {
        await trx.insertInto('industries').values(rows.slice(i, i + 1000)).execute();
      }
    });
    industries = rows.length;
  }
  await sql`ANALYZE regions`.execute(db);
  await sql`ANALYZE industries`.execute(db);
  return { regions, industries };
}
