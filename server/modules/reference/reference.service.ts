import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import * as repo from './reference.repository.ts';

/** Checks that a region code exists; a 400 naming the field otherwise. Used by every module. */
export async function assertRegion(db: Kysely<DB>, code: string, field = 'region') {
  const r = await repo.findRegion(db, code);
  if (!r) {
    throw new AppError('VALIDATION', {
      message: `${field}: 行政区划代码 ${code} 不存在（GB/T 2260）`,
      details: [{ path: field, message: `unknown GB/T 2260 region code ${code}` }],
    });
  }
  return r;
}

/** Checks that an industry code exists; a 400 naming the field otherwise. */
export async function assertIndustry(db: Kysely<DB>, code: string, field = 'industry') {
  const r = await repo.findIndustry(db, code);
  if (!r) {
    throw new AppError('VALIDATION', {
      message: `${field}: 行业代码 ${code} 不存在（GB/T 4754-2017）`,
      details: [{ path: field, message: `unknown GB/T 4754-2017 industry code ${code}` }],
    });
  }
  return r;
}

export async function getRegion(db: Kysely<DB>, code: string) {
  const r = await repo.findRegion(db, code);
  if (!r) throw notFound('行政区划');
  const path = await repo.regionPath(db, code);
  return { ...r, path: path.map((p) => ({ code: p.code, name: p.name, level: p.level })) };
}
