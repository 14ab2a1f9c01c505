import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export function insertJob(
  db: Db,
  v: {
    kind: string;
    created_by: string | null;
    total?: number;
    status?: 'queued' | 'running' | 'done' | 'failed';
  },
) {
  return db
    .insertInto('jobs')
    .values({ kind: v.kind, created_by: v.created_by, total: v.total ?? 0, status: v.status ?? 'queued' })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateJob(
  db: Db,
  id: string,
  v: {
    status?: 'queued' | 'running' | 'done' | 'failed';
    done?: number;
    total?: number;
    message?: string | null;
    result?: unknown;
    file?: Buffer | null;
    file_name?: string | null;
  },
) {
  const { result, ...rest } = v;
  await db
    .updateTable('jobs')
    .set({
      ...rest,
      ...(result !== undefined ? { result: JSON.stringify(result) } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

const META = [
  'id',
  'kind',
  'status',
  'done',
  'total',
  'message',
  'result',
  'file_name',
  'created_by',
  'created_at',
  'updated_at',
] as const;

export function findJob(db: Db, id: string) {
  return db
    .selectFrom('jobs')
    .select([...META, sql<boolean>`file is not null`.as('has_file')])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findJobFile(db: Db, id: string) {
  return db
    .selectFrom('jobs')
    .select(['id', 'kind', 'created_by', 'file', 'file_name'])
    .where('id', '=', id)
    .executeTakeFirst();
}
