import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Deps } from '../server/context.ts';
import { bootstrap } from '../server/db/bootstrap.ts';
import { scopeFor, type AccessRule, type Actor } from '../server/plugins/access.ts';
import type { AuditContext } from '../server/plugins/audit.ts';
import type { Role } from '../shared/enums.ts';
import { UsageError } from './registry.ts';

/**
 * The commands that read or change business data act as a named user, exactly as that user would through
 * the API: the user's role must be allowed by the route's own access declaration, the user's region scope
 * applies inside the services, and every audit entry names the user with `ip = 'cli'` and a request id
 * `magnet-cli:<uuid>` shared by all entries of one invocation.
 */

export const DEFAULT_CLI_USER = 'admin';
export const CLI_IP = 'cli';

/** Brings the database to a usable state as the other commands do (migrations, reference data, admin). */
export async function ready(deps: Deps) {
  const report = await bootstrap(deps, { demo: false });
  if (report.generatedAdminPassword) {
    process.stderr.write(
      `created the first admin: username admin, password (shown once, must be changed at first login): ${report.generatedAdminPassword}\n`,
    );
  }
}

/** The active user `username` as an actor (the same fields a session resolves to). */
export async function actAs(deps: Deps, username: string): Promise<Actor> {
  const u = await deps.db
    .selectFrom('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.unit_id',
      'u.active',
      'u.must_change_password',
      'un.kind as unit_kind',
      'un.region as unit_region',
    ])
    .where(sql<string>`lower(u.username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  if (!u) throw new UsageError(`unknown user: ${username} (--as names an existing user)`);
  if (!u.active) throw new UsageError(`user ${u.username} is deactivated`);
  const role = u.role as Role;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role,
    unitId: u.unit_id,
    unitKind: u.unit_kind,
    unitRegion: u.unit_region,
    regionScope: scopeFor(role, u.unit_region),
    sessionId: null,
    via: 'cli',
    mustChangePassword: u.must_change_password,
  };
}

export function cliAudit(actor: Actor): AuditContext {
  return { actor, ip: CLI_IP, requestId: `magnet-cli:${randomUUID()}` };
}

let routeTable: Map<string, AccessRule> | undefined;

/** The access declaration of an API route, read from the server's own route table. */
export async function routeRule(deps: Deps, method: string, url: string): Promise<AccessRule> {
  if (!routeTable) {
    const { buildApp } = await import('../server/app.ts');
    const app = await buildApp({ deps, logger: false });
    await app.ready();
    routeTable = new Map(app.accessTable.map((r) => [`${r.method} ${r.url}`, r.access]));
    await app.close();
  }
  const rule = routeTable.get(`${method} ${url}`);
  if (!rule) throw new Error(`no route ${method} ${url}`);
  return rule;
}

/** Refuses, as the route would with 403, a user whose role the route does not admit. */
export async function mayCall(deps: Deps, actor: Actor, method: string, url: string, what: string) {
  const rule = await routeRule(deps, method, url);
  if (rule.roles === 'public') return;
  if (!rule.roles.includes(actor.role)) {
    throw new UsageError(
      `user ${actor.username} (role ${actor.role}) may not ${what}: ${method} ${url} admits ${rule.roles.join(', ')}`,
    );
  }
}
