import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../../shared/uscc.ts';
import { createTestApp, testEngine, type TestApp } from '../../test/harness.ts';
import { cast, multipart, type Cast } from './fixtures.ts';

/** Issue 3: "Big files (50,000 rows) show progress and finish." */
const ROWS = 50_000;
let t: TestApp;
let c: Cast;
beforeAll(async () => {
  t = await createTestApp({ MAGNET_MAX_UPLOAD_MB: '50' });
  c = await cast(t);
});
afterAll(() => t?.close());

const REGIONS = ['120101', '120102', '120103', '120104', '120110', '120111', '120114', '120116'];
const INDUSTRIES = ['3911', '2710', '3441', '6513', '7010', '3411', '4411', '5411'];

async function bigFile(rows: number, badRow?: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (b: Buffer) => chunks.push(b));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const ws = wb.addWorksheet('项目');
  ws.addRow([
    '项目名称',
    '投资方名称',
    '投资方统一社会信用代码',
    '投资方性质',
    '行业代码',
    '落地区域代码',
    '计划总投资（万元）',
    '重大项目',
  ]).commit();
  for (let i = 0; i < rows; i++) {
    const inv = i % 5000; // 5,000 investors with ten projects each
    ws.addRow([
      `批量导入项目${i}号`,
      `批量投资方${inv}有限公司`,
      i === badRow ? '911100000000000000' : makeUscc(inv, '110105'),
      '民营企业',
      INDUSTRIES[i % INDUSTRIES.length],
      REGIONS[i % REGIONS.length],
      `${(i * 37) % 100000}.${String(i % 100).padStart(2, '0')}`,
      i % 10 === 0 ? '是' : '否',
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

async function poll(jobId: string, token: string) {
  const seen: Array<{ status: string; done: number; total: number }> = [];
  for (;;) {
    const res = await t.as(token, { method: 'GET', url: `/api/v1/jobs/${jobId}` });
    expect(res.statusCode).toBe(200);
    const j = res.json();
    seen.push({ status: j.status, done: j.done, total: j.total });
    if (j.status === 'done' || j.status === 'failed') return { job: j, seen };
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe(`import of ${ROWS} rows (${testEngine()})`, () => {
  it(
    'refuses the whole file for one bad row, as a job with an error file, writing nothing',
    { timeout: 600_000 },
    async () => {
      const file = await bigFile(ROWS, ROWS - 7);
      const res = await t.as(c.office.token, {
        method: 'POST',
        url: '/api/v1/projects/import',
        ...multipart('big-bad.xlsx', file),
      });
      expect(res.statusCode, res.body).toBe(202);
      const { job } = await poll(res.json().job_id, c.office.token);
      expect(job.status).toBe('failed');
      expect(job.result.error_count).toBe(1);
      expect(job.result.errors[0]).toMatchObject({ row: ROWS - 7 + 2, column: 'C' });
      expect(job.file.url).toBe(`/api/v1/jobs/${job.id}/file`);
      const n = await t.deps.db
        .selectFrom('projects')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
    },
  );

  it('imports every row as a job with progress, in one transaction', { timeout: 600_000 }, async () => {
    const file = await bigFile(ROWS);
    const started = Date.now();
    const res = await t.as(c.office.token, {
      method: 'POST',
      url: '/api/v1/projects/import',
      ...multipart('big.xlsx', file),
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', total: ROWS });
    // somebody else cannot watch the job
    expect(
      (await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/jobs/${res.json().job_id}` })).statusCode,
    ).toBe(404);
    const { job, seen } = await poll(res.json().job_id, c.office.token);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `[import-big] ${testEngine()}: ${ROWS} rows imported in ${seconds.toFixed(1)} s (file ${(file.length / 1e6).toFixed(1)} MB)`,
    );
    expect(job.status, job.message).toBe('done');
    expect(job.result).toMatchObject({ created: ROWS, updated: 0, enterprises_created: 5000 });
    expect(job.done).toBe(ROWS);
    expect(seen.length).toBeGreaterThan(1);
    const n = await t.deps.db
      .selectFrom('projects')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('investor_id').distinct().as('investors'),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(ROWS);
    expect(Number(n.investors)).toBe(5000);
    // every project points to its own row's investor (the new investors' ids come back in file order)
    const misplaced = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM projects p JOIN enterprises e ON e.id = p.investor_id
      WHERE e.name <> '批量投资方' || (substring(p.name FROM '([0-9]+)号$')::int % 5000) || '有限公司'`.execute(
      t.deps.db,
    );
    expect(misplaced.rows[0].n).toBe(0);
    const one = await t.as(c.office.token, {
      method: 'GET',
      url: `/api/v1/projects?q=${encodeURIComponent('批量导入项目12345号')}`,
    });
    expect(one.json().items[0]).toMatchObject({
      planned_amount: `${(12345 * 37) % 100000}.45`,
      region: REGIONS[12345 % 8],
      stage: 'lead',
    });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'project.create')
      .executeTakeFirstOrThrow();
    expect(Number(audit.n)).toBe(ROWS);
    // the import writes `search_text` itself (without the row trigger): the same text the trigger makes
    const differing = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM projects
      WHERE search_text IS DISTINCT FROM project_search_text(name, investor_id)`.execute(t.deps.db);
    expect(differing.rows[0].n).toBe(0);
  });
});
