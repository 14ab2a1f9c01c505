import type { Kysely } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { Config } from './config.ts';
import type { DB } from './db/schema.ts';
import type { Engine } from './db/database.ts';
import type { Actor } from './plugins/access.ts';
import type { AuditContext } from './plugins/audit.ts';
import { AppError } from './errors.ts';

/** What every service needs: the database (and its read replica), the configuration. */
export interface Deps {
  db: Kysely<DB>;
  reader: Kysely<DB>;
  engine: Engine;
  config: Config;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The signed-in caller; the access guard has already refused anonymous calls to non-public routes. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function auditCtx(req: FastifyRequest): AuditContext {
  return { actor: actorOf(req), ip: req.ip ?? null, requestId: String(req.id) };
}
