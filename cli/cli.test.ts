import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addMonths, currentMonthCst, parseMonth } from '../shared/month.ts';
import { makeUscc } from '../shared/uscc.ts';
import type { Deps } from '../server/context.ts';
import { bootstrap } from '../server/db/bootstrap.ts';
import { openDatabase } from '../server/db/database.ts';
import { testConfig, testEngine } from '../server/test/harness.ts';

/**
 * The `magnet` command as an operator runs it: a child process (cli/bin.mjs) on one PGlite data folder
 * holding the demo city, every command in turn. Between commands the test opens the folder itself to
 * check what was written (PGlite admits one process at a time).
 */

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
let dir: string;
let dataDir: string;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function magnet(...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [path.join(ROOT, 'cli', 'bin.mjs'), ...args], {
    cwd: dir,
    env: {
      ...process.env,
      DATABASE_URL: '',
      MAGNET_DATA_DIR: dataDir,
      MAGNET_DEMO: '0',
      MAGNET_ROOT_REGION: '120000',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, out: '', err: '' };
  child.stdout.on('data', (d) => (run.out += String(d)));
  child.stderr.on('data', (d) => (run.err += String(d)));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ ...run, code })));
}

/** Opens the data folder in this process (the CLI has exited), runs `fn`, closes it again. */
async function inDb<T>(fn: (db: Deps['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ engine: 'pglite', dataDir });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

const HEAD = [
  '项目编号',
  '项目名称',
  '投资方名称',
  '投资方统一社会信用代码',
  '投资方国家/地区',
  '投资方性质',
  '行业代码',
  '落地区域代码',
  '计划总投资（万元）',
  '预计落地日期',
  '重大项目',
];

async function writeWorkbook(file: string, rows: Array<Array<string | number>>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path.join(dir, file));
}

async function readWorkbook(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, file));
  return wb;
}

const projectCount = () =>
  inDb(async (db) =>
    Number(
      (
        await db
          .selectFrom('projects')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );

describe.runIf(testEngine() === 'pglite')('the magnet command line', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'magnet-cli-'));
    dataDir = path.join(dir, 'data');
    // the demo city, as the first start of the server makes it, from the migrated template of this run
    let template: Blob | undefined;
    const file = inject('pgliteTemplate');
    if (file && fs.existsSync(file)) template = new Blob([fs.readFileSync(file)]);
    const database = await openDatabase({ engine: 'pglite', dataDir, loadDataDir: template });
    try {
      const config = testConfig({ MAGNET_DEMO: '1', MAGNET_DATA_DIR: dataDir });
      await bootstrap({ db: database.db, reader: database.reader, engine: 'pglite', config });
    } finally {
      await database.close();
    }
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a projects workbook as the named user, audited as coming from the command line', async () => {
    const investor = makeUscc(930001, '110108');
    await writeWorkbook('新项目.xlsx', [
      HEAD,
      [
        '',
        '命令行导入项目甲',
        '北京命令行导入科技有限公司',
        investor,
        '',
        '民营企业',
        '6513',
        '120101',
        300.25,
        '2027-03-01',
        '否',
      ],
      [
        '',
        '命令行导入项目乙',
        '北京命令行导入科技有限公司',
        investor,
        '',
        '民营企业',
        '3911',
        '120116',
        120,
        '',
        '是',
      ],
    ]);
    const r = await magnet('import', 'projects', '新项目.xlsx', '--as', 'office');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/as office: 2 rows, created 2, updated 0, enterprises created 1/);

    await inDb(async (db) => {
      const office = await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'office')
        .executeTakeFirstOrThrow();
      const projects = await db
        .selectFrom('projects')
        .select(['id', 'name', 'region', 'planned_amount', 'stage', 'created_by'])
        .where('name', 'like', '命令行导入项目%')
        .orderBy('name')
        .execute();
      expect(projects.map((p) => [p.name, p.region, p.stage])).toEqual([
        ['命令行导入项目乙', '120116', 'lead'],
        ['命令行导入项目甲', '120101', 'lead'],
      ]);
      const audit = await db
        .selectFrom('audit_log')
        .select(['action', 'entity_id', 'user_id', 'username', 'ip', 'request_id', 'after'])
        .where('request_id', 'like', 'magnet-cli:%')
        .orderBy('id')
        .execute();
      const actions = audit.map((a) => a.action);
      expect(actions).toContain('project.import');
      expect(actions.filter((a) => a === 'project.create')).toHaveLength(2);
      for (const a of audit) {
        expect(a).toMatchObject({ user_id: office.id, username: 'office', ip: 'cli' });
        expect(a.request_id).toBe(audit[0].request_id); // one invocation, one request id
      }
      const summary = audit.find((a) => a.action === 'project.import')!.after as Record<string, unknown>;
      // the file is named by its SHA-256 (the audit log masks a field called `file`)
      const sha256 = createHash('sha256')
        .update(fs.readFileSync(path.join(dir, '新项目.xlsx')))
        .digest('hex');
      expect(summary).toMatchObject({ sha256, rows: 2, created: 2, updated: 0 });
      const created = audit.filter((a) => a.action === 'project.create').map((a) => a.entity_id);
      expect(created.sort()).toEqual(projects.map((p) => p.id).sort());
    });
  });

  it('refuses a broken workbook: every error by row and column, the error workbook beside it, nothing written', async () => {
    const investor = makeUscc(930002, '110108');
    await writeWorkbook('坏文件.xlsx', [
      HEAD,
      [
        '',
        '命令行坏项目一',
        '北京命令行坏数据有限公司',
        investor,
        '',
        '民营企业',
        'C9999',
        '120101',
        10,
        '',
        '',
      ],
      [
        '',
        '命令行坏项目二',
        '北京命令行坏数据有限公司',
        investor,
        '',
        '民营企业',
        '3911',
        '129999',
        '1.234',
        '',
        '',
      ],
      [
        '',
        '命令行好项目',
        '北京命令行坏数据有限公司',
        investor,
        '',
        '民营企业',
        '3911',
        '120101',
        10,
        '',
        '',
      ],
    ]);
    const before = await projectCount();
    const r = await magnet('import', 'projects', '坏文件.xlsx');
    expect(r.code, r.out + r.err).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^row 2, column G \(行业代码\): 行业代码 C9999 不存在/),
      expect.stringMatching(/^row 3, column H \(落地区域代码\): 行政区划代码 129999 不存在/),
      expect.stringMatching(/^row 3, column I \(计划总投资（万元）\): 金额“1\.234”无效/),
      'error workbook written to 坏文件-错误.xlsx',
      '导入未写入：发现 3 处错误，请修改后重新导入',
    ]);
    expect(r.out).toBe('');
    const marked = await readWorkbook('坏文件-错误.xlsx');
    expect(marked.getWorksheet('项目')).toBeTruthy();

    expect(await projectCount()).toBe(before);
    await inDb(async (db) => {
      const investors = await db
        .selectFrom('enterprises')
        .select('id')
        .where('uscc', '=', investor)
        .execute();
      expect(investors).toEqual([]);
      const imports = await db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'project.import')
        .where('after', '@>', JSON.stringify({ file: '坏文件.xlsx' }))
        .execute();
      expect(imports).toEqual([]);
    });
  });

  it('runs a large import as a job with a progress bar, and waits for it', async () => {
    const rows: Array<Array<string | number>> = [HEAD];
    for (let i = 0; i < 2001; i++) {
      rows.push([
        '',
        `命令行批量项目${i}`,
        '北京命令行批量投资有限公司',
        makeUscc(930003, '110108'),
        '',
        '民营企业',
        '6513',
        '120101',
        10 + i,
        '',
        '否',
      ]);
    }
    await writeWorkbook('批量.xlsx', rows);
    const before = await projectCount();
    const r = await magnet('import', 'projects', '批量.xlsx');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/import projects\s+\[#{30}\] 2001\/2001/);
    expect(r.out).toMatch(/as admin: 2001 rows, created 2001, updated 0, enterprises created 1/);
    expect(await projectCount()).toBe(before + 2001);
  });

  it('usage errors: one line, exit code 2', async () => {
    const check = (r: Run, args: string[], message: RegExp) => {
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err.trim()).toMatch(message);
    };
    // refused before the database is opened: these may run at once
    const early: Array<[string[], RegExp]> = [
      [['import', 'projects', '没有这个文件.xlsx'], /^no such file: 没有这个文件\.xlsx$/],
      [
        ['import', 'contracts', '新项目.xlsx'],
        /^usage: magnet import projects\|enterprises\|capital\|targets FILE/,
      ],
      [['bulletin', '2026-13'], /^bad month: 2026-13 \(YYYY-MM/],
    ];
    const runs = await Promise.all(early.map(([args]) => magnet(...args)));
    early.forEach(([args, message], i) => check(runs[i], args, message));
    // the user is looked up in the database
    const late: Array<[string[], RegExp]> = [
      [['export', 'projects', '--as', 'nobody'], /^unknown user: nobody/],
      [
        ['import', 'targets', '新项目.xlsx', '--as', 'district'],
        /^user district \(role district\) may not import targets/,
      ],
    ];
    for (const [args, message] of late) check(await magnet(...args), args, message);
  });

  it('exports the projects workbook of the API with the list filters', async () => {
    const r = await magnet(
      'export',
      'projects',
      '--q',
      '命令行导入项目',
      '--stage',
      '线索',
      '--out',
      '导出.xlsx',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim()).toBe('exported 2 projects to 导出.xlsx');
    const ws = (await readWorkbook('导出.xlsx')).getWorksheet('项目')!;
    expect(ws.getRow(1).getCell(2).value).toBe('项目名称');
    const names: unknown[] = [];
    ws.eachRow((row, n) => n > 1 && names.push(row.getCell(2).value));
    expect(names.sort()).toEqual(['命令行导入项目乙', '命令行导入项目甲']);

    // the default name, in the current folder
    const d = await magnet('export', 'projects', '--region', '120116', '--q', '命令行');
    expect(d.code, d.err).toBe(0);
    const [, file] = /^exported 1 projects to (项目库-\d{8}-\d{4}\.xlsx)$/.exec(d.out.trim()) ?? [];
    expect(file).toBeTruthy();
    expect(fs.existsSync(path.join(dir, file))).toBe(true);
  });

  it('computes the bulletin of a month with approved reports as JSON, and as the PDF notice', async () => {
    const month = addMonths(currentMonthCst(), -2);
    const r = await magnet('bulletin', month);
    expect(r.code, r.err).toBe(0);
    const b = JSON.parse(r.out) as {
      month: string;
      parent: { code: string };
      live: boolean;
      rows: Array<{ name: string; reported: boolean; ytd: string }>;
    };
    expect(b).toMatchObject({ month, parent: { code: '120000' }, live: true });
    expect(b.rows).toHaveLength(16);
    expect(b.rows.every((row) => row.reported)).toBe(true);

    const p = await magnet('bulletin', month, '--format', 'pdf', '--out', '通报.pdf');
    expect(p.code, p.err).toBe(0);
    expect(p.out.trim()).toBe(`bulletin ${month} (live) written to 通报.pdf`);
    expect(fs.readFileSync(path.join(dir, '通报.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('assesses a period with the default scheme: prints the ranking and the run id, writes the Excel', async () => {
    // the latest quarter whose months are all approved in the demo (up to the month before last)
    const { year, month } = parseMonth(addMonths(currentMonthCst(), -2));
    const q = Math.floor(month / 3);
    const period = q === 0 ? `${year - 1}Q4` : `${year}Q${q}`;
    const r = await magnet('assess', period, '--out', '考核.xlsx');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${period} · 招商引资考核办法 v\\d+ · 16 regions$`));
    expect(lines[1]).toMatch(/^rank\s+region\s+score\s+flags$/);
    const table = lines.slice(2, 18).map((l) => /^(\d+)\s+(\S+)\s+(\d+\.\d{2})(?:\s+(\S+))?$/.exec(l));
    expect(table.every(Boolean), lines.join('\n')).toBe(true);
    const ranks = table.map((m) => Number(m![1]));
    const scores = table.map((m) => Number(m![3]));
    expect(ranks[0]).toBe(1);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(table.map((m) => m![2])).toContain('和平区');
    for (const m of table) if (m![4]) expect(m![4]).toMatch(/^(约谈|表彰)(、(约谈|表彰))*$/);
    expect(lines[18]).toBe('written to 考核.xlsx');
    const [, runId] = /^run ([0-9a-f-]{36}) \(draft\)$/.exec(lines[19]) ?? [];
    expect(runId).toBeTruthy();
    expect((await readWorkbook('考核.xlsx')).worksheets.length).toBeGreaterThan(0);

    await inDb(async (db) => {
      const run = await db
        .selectFrom('assessment_runs as r')
        .innerJoin('users as u', 'u.id', 'r.created_by')
        .select(['r.period', 'r.status', 'u.username'])
        .where('r.id', '=', runId)
        .executeTakeFirstOrThrow();
      expect(run).toEqual({ period, status: 'draft', username: 'admin' });
      const audit = await db
        .selectFrom('audit_log')
        .select(['username', 'ip'])
        .where('action', '=', 'assessment_run.create')
        .where('entity_id', '=', runId)
        .executeTakeFirstOrThrow();
      expect(audit).toEqual({ username: 'admin', ip: 'cli' });
    });
  });
});
