import type { Role, UnitKind } from '../../shared/enums.ts';

/** Response shapes of the foundation API (SPEC §4), as the server presents them. */

export interface Me {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  unit_id: string | null;
  unit_name: string | null;
  unit_kind: UnitKind | null;
  region: string | null;
  region_name: string | null;
  must_change_password: boolean;
  root_region: string;
}

export interface LoginResponse {
  token: string;
  csrf_token: string;
  expires_at: string;
  user: Me;
}

/** The server's password policy (MAGNET_PASSWORD_MIN_LENGTH, MAGNET_PASSWORD_MIN_CLASSES). */
export interface PasswordPolicy {
  min_length: number;
  min_classes: number;
}

export interface MeResponse {
  user: Me;
  csrf_token: string | null;
  /** Absent from servers older than the policy setting. */
  password_policy?: PasswordPolicy;
}

export type RegionLevel = 'province' | 'city' | 'county';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parent: string | null;
  kind: string;
  has_children: boolean;
}

export interface RegionDetail {
  code: string;
  name: string;
  level: RegionLevel;
  parent: string | null;
  kind: string;
  path: Array<{ code: string; name: string; level: RegionLevel }>;
}

export interface Industry {
  code: string;
  name: string;
  level: 1 | 2 | 3 | 4;
  parent: string | null;
  section: string;
  has_children: boolean;
}

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  region: string;
  region_name: string | null;
  parent_id: string | null;
  parent_name: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UnitInput {
  name: string;
  kind: UnitKind;
  region: string;
  parent_id?: string | null;
}

export interface User {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  unit_id: string | null;
  unit_name: string | null;
  region: string | null;
  active: boolean;
  must_change_password: boolean;
  locked: boolean;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UserCreateInput {
  username: string;
  password: string;
  display_name: string;
  role: Role;
  unit_id?: string | null;
  must_change_password?: boolean;
}

export interface UserUpdateInput {
  version: number;
  display_name?: string;
  role?: Role;
  unit_id?: string | null;
  active?: boolean;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface AuditEntry {
  id: number;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: JsonValue;
  after: JsonValue;
  ip: string | null;
  request_id: string | null;
}

export interface Items<T> {
  items: T[];
}

export interface Page<T> {
  items: T[];
  total: number;
}
