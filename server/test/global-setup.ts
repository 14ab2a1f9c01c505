import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/database.ts';
import { loadReferenceData } from '../db/reference/load.ts';
import type { Kysely } from 'kysely';

/**
 * PGlite: migrate and load reference data once, dump it, and let every test file start from that dump
 * (seconds saved per file). PostgreSQL: nothing to prepare; each file makes its own schema.
 */
export default async function setup(project: TestProject) {
  if (process.env.MAGNET_TEST_ENGINE === 'postgres') {
    if (!process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL) {
      throw new Error('MAGNET_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
    }
    project.provide('pgliteTemplate', '');
    return;
  }
  const database = await openDatabase({ engine: 'pglite' });
  await migrate(database.db as unknown as Kysely<unknown>);
  await loadReferenceData(database.db);
  const dump = await database.pglite!.dumpDataDir('none');
  const file = path.join(os.tmpdir(), `magnet-pglite-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(file, { force: true });
}
