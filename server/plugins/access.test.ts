import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/enums.ts';
import { ROLES } from '../../shared/enums.ts';
import { buildApp } from '../app.ts';
import { readCsv } from '../db/reference/load.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { regionPrefix } from './access.ts';

let t: TestApp;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES)
    tokens[role] = role === 'admin' ? t.adminToken : (await t.factory.actor(role)).token;
});
afterAll(() => t?.close());

/** A concrete URL for a route pattern: ids that do not exist, codes that do. */
function concrete(url: string) {
  return url
    .replace(/:id\b/g, '00000000-0000-4000-8000-000000000000')
    .replace(/:code\b/g, '120101')
    .replace(/:region\b/g, '120101')
    .replace(/:month\b/g, '2026-01')
    .replace(/:year\b/g, '2026')
    .replace(/:key\b/g, 'x')
    .replace(/:(\w+)/g, '1');
}

describe('route declarations', () => {
  it('every /api/v1 route declares roles and scope', () => {
    expect(t.app.accessTable.length).toBeGreaterThan(10);
    for (const r of t.app.accessTable) {
      expect(r.access.roles, `${r.method} ${r.url}`).toBeDefined();
      expect(['none', 'region', 'admin'], `${r.method} ${r.url}`).toContain(r.access.scope);
    }
  });

  it('the server refuses to start with an undeclared route', async () => {
    const app = await buildApp({ deps: t.deps, logger: false });
    app.get('/api/v1/undeclared', async () => ({ ok: true }));
    await expect(app.ready()).rejects.toThrow(/without an access declaration: GET \/api\/v1\/undeclared/);
    await app.close().catch(() => undefined);
  });
});

describe('access matrix: role × route', () => {
  it('answers 401 without a session and 403 to every role the route does not allow', async () => {
    const failures: string[] = [];
    let cells = 0;
    // logout would end the sessions the matrix runs on; it is covered in auth.test.ts
    for (const r of t.app.accessTable.filter((x) => x.url !== '/api/v1/auth/logout')) {
      const url = concrete(r.url);
      const method = r.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const anon = await t.app.inject({
        method,
        url,
        payload: method === 'GET' || method === 'DELETE' ? undefined : {},
      });
      if (r.access.roles !== 'public' && anon.statusCode !== 401)
        failures.push(`anonymous ${r.method} ${r.url}: ${anon.statusCode}`);
      if (r.access.roles === 'public') continue;
      for (const role of ROLES) {
        cells++;
        const res = await t.as(tokens[role], {
          method,
          url,
          payload: method === 'GET' || method === 'DELETE' ? undefined : {},
        });
        const allowed = r.access.roles.includes(role);
        if (!allowed && res.statusCode !== 403)
          failures.push(`${role} ${r.method} ${r.url}: expected 403, got ${res.statusCode}`);
        if (allowed && (res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500)) {
          failures.push(
            `${role} ${r.method} ${r.url}: allowed but got ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBeGreaterThan(50);
  });
});

describe('region scope', () => {
  it('every GB/T 2260 child code starts with its parent prefix (scope by code prefix is sound)', () => {
    const rows = readCsv('gbt2260-regions.csv');
    const bad = rows.filter(
      (r) => r.parent && r.parent !== r.code && !r.code.startsWith(regionPrefix(r.parent)),
    );
    expect(bad).toEqual([]);
    // and no code lies under a prefix it does not belong to
    const byCode = new Map(rows.map((r) => [r.code, r]));
    for (const r of rows) {
      if (r.level !== 'county' || !r.parent) continue;
      const parent = byCode.get(r.parent)!;
      const cityPrefix = r.code.slice(0, 4);
      const city = byCode.get(`${cityPrefix}00`);
      if (city && city.code !== parent.code && city.level === 'city')
        throw new Error(`${r.code} is under ${r.parent}, not ${city.code}`);
    }
  });

  it('a district user sees only the units of its subtree and the city-level ones', async () => {
    const a = await t.factory.actor('district', '120101');
    const other = await t.factory.unit('district', '120102');
    const list = await t.as(a.token, { method: 'GET', url: '/api/v1/units' });
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((u: { id: string }) => u.id);
    expect(ids).toContain(a.unit!.id);
    expect(ids).not.toContain(other.id);
  });
});
