import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AuditFilter {
  entity?: string;
  entity_id?: string;
  user?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  page_size: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function listAudit(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entity_id) q = q.where('entity_id', '=', f.entity_id);
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.user) q = UUID.test(f.user) ? q.where('user_id', '=', f.user) : q.where('username', '=', f.user);
  // `from`/`to` are dates (CST, inclusive) or full ISO timestamps
  if (f.from) q = q.where('at', '>=', new Date(f.from.length === 10 ? `${f.from}T00:00:00+08:00` : f.from));
  if (f.to)
    q = q.where('at', f.to.length === 10 ? '<' : '<=', new Date(f.to.length === 10 ? nextDay(f.to) : f.to));
  return Promise.all([
    q
      .selectAll()
      .orderBy('id', 'desc')
      .limit(f.page_size)
      .offset((f.page - 1) * f.page_size)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
}

function nextDay(d: string) {
  const t = new Date(`${d}T00:00:00+08:00`).getTime() + 86400_000;
  return new Date(t).toISOString();
}

export function auditEntities(db: Kysely<DB>) {
  return db.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute();
}
