import { sql, type Kysely } from 'kysely';
import type { Role } from '../../../shared/enums.ts';
import type { Deps } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, type AuditContext } from '../../plugins/audit.ts';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords.ts';
import { findUnit } from '../units/units.repository.ts';
import * as repo from './users.repository.ts';

/** Which unit kinds each role belongs to; a user's unit must fit its role. */
const ROLE_UNIT_KINDS: Record<Role, string[] | null> = {
  admin: null,
  office: ['office'],
  department: ['department', 'office'],
  district: ['district', 'zone', 'street'],
  liaison: ['liaison', 'department', 'other'],
  leader: null,
  enterprise: null,
};

export interface UserInput {
  username: string;
  password: string;
  display_name: string;
  role: Role;
  unit_id?: string | null;
  must_change_password?: boolean;
}

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUser>>>;
export function presentUser(u: UserRow) {
  return {
    ...u,
    locked: !!u.locked_until && u.locked_until.getTime() > Date.now(),
    locked_until: u.locked_until?.toISOString() ?? null,
    last_login_at: u.last_login_at?.toISOString() ?? null,
    password_changed_at: u.password_changed_at.toISOString(),
    created_at: u.created_at.toISOString(),
    updated_at: u.updated_at.toISOString(),
  };
}

async function checkUnit(db: Kysely<DB>, role: Role, unitId: string | null | undefined) {
  const needsUnit = role === 'district' || role === 'department' || role === 'liaison' || role === 'office';
  if (!unitId) {
    if (needsUnit) {
      throw new AppError('VALIDATION', {
        message: 'unit_id: 该角色的用户必须属于一个单位',
        details: [{ path: 'unit_id', message: `role ${role} needs a unit` }],
      });
    }
    return;
  }
  const unit = await findUnit(db, unitId);
  if (!unit)
    throw new AppError('VALIDATION', {
      message: 'unit_id: 单位不存在',
      details: [{ path: 'unit_id', message: 'unknown unit' }],
    });
  const kinds = ROLE_UNIT_KINDS[role];
  if (kinds && !kinds.includes(unit.kind)) {
    throw new AppError('VALIDATION', {
      message: `unit_id: 角色 ${role} 的用户不能属于类型为 ${unit.kind} 的单位`,
      details: [{ path: 'unit_id', message: `role ${role} cannot belong to a unit of kind ${unit.kind}` }],
    });
  }
}

export async function createUser(deps: Deps, input: UserInput, ctx: AuditContext) {
  checkPasswordPolicy(input.password, input.username, deps.config);
  await checkUnit(deps.db, input.role, input.unit_id);
  const hash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('users')
      .select('id')
      .where(sql<string>`lower(username)`, '=', input.username.toLowerCase())
      .executeTakeFirst();
    if (clash)
      throw new AppError('DUPLICATE', {
        message: `用户名“${input.username}”已存在`,
        details: { existing_id: clash.id },
      });
    const row = await trx
      .insertInto('users')
      .values({
        username: input.username,
        password_hash: hash,
        display_name: input.display_name,
        role: input.role,
        unit_id: input.unit_id ?? null,
        must_change_password: input.must_change_password ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { password: _p, ...safe } = input;
    await recordAudit(trx, ctx, { action: 'user.create', entity: 'user', entityId: row.id, after: safe });
    return presentUser((await repo.findUser(trx, row.id))!);
  });
}

export async function listUsers(
  deps: Deps,
  opts: { role?: string; unit_id?: string; q?: string; page: number; page_size: number },
) {
  const [rows, count] = await repo.listUsers(deps.db, { ...opts, pageSize: opts.page_size });
  return { items: rows.map(presentUser), total: Number(count.n) };
}

export async function getUser(deps: Deps, id: string) {
  const u = await repo.findUser(deps.db, id);
  if (!u) throw notFound('用户');
  return presentUser(u);
}

export interface UserPatch {
  version: number;
  display_name?: string;
  role?: Role;
  unit_id?: string | null;
  active?: boolean;
}

/** Role, unit and activation changes are permission changes: audited, and they end the user's sessions. */
export async function updateUser(deps: Deps, id: string, patch: UserPatch, ctx: AuditContext) {
  const before = await repo.findUser(deps.db, id);
  if (!before) throw notFound('用户');
  const role = (patch.role ?? before.role) as Role;
  const unitId = patch.unit_id !== undefined ? patch.unit_id : before.unit_id;
  if (patch.role !== undefined || patch.unit_id !== undefined) await checkUnit(deps.db, role, unitId);
  if (id === ctx.actor.id && (patch.active === false || (patch.role && patch.role !== 'admin'))) {
    throw new AppError('RULE', { message: '不能停用自己或取消自己的管理员角色' });
  }
  return deps.db.transaction().execute(async (trx) => {
    const { version, ...changes } = patch;
    const res = await trx
      .updateTable('users')
      .set({ ...changes, updated_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) {
      const current = await repo.findUser(trx, id);
      throw new AppError('STALE_VERSION', { details: { current: current ? presentUser(current) : null } });
    }
    const permissionChange =
      (patch.role !== undefined && patch.role !== before.role) ||
      (patch.unit_id !== undefined && patch.unit_id !== before.unit_id) ||
      patch.active === false;
    if (permissionChange) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const after = await repo.findUser(trx, id);
    await recordAudit(trx, ctx, {
      action: permissionChange ? 'user.permission_change' : 'user.update',
      entity: 'user',
      entityId: id,
      before: presentUser(before),
      after: presentUser(after!),
    });
    return presentUser(after!);
  });
}

/** An admin sets a new password; the user must change it at next login, and is signed out everywhere. */
export async function resetPassword(deps: Deps, id: string, password: string, ctx: AuditContext) {
  const u = await repo.findUser(deps.db, id);
  if (!u) throw notFound('用户');
  checkPasswordPolicy(password, u.username, deps.config);
  const hash = await hashPassword(password);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: hash,
        must_change_password: true,
        password_changed_at: sql`now()`,
        locked_until: null,
        updated_at: sql`now()`,
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'user.password_reset', entity: 'user', entityId: id });
  });
  return getUser(deps, id);
}

export async function unlockUser(deps: Deps, id: string, ctx: AuditContext) {
  const u = await repo.findUser(deps.db, id);
  if (!u) throw notFound('用户');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ locked_until: null }).where('id', '=', id).execute();
    await trx
      .insertInto('login_attempts')
      .values({ username: u.username, ip: null, success: true })
      .execute();
    await recordAudit(trx, ctx, { action: 'user.unlock', entity: 'user', entityId: id });
  });
  return getUser(deps, id);
}

/** Active users of one role with their unit: what a picker needs, nothing more. */
export async function directory(deps: Deps, role: Role, q?: string) {
  let query = deps.db
    .selectFrom('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.display_name', 'u.role', 'u.unit_id', 'un.name as unit_name'])
    .where('u.role', '=', role)
    .where('u.active', '=', true);
  if (q) query = query.where('u.display_name', 'ilike', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return { items: await query.orderBy('u.display_name').limit(500).execute() };
}
