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
 * - PostgreSQL: `pg_dump --format=custom` (online; consistent snapshot), restored in one transaction.
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

/** Runs a PostgreSQL client program; resolves with its standard output, rejects with its error text. */
function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message} (is the PostgreSQL client installed?)`)));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} exited with ${code}: ${err.trim()}`)),
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

/**
 * Restores a `pg_dump` custom-format file in one transaction: the schemas the dump holds are dropped and made
 * again from it, so that the database ends exactly as it was at backup time, or (on any error) unchanged.
 * `pg_restore --clean` cannot be used: it drops the constraints of each partition of a partitioned table one
 * by one, which PostgreSQL refuses (they are inherited), so the objects go with their schema instead.
 */
export async function restorePostgres(url: string, inFile: string) {
  if (!fs.existsSync(inFile)) throw new DatabaseOpenError(`No such backup file: ${inFile}`);
  // the table of contents: which schemas hold tables, which the dump creates itself
  const toc = await run('pg_restore', ['--list', inFile]);
  const schemas = new Set<string>();
  const created = new Set<string>();
  for (const line of toc.split('\n')) {
    if (line.startsWith(';') || !line.trim()) continue;
    const m = /^\d+;\s*\d+\s+\d+\s+(SCHEMA|TABLE(?! DATA| ATTACH))\s+(\S+)\s+(\S+)/.exec(line);
    if (!m) continue;
    const [, type, schema, name] = m;
    if (type === 'SCHEMA') created.add(name);
    else if (type === 'TABLE' && schema !== '-') schemas.add(schema);
  }
  if (!schemas.size) throw new DatabaseOpenError(`${inFile} holds no tables: not a Magnet backup`);
  const ident = (n: string) => `"${n.replace(/"/g, '""')}"`;
  const preamble = [...schemas]
    .map(
      (s) =>
        `DROP SCHEMA IF EXISTS ${ident(s)} CASCADE;${created.has(s) ? '' : ` CREATE SCHEMA ${ident(s)};`}`,
    )
    .join('\n');
  await new Promise<void>((resolve, reject) => {
    const psql = spawn(
      'psql',
      ['--no-psqlrc', '--quiet', '--single-transaction', '-v', 'ON_ERROR_STOP=1', '-f', '-', url],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    const dump = spawn('pg_restore', ['--no-owner', '--no-privileges', '-f', '-', inFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    psql.stderr.on('data', (d) => (err += String(d)));
    dump.stderr.on('data', (d) => (err += String(d)));
    const fail = (e: Error) => reject(new Error(`${e.message} (is the PostgreSQL client installed?)`));
    psql.on('error', fail);
    dump.on('error', fail);
    psql.stdin.on('error', () => undefined); // psql stopped at an error: reported by its exit code
    psql.stdin.write(`${preamble}\n`);
    dump.stdout.pipe(psql.stdin);
    let dumpCode: number | null = null;
    dump.on('exit', (code) => (dumpCode = code));
    psql.on('exit', (code) => {
      if (code === 0 && dumpCode === 0) resolve();
      else reject(new Error(`restore failed (pg_restore ${dumpCode}, psql ${code}): ${err.trim()}`));
    });
  });
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
