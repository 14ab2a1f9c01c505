import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { approveReport, insertEntry, insertProject } from '../test/fixtures.ts';

/**
 * Property-based tests over every write route (issue 7): random and malformed bodies — unknown and
 * missing fields, huge strings, unicode edge cases, numbers as strings and strings as numbers, negative
 * and 20-digit amounts, impossible months and dates. Every answer is a 2xx or a 4xx with the error shape,
 * never a 5xx; a rejected request leaves the database as it was (no row, no audit entry).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
let t: TestApp;
let district: string;
const ids: Record<string, string> = {};
let tried = 0;

beforeAll(async () => {
  t = await createTestApp();
  const d = await t.factory.actor('district', '120101');
  district = d.token;
  const p = await insertProject(t.deps.db, { region: '120101', key_level: 'city' });
  await insertEntry(t.deps.db, p.id, '2026-03', 'domestic', '10.00');
  await approveReport(t.deps.db, '120101', '2026-02');
  const entry = await t.deps.db.selectFrom('capital_entries').select('id').executeTakeFirstOrThrow();
  const enterprise = await t.deps.db.selectFrom('enterprises').select('id').executeTakeFirstOrThrow();
  const unit = await t.factory.unit('other', '120102');
  const user = await t.factory.user('office', (await t.factory.unit('office', '120000')).id);
  ids.projects = p.id;
  ids['capital-entries'] = entry.id;
  ids.enterprises = enterprise.id;
  ids.units = unit.id;
  ids.users = user.user.id;
});
afterAll(() => {
  console.log(`fuzz: ${tried} requests over the write routes`);
  return t?.close();
});

/** The URL with real ids where the route names a collection we hold a record of. */
function concrete(url: string) {
  const coll = /^\/api\/v1\/([\w-]+)\//.exec(url)?.[1] ?? '';
  return url
    .replace(/:id\b/, ids[coll] ?? '00000000-0000-4000-8000-000000000000')
    .replace(/:itemId\b/, '00000000-0000-4000-8000-000000000001')
    .replace(/:region\b/, '120101')
    .replace(/:month\b/, '2026-03')
    .replace(/:year\b/, '2026')
    .replace(/:format\b/, 'pdf')
    .replace(/:key\b/, 'x')
    .replace(/:(\w+)/g, '1');
}

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    '𠀀𠀁',
    '😀'.repeat(50),
    'x'.repeat(100_000),
    '<script>alert(1)</script>',
    "'; DROP TABLE units; --",
  ),
  fc.constantFrom(
    '12345678901234567890',
    '-1',
    '-0.01',
    '1.005',
    '1e10',
    'NaN',
    'Infinity',
    '0x10',
    '1,000.00',
    ' 12.50 ',
  ),
  fc.constantFrom('2026-13', '2026-00', '2026-02-30', '1900-01', '9999-12', '2026-1', '20260101'),
  fc.constantFrom('999999', '12010', 'ZZ', '00000000-0000-0000-0000-000000000000', 'not-a-uuid'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

function keysOf(schema: unknown): string[] {
  let s = schema as z.ZodType | undefined;
  // unwrap optional / nullable / default wrappers down to the object
  for (let i = 0; i < 5 && s && !(s instanceof z.ZodObject); i++) {
    const inner = (s as unknown as { def?: { innerType?: z.ZodType } }).def?.innerType;
    if (!inner) break;
    s = inner;
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

function bodyArb(schema: unknown) {
  const keys = keysOf(schema);
  const shaped = keys.length
    ? fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })), nasty, {
        maxKeys: keys.length + 2,
      })
    : fc.dictionary(fc.string({ maxLength: 8 }), nasty, { maxKeys: 4 });
  return fc.oneof(shaped, shaped, nasty, fc.anything());
}

async function fingerprint() {
  const r = await sql<{ a: string | null; n: string }>`
    SELECT (SELECT max(id)::text FROM audit_log) AS a,
           (SELECT count(*) FROM projects)::text || '/' || (SELECT count(*) FROM units)::text || '/' ||
           (SELECT count(*) FROM users)::text || '/' || (SELECT count(*) FROM capital_entries)::text || '/' ||
           (SELECT count(*) FROM enterprises)::text || '/' || (SELECT count(*) FROM targets)::text || '/' ||
           (SELECT coalesce(sum(version), 0) FROM projects)::text || '/' || (SELECT coalesce(sum(amount), 0) FROM capital_entries)::text AS n`.execute(
    t.deps.db,
  );
  return `${r.rows[0].a}|${r.rows[0].n}`;
}

describe('every write route under random input', () => {
  it(
    'answers 2xx or 4xx, never 5xx, and a rejected request changes nothing',
    { timeout: 900_000 },
    async () => {
      const routes = t.app.accessTable.filter(
        (r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !r.url.includes('/auth/logout'),
      );
      expect(routes.length).toBeGreaterThan(20);
      const failures: string[] = [];
      for (const route of routes) {
        const url = concrete(route.url);
        const multipart = /import$|attachments$/.test(route.url);
        await fc
          .assert(
            fc.asyncProperty(bodyArb(route.body), fc.boolean(), async (body, asDistrict) => {
              tried++;
              const before = await fingerprint();
              const payload = multipart ? { junk: body } : (body as object);
              const res = await t.as(asDistrict ? district : t.adminToken, {
                method: route.method as 'POST',
                url,
                payload: JSON.stringify(payload) ?? 'null',
                headers: { 'content-type': 'application/json' },
              });
              if (res.statusCode >= 500) {
                failures.push(
                  `${route.method} ${route.url} ${JSON.stringify(body)?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
                );
                return false;
              }
              if (res.statusCode >= 400) {
                const b = res.json() as { error?: { code?: string; message?: string } };
                if (!b.error?.code || !b.error.message) {
                  failures.push(
                    `${route.method} ${route.url}: ${res.statusCode} without the error shape: ${res.body.slice(0, 200)}`,
                  );
                  return false;
                }
                const after = await fingerprint();
                if (after !== before) {
                  failures.push(`${route.method} ${route.url}: ${res.statusCode} but the database changed`);
                  return false;
                }
              }
              return true;
            }),
            { numRuns: RUNS, seed: 20261122, endOnFailure: true },
          )
          .catch(() => undefined);
      }
      expect(failures).toEqual([]);
      expect(tried).toBeGreaterThanOrEqual(routes.length * RUNS);
    },
  );
});
