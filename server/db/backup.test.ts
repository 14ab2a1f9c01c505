import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { insertEntry, insertProject } from '../test/fixtures.ts';
import { openTestDatabase, testDatabaseUrl, testEngine } from '../test/harness.ts';
import { backupPglite, backupPostgres, restorePglite, restorePostgres, tableChecksums } from './backup.ts';
import { bootstrap } from './bootstrap.ts';
import { openDatabase } from './database.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-backup-'));
  dirs.push(d);
  return d;
};
const config = loadConfig({
  MAGNET_DEMO: '0',
  MAGNET_ADMIN_PASSWORD: 'Admin#Backup2026',
  LOG_LEVEL: 'silent',
});

describe('backup and restore', { timeout: 240_000 }, () => {
  it.runIf(testEngine() === 'pglite')('PGlite: a round trip gives back every table exactly', async () => {
    const dir = tmp();
    const database = await openDatabase({ engine: 'pglite', dataDir: dir });
    await bootstrap({ db: database.db, reader: database.reader, engine: 'pglite', config });
    const p = await insertProject(database.db, { region: '120101' });
    await insertEntry(database.db, p.id, '2026-01', 'domestic', '12345.67');
    const before = await tableChecksums(database.db as unknown as Kysely<unknown>);
    await database.close();

    const file = path.join(tmp(), 'b.tar.gz');
    expect((await backupPglite(dir, file)).bytes).toBeGreaterThan(1000);
    const target = tmp();
    await restorePglite(file, target);
    const restored = await openDatabase({ engine: 'pglite', dataDir: target });
    expect(await tableChecksums(restored.db as unknown as Kysely<unknown>)).toEqual(before);
    await restored.close();
    // restoring over existing data needs --force and keeps the old folder
    await expect(restorePglite(file, target)).rejects.toThrow(/--force/);
    const r = await restorePglite(file, target, { force: true });
    expect(r.movedAside && fs.existsSync(r.movedAside)).toBe(true);
  });

  it.runIf(testEngine() === 'postgres')(
    'PostgreSQL: pg_dump and pg_restore give back every table exactly',
    async () => {
      const database = await openTestDatabase();
      await bootstrap({ db: database.db, reader: database.reader, engine: 'postgres', config });
      const p = await insertProject(database.db, { region: '120102' });
      await insertEntry(database.db, p.id, '2026-02', 'foreign', '8.80');
      const before = await tableChecksums(database.db as unknown as Kysely<unknown>);
      const file = path.join(tmp(), 'b.pgdump');
      await backupPostgres(testDatabaseUrl(), file, { schema: database.schema });
      // lose some data, then restore
      await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(database.db);
      await sql`DELETE FROM audit_log`.execute(database.db);
      await sql`DELETE FROM capital_entries`.execute(database.db);
      await restorePostgres(testDatabaseUrl(), file);
      expect(await tableChecksums(database.db as unknown as Kysely<unknown>)).toEqual(before);
      await database.close();
    },
  );
});
