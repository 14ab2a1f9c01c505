/** Roles of SPEC §1. */
export const ROLES = [
  'admin',
  'office',
  'department',
  'district',
  'liaison',
  'leader',
  'enterprise',
] as const;
export type Role = (typeof ROLES)[number];

/** Unit kinds of SPEC §4 (`POST /api/v1/units`). */
export const UNIT_KINDS = ['office', 'department', 'district', 'zone', 'street', 'liaison', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Project stages of SPEC §3.1, in pipeline order; `dropped` is reachable from any live stage. */
export const STAGES = [
  'lead',
  'negotiating',
  'signed',
  'registered',
  'construction',
  'operating',
  'dropped',
] as const;
export type Stage = (typeof STAGES)[number];

export const CAPITAL_KINDS = ['domestic', 'foreign'] as const;
export type CapitalKind = (typeof CAPITAL_KINDS)[number];
