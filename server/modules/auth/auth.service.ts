import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Role } from '../../../shared/enums.ts';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { scopeFor, type Actor } from '../../plugins/access.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import * as repo from './auth.repository.ts';
import { burnVerify, checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'magnet_session';
/** Failures from one address in the lock window before every login from it is refused for a while. */
const IP_MAX_FAILURES = 50;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: Awaited<ReturnType<typeof presentMe>>;
}

/**
 * Signs a user in: throttled per username and per address, locked for a while after repeated failures
 * (logged and audited), a new random session token each time (no fixation).
 */
export async function login(
  deps: Deps,
  input: { username: string; password: string },
  client: { ip: string | null; userAgent: string | null; requestId: string | null },
): Promise<LoginResult> {
  const { db, config } = deps;
  const username = input.username.trim();
  const ctxFor = (id: string | null, name: string): AuditContext => ({
    actor: { id: id ?? '', username: name, via: id ? 'cookie' : 'system' },
    ip: client.ip,
    requestId: client.requestId,
  });

  if (
    client.ip &&
    (await repo.countRecentIpFailures(db, client.ip, config.MAGNET_LOGIN_LOCK_MINUTES)) >= IP_MAX_FAILURES
  ) {
    throw new AppError('RATE_LIMITED', { message: '该地址登录失败次数过多，请稍后再试' });
  }

  const user = await repo.findUserByUsername(db, username);
  if (user?.locked_until && user.locked_until.getTime() > Date.now()) {
    await burnVerify(input.password);
    await db.insertInto('login_attempts').values({ username, ip: client.ip, success: false }).execute();
    throw new AppError('ACCOUNT_LOCKED', {
      details: { locked_until: user.locked_until.toISOString() },
    });
  }
  const ok =
    user && user.active
      ? await verifyPassword(user.password_hash, input.password)
      : (await burnVerify(input.password), false);

  if (!ok || !user) {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('login_attempts').values({ username, ip: client.ip, success: false }).execute();
      await recordAudit(trx, ctxFor(user?.id ?? null, username), {
        action: 'auth.login_failed',
        entity: 'user',
        entityId: user?.id ?? null,
        after: { username, reason: user ? (user.active ? 'bad_password' : 'inactive') : 'unknown_user' },
      });
      if (user) {
        const failures = await repo.countRecentFailures(trx, username, config.MAGNET_LOGIN_LOCK_MINUTES);
        if (failures >= config.MAGNET_LOGIN_MAX_FAILURES) {
          await trx
            .updateTable('users')
            .set({ locked_until: sql`now() + make_interval(mins => ${config.MAGNET_LOGIN_LOCK_MINUTES})` })
            .where('id', '=', user.id)
            .execute();
          await recordAudit(trx, ctxFor(user.id, username), {
            action: 'auth.locked',
            entity: 'user',
            entityId: user.id,
            after: { failures, minutes: config.MAGNET_LOGIN_LOCK_MINUTES },
          });
        }
      }
    });
    throw new AppError('BAD_CREDENTIALS');
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + config.MAGNET_SESSION_ABSOLUTE_HOURS * 3600_000);
  const passwordExpired =
    config.MAGNET_PASSWORD_MAX_AGE_DAYS > 0 &&
    user.password_changed_at.getTime() < Date.now() - config.MAGNET_PASSWORD_MAX_AGE_DAYS * 86400_000;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        user_id: user.id,
        csrf_token: csrfToken,
        expires_at: expiresAt,
        ip: client.ip,
        user_agent: client.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await trx.insertInto('login_attempts').values({ username, ip: client.ip, success: true }).execute();
    await trx
      .updateTable('users')
      .set({
        last_login_at: sql`now()`,
        locked_until: null,
        ...(passwordExpired ? { must_change_password: true } : {}),
      })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(trx, ctxFor(user.id, user.username), {
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      after: { username: user.username },
    });
    // expired sessions of this user are cleaned up at each login
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', user.id)
      .where('expires_at', '<', sql<Date>`now()`)
      .execute();
  });
  const me = await presentMe(deps, user.id);
  return { token, csrfToken, expiresAt, user: me };
}

/** Resolves a token to the caller, enforcing idle and absolute expiry. Returns null for no session. */
export async function authenticate(
  deps: Deps,
  token: string,
  via: 'cookie' | 'bearer',
): Promise<{ actor: Actor; csrfToken: string } | 'expired' | null> {
  const s = await repo.findSession(deps.db, hashToken(token));
  if (!s) return null;
  const now = Date.now();
  const idleMs = deps.config.MAGNET_SESSION_IDLE_MINUTES * 60_000;
  if (!s.active || s.expires_at.getTime() <= now || s.last_seen_at.getTime() + idleMs <= now) {
    await repo.deleteSession(deps.db, s.session_id);
    return 'expired';
  }
  // Touch at most once a minute: one write per active user per minute, not per request.
  if (now - s.last_seen_at.getTime() > 60_000) await repo.touchSession(deps.db, s.session_id);
  const role = s.role as Role;
  return {
    csrfToken: s.csrf_token,
    actor: {
      id: s.id,
      username: s.username,
      displayName: s.display_name,
      role,
      unitId: s.unit_id,
      unitKind: s.unit_kind,
      unitRegion: s.unit_region,
      regionScope: scopeFor(role, s.unit_region),
      sessionId: s.session_id,
      via,
      mustChangePassword: s.must_change_password,
    },
  };
}

export async function logout(deps: Deps, actor: Actor, ctx: AuditContext) {
  if (!actor.sessionId) return;
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, actor.sessionId!);
    await recordAudit(trx, ctx, { action: 'auth.logout', entity: 'user', entityId: actor.id });
  });
}

/** Changes one's own password: checks the current one and the policy, ends every other session. */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { current_password: string; new_password: string },
  ctx: AuditContext,
) {
  const user = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', actor.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.current_password))) {
    throw new AppError('VALIDATION', {
      message: '当前密码不正确',
      details: [{ path: 'current_password', message: '当前密码不正确' }],
    });
  }
  checkPasswordPolicy(input.new_password, user.username, deps.config);
  if (input.new_password === input.current_password) {
    throw new AppError('VALIDATION', {
      message: '新密码不能与当前密码相同',
      details: [{ path: 'new_password', message: '新密码不能与当前密码相同' }],
    });
  }
  const hash = await hashPassword(input.new_password);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: hash,
        must_change_password: false,
        password_changed_at: sql`now()`,
        updated_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where('id', '=', actor.id)
      .execute();
    let q = trx.deleteFrom('sessions').where('user_id', '=', actor.id);
    if (actor.sessionId) q = q.where('id', '!=', actor.sessionId);
    await q.execute();
    await recordAudit(trx, ctx, { action: 'auth.password_changed', entity: 'user', entityId: actor.id });
  });
}

/** The signed-in user as the web shows it. */
export async function presentMe(deps: Deps, userId: string) {
  const u = await deps.db
    .selectFrom('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .leftJoin('regions as r', 'r.code', 'un.region')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.unit_id',
      'u.must_change_password',
      'un.name as unit_name',
      'un.kind as unit_kind',
      'un.region as unit_region',
      'r.name as unit_region_name',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    id: u.id,
    username: u.username,
    display_name: u.display_name,
    role: u.role as Role,
    unit_id: u.unit_id,
    unit_name: u.unit_name,
    unit_kind: u.unit_kind,
    region: u.unit_region,
    region_name: u.unit_region_name,
    must_change_password: u.must_change_password,
    root_region: deps.config.MAGNET_ROOT_REGION,
  };
}
