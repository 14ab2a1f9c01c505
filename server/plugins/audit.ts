import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from './access.ts';

/** Who did it and from where; built once per request (or for the system / CLI). */
export interface AuditContext {
  actor: Pick<Actor, 'id' | 'username' | 'via'>;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_KEYS = new Set([
  'password',
  'password_hash',
  'token',
  'token_hash',
  'csrf_token',
  'content',
  'file',
]);

/** Removes secrets and binary content from what is stored in the audit log. */
function scrub(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (Array.isArray(v)) return v.map(scrub);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      out[k] = SECRET_KEYS.has(k) ? '***' : scrub(val);
    }
    return out;
  }
  return v;
}

/**
 * Records one audit entry. Services call it inside the transaction of the change itself, so a change
 * and its audit entry are committed together or not at all.
 */
export async function recordAudit(
  trx: Transaction<DB> | Kysely<DB>,
  ctx: AuditContext,
  e: AuditEntry,
): Promise<void> {
  const systemId = ctx.actor.via === 'system';
  await trx
    .insertInto('audit_log')
    .values({
      user_id: systemId ? null : ctx.actor.id,
      username: ctx.actor.username,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId ?? null,
      before: e.before === undefined || e.before === null ? null : JSON.stringify(scrub(e.before)),
      after: e.after === undefined || e.after === null ? null : JSON.stringify(scrub(e.after)),
      ip: ctx.ip,
      request_id: ctx.requestId,
    })
    .execute();
}
