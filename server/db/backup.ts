import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { acquireDataDirLock, DatabaseOpenError } from './database.ts';

/**
 * Backup and restore for both engines (issue 7):
 * - PGlite: the data folder dumped as a gzipped tar (`dumpDataDir`), restored by loading it into a fresh
 *   folder. The folder is locked meanwhile, so the server must be stopped (a clear message says so).
 * - PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists` (online; consistent snapshot).
 */
export async function backupPglite(dataDir: string, outFile: string): Promise<{ bytes: number }> {
  const release = acquireDataDirLock(dataDir);
  try {
    const db = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata'), extensions: { pg_trgm } });
    try {
      await db.exec('CHECKPOINT');
      const blob = await db.dumpDataDir('gzip');
      const buf = Buffer.from(await blob.arrayBuffer());
      fs.writeFileSync(outFile, buf);
      return { bytes: buf.length };
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}

export async function restorePglite(
  inFile: string,
  dataDir: string,
  opts: { force?: boolean } = {},
): Promise<{ movedAside?: string }> {
  if (!fs.existsSync(inFile)) throw new DatabaseOpenError(`No such backup file: ${inFile}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const release = acquireDataDirLock(dataDir);
  try {
    const pgdata = path.join(dataDir, 'pgdata');
    let movedAside: string | undefined;
    if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length) {
      if (!opts.force) {
        throw new DatabaseOpenError(
          `${pgdata} is not empty: add --force to replace it (the old folder is kept beside it)`,
        );
      }
      movedAside = `${pgdata}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(pgdata, movedAside);
    }
    const file = fs.readFileSync(inFile);
    const db = await PGlite.create({
      dataDir: pgdata,
      extensions: { pg_trgm },
      loadDataDir: new Blob([file]),
    });
    await db.exec('CHECKPOINT');
    await db.close();
    return { movedAside };
  } finally {
    release();
  }
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message} (is the PostgreSQL client installed?)`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${err.trim()}`)),
    );
  });
}

export async function backupPostgres(url: string, outFile: string, opts: { schema?: string } = {}) {
  await run('pg_dump', [
    '--format=custom',
    '--no-owner',
    '--no-privileges',
    ...(opts.schema ? [`--schema=${opts.schema}`] : []),
    `--file=${outFile}`,
    url,
  ]);
  return { bytes: fs.statSync(outFile).size };
}

export async function restorePostgres(url: string, inFile: string) {
  if (!fs.existsSync(inFile)) throw new DatabaseOpenError(`No such backup file: ${inFile}`);
  await run('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--no-privileges',
    '--single-transaction',
    `--dbname=${url}`,
    inFile,
  ]);
}

/**
 * A checksum of every table of the current schema (row count and an md5 over the rows in key order):
 * a restore is good when every table has the checksum it had at backup time.
 */
export async function tableChecksums(db: Kysely<unknown>): Promise<Record<string, string>> {
  const tables = await sql<{ t: string }>`
    SELECT table_name AS t FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`.execute(db);
  const out: Record<string, string> = {};
  for (const { t } of tables.rows) {
    const r = await sql<{ n: number; h: string | null }>`
      SELECT count(*)::int AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${sql.table(t)} x`.execute(
      db,
    );
    out[t] = `${r.rows[0].n}:${r.rows[0].h ?? ''}`;
  }
  return out;
}
