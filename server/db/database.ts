import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { DB } from './schema.ts';

// DATE columns stay `YYYY-MM-DD` strings: a JS Date would shift them with the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// int8 (count(*), bigserial) as JS numbers: counts never reach 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  /** Where heavy read-only queries go (bulletins, cockpit, exports); the primary unless a replica is set. */
  reader: Kysely<DB>;
  engine: Engine;
  pglite?: PGlite;
  close(): Promise<void>;
}

export class DatabaseOpenError extends Error {}

export interface OpenOptions {
  engine: Engine;
  /** postgres: the connection string. */
  url?: string;
  replicaUrl?: string;
  /** pglite: the data folder; omitted for an in-memory database (tests). */
  dataDir?: string;
  /** pglite: start from a dump made with `dumpDataDir` (tests load a prepared template this way). */
  loadDataDir?: Blob;
  /** postgres: a schema to put first on the search path (tests isolate each file in its own schema). */
  searchPath?: string;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.engine === 'postgres') return openPostgres(opts);
  return openPglite(opts);
}

function poolFor(url: string, size: number, searchPath?: string): pg.Pool {
  // Every session runs in China Standard Time so that ::date and date_trunc agree with SPEC §3.8.
  // JIT off: its compilation (50–100 ms) outweighed the gain on every query Magnet runs — the export's
  // 5,000-row chunks crossed jit_above_cost and took 340 ms instead of 60 (PGlite has no JIT).
  const options = ['-c TimeZone=Asia/Shanghai', '-c jit=off'];
  if (searchPath) options.push(`-c search_path=${searchPath},public`);
  const pool = new pg.Pool({ connectionString: url, max: size, options: options.join(' ') });
  pool.on('error', () => undefined);
  return pool;
}

async function openPostgres(opts: OpenOptions): Promise<Database> {
  if (!opts.url) throw new DatabaseOpenError('DATABASE_URL is required for the postgres engine');
  const pool = poolFor(opts.url, opts.poolSize ?? 10, opts.searchPath);
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new DatabaseOpenError(
      `Cannot connect to PostgreSQL at ${redactUrl(opts.url)}: ${(e as Error).message}`,
    );
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let reader = db;
  let replicaPool: pg.Pool | undefined;
  if (opts.replicaUrl) {
    replicaPool = poolFor(opts.replicaUrl, opts.poolSize ?? 10, opts.searchPath);
    reader = new Kysely<DB>({ dialect: new PostgresDialect({ pool: replicaPool }) });
  }
  return {
    db,
    reader,
    engine: 'postgres',
    async close() {
      await db.destroy();
      if (replicaPool) await reader.destroy();
    },
  };
}

/** Below this much free space PGlite cannot create or grow its folder (a fresh one is ~40 MB). */
const LOW_DISK_BYTES = 64 * 1024 * 1024;

function freeBytes(dir: string): number | null {
  try {
    const st = fs.statfsSync(dir);
    return st.bavail * st.bsize;
  } catch {
    return null;
  }
}

/** PGlite rejects with Error objects, Emscripten aborts with plain objects or numbers: one readable line. */
function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object') {
    const o = e as { message?: unknown; code?: unknown; errno?: unknown };
    if (typeof o.message === 'string') return o.message;
    const bits = [o.code, o.errno].filter((x) => x !== undefined).map(String);
    if (bits.length) return bits.join(' ');
    try {
      return JSON.stringify(e).slice(0, 200);
    } catch {
      return 'unknown error';
    }
  }
  return String(e);
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  let pglite: PGlite;
  let release: (() => void) | undefined;
  if (opts.dataDir) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    release = acquireDataDirLock(opts.dataDir);
  }
  const pgdata = opts.dataDir ? path.join(opts.dataDir, 'pgdata') : undefined;
  try {
    pglite = await PGlite.create({
      dataDir: pgdata,
      extensions: { pg_trgm },
      loadDataDir: opts.loadDataDir,
    });
    await pglite.exec(`SET TIME ZONE 'Asia/Shanghai'`);
  } catch (e) {
    release?.();
    const free = opts.dataDir ? freeBytes(opts.dataDir) : null;
    if (free !== null && free < LOW_DISK_BYTES) {
      throw new DatabaseOpenError(
        `No space left for the embedded database in ${pgdata}: ${Math.floor(free / 1024 / 1024)} MB free on ` +
          `its disk. Free some space (or set MAGNET_DATA_DIR to a larger disk) and start again; the folder ` +
          `was not changed beyond what PostgreSQL had written when the disk filled.`,
      );
    }
    throw new DatabaseOpenError(
      `Cannot open the embedded database in ${pgdata ?? 'memory'} (${errorText(e)}). ` +
        `The folder may be damaged by an unclean shutdown or a full disk: restore it with ` +
        `\`magnet restore <backup>\` or move it away to start empty.`,
    );
  }
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    reader: db,
    engine: 'pglite',
    pglite,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await sql`CHECKPOINT`.execute(db);
      } catch {
        // closing anyway
      }
      await db.destroy();
      await pglite.close();
      release?.();
    },
  };
}

/**
 * An exclusive lock on a PGlite data folder. Two processes on one folder silently lose data
 * (STACK-NOTES), so the second one is refused with a clear message. The lock file holds the pid;
 * a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'magnet.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code !== 'EEXIST') {
        throw new DatabaseOpenError(`Cannot lock the data folder ${dataDir}: ${err.message}`);
      }
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DatabaseOpenError(
          `The data folder ${dataDir} is in use by another Magnet process (pid ${holder}). ` +
            `Stop it first, or set MAGNET_DATA_DIR to another folder.`,
        );
      }
      // stale lock from a crashed process
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseOpenError(`Cannot lock the data folder ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
