import type { Config } from '../server/config.ts';
import type { Deps } from '../server/context.ts';
import { openDatabase, type Database } from '../server/db/database.ts';

/** One sub-command: its arguments (after the name) and the configuration; resolves to the exit code. */
export type Command = (args: string[], config: Config) => Promise<number>;

/** Sub-commands; each area of the product may add its own (seed, backup, bulletin, assess, ...). */
export const COMMANDS: Record<string, Command> = {};

/** A mistake in the command line itself: one line on stderr, exit code 2. */
export class UsageError extends Error {}

export async function withDatabase<T>(
  config: Config,
  fn: (deps: Deps, database: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({
    engine: config.engine,
    url: config.DATABASE_URL,
    dataDir: config.engine === 'pglite' ? config.dataDir : undefined,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  try {
    return await fn({ db: database.db, reader: database.reader, engine: database.engine, config }, database);
  } finally {
    await database.close();
  }
}

/** A progress bar on stderr (stdout stays clean for the result); `done()` ends its line. */
export function progressBar(what: string, done: number, total: number) {
  const width = 30;
  const filled = total ? Math.min(width, Math.round((done / total) * width)) : 0;
  process.stderr.write(
    `\r${what.padEnd(16)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}   `,
  );
}
