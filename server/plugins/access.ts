import type { Role } from '../../shared/enums.ts';
import { ROLES } from '../../shared/enums.ts';
import { regionPrefix } from '../../shared/regions.ts';

/**
 * Every route declares who may call it and how data scope applies (`config.access`). A route without a
 * declaration makes the server refuse to start, and a test enumerates them all.
 *
 * scope:
 * - `none`:   the data is not tied to a region (reference data, own account).
 * - `region`: the records belong to a region; district and liaison users see only their subtree and get
 *             404 for anything outside it.
 * - `admin`:  system-wide administration.
 */
export type ScopeRule = 'none' | 'region' | 'admin';

export interface AccessRule {
  /** 'public' needs no session at all (login, health). */
  roles: readonly Role[] | 'public';
  scope: ScopeRule;
  /** Reachable while the user still has to change a generated password. */
  duringPasswordChange?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

export const ALL_ROLES: readonly Role[] = ROLES;
export const STAFF: readonly Role[] = ['admin', 'office', 'department', 'district', 'liaison', 'leader'];
export const OFFICE: readonly Role[] = ['admin', 'office'];

export const access = (
  roles: readonly Role[] | 'public',
  scope: ScopeRule,
  extra: Partial<AccessRule> = {},
) => ({
  access: { roles, scope, ...extra } satisfies AccessRule,
});

/** What a signed-in caller may see: all regions, one region subtree, or none. */
export type RegionScope =
  { kind: 'all' } | { kind: 'subtree'; region: string; prefix: string } | { kind: 'none' };

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitKind: string | null;
  unitRegion: string | null;
  regionScope: RegionScope;
  sessionId: string | null;
  /** how the caller came in; `cli`: a named user acting through the `magnet` command (no session) */
  via: 'cookie' | 'bearer' | 'system' | 'cli';
  mustChangePassword: boolean;
}

export { regionPrefix };

export function scopeFor(role: Role, unitRegion: string | null): RegionScope {
  if (role === 'district' || role === 'liaison') {
    if (!unitRegion) return { kind: 'none' };
    return { kind: 'subtree', region: unitRegion, prefix: regionPrefix(unitRegion) };
  }
  if (role === 'enterprise') return { kind: 'none' };
  return { kind: 'all' };
}

export function inRegionScope(scope: RegionScope, region: string | null | undefined): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none' || !region) return false;
  return region.startsWith(scope.prefix);
}

/** The system itself (CLI, bootstrap, scheduled jobs) as an actor for the audit log. */
export const SYSTEM_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: '系统',
  role: 'admin',
  unitId: null,
  unitKind: null,
  unitRegion: null,
  regionScope: { kind: 'all' },
  sessionId: null,
  via: 'system',
  mustChangePassword: false,
};
