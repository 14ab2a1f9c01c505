import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../../shared/uscc.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { cast, enterprise, multipart, pdf, project, readSheet, workbook, type Cast } from './fixtures.ts';

let t: TestApp;
let c: Cast;
beforeAll(async () => {
  t = await createTestApp({ MAGNET_MAX_UPLOAD_MB: '1' });
  c = await cast(t);
});
afterAll(() => t?.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
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

const importFile = (token: string, content: Buffer, name = 'import.xlsx', url = '/api/v1/projects/import') =>
  t.as(token, { method: 'POST', url, ...multipart(name, content, XLSX) });

const countProjects = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('projects')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('template', () => {
  it('downloads the project and enterprise templates with Chinese headers and instructions', async () => {
    const res = await t.as(c.districtA.token, {
      method: 'GET',
      url: '/api/v1/projects/import-template.xlsx',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const { rows } = await readSheet(res.rawPayload, '项目');
    expect(rows[0].values).toEqual(
      expect.arrayContaining(['项目名称*', '投资方名称*', '行业代码*', '落地区域代码*', '项目编号']),
    );
    await readSheet(res.rawPayload, '填写说明');
    const ent = await t.as(c.districtA.token, {
      method: 'GET',
      url: '/api/v1/enterprises/import-template.xlsx',
    });
    expect((await readSheet(ent.rawPayload, '企业')).rows[0].values).toEqual(
      expect.arrayContaining(['企业名称*', '统一社会信用代码']),
    );
  });
});

describe('export', () => {
  it('exports exactly the filtered, sorted list (all rows, not one page) with money as formatted numbers', async () => {
    const inv = await enterprise(t, c.office.token, { name: '导出测试控股有限公司' });
    const amounts = ['1234.50', '99.99', '500000.00', '0.00', '77.10'];
    for (const [i, a] of amounts.entries()) {
      await project(t, c.office.token, {
        investor_id: inv.id,
        name: `导出测试项目${i}`,
        planned_amount: a,
        region: i % 2 ? '120116' : '120101',
      });
    }
    const qs = `investor_id=${inv.id}&sort=-planned_amount`;
    const list = (
      await t.as(c.office.token, { method: 'GET', url: `/api/v1/projects?${qs}&page_size=2` })
    ).json();
    expect(list.total).toBe(5);
    const res = await t.as(c.office.token, { method: 'GET', url: `/api/v1/projects.xlsx?${qs}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toMatch(
      /项目库-\d{8}-\d{4}\.xlsx/,
    );
    const { rows } = await readSheet(res.rawPayload, '项目');
    const header = rows[0].values as unknown[];
    const col = (h: string) => header.indexOf(h);
    expect(rows).toHaveLength(6);
    const full = (
      await t.as(c.office.token, { method: 'GET', url: `/api/v1/projects?${qs}&page_size=100` })
    ).json();
    expect(rows.slice(1).map((r) => r.getCell(col('项目编号')).value)).toEqual(
      full.items.map((p: { code: string }) => p.code),
    );
    const money = rows[1].getCell(col('计划总投资（万元）'));
    expect(money.value).toBe(500000);
    expect(money.numFmt).toBe('#,##0.00');
    expect(rows.slice(1).map((r) => r.getCell(col('计划总投资（万元）')).value)).toEqual([
      500000, 1234.5, 99.99, 77.1, 0,
    ]);
    expect(rows[1].getCell(col('阶段')).value).toBe('线索');
    // a district exports only its own rows
    const mine = await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/projects.xlsx?${qs}` });
    const own = (await readSheet(mine.rawPayload, '项目')).rows.slice(1);
    expect(own).toHaveLength(3);
    expect(own.every((r) => r.getCell(col('落地区域代码')).value === '120101')).toBe(true);
  });
});

describe('import', () => {
  it('creates new projects and updates existing ones by code or by investor USCC + name, all in one go', async () => {
    const inv = await enterprise(t, c.office.token, { name: '导入匹配测试有限公司' });
    const byCode = await project(t, c.districtA.token, {
      investor_id: inv.id,
      name: '按编号更新的项目',
      planned_amount: '1.00',
    });
    const byName = await project(t, c.districtA.token, {
      investor_id: inv.id,
      name: '按名称更新的项目',
      planned_amount: '2.00',
    });
    const newUscc = makeUscc(880001, '110108');
    const file = await workbook('项目', [
      HEAD,
      [
        byCode.code,
        '按编号更新的项目（改名）',
        inv.name,
        inv.uscc,
        '',
        '',
        '3911',
        '120101',
        '1,000.50',
        '2026-12-31',
        '是',
      ],
      ['', '按名称更新的项目', inv.name, inv.uscc, '', '', '3911', '120101', 2000, '', '否'],
      [
        '',
        '新建项目·中关村创新中心',
        '北京导入新建科技有限公司',
        newUscc,
        '',
        '民营企业',
        '6513',
        '120101',
        300.25,
        '2027/3/1',
        '',
      ],
      ['', 'German Precision Plant', 'Krupp Test AG', '', 'DE', '外资企业', '3411', '120101', 50, '', ''],
    ]);
    const before = await countProjects();
    const res = await importFile(c.districtA.token, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 2, enterprises_created: 2, total: 4 });
    expect(await countProjects()).toBe(before + 2);
    const a = (await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/projects/${byCode.id}` })).json();
    expect(a).toMatchObject({
      name: '按编号更新的项目（改名）',
      planned_amount: '1000.50',
      expected_landing_date: '2026-12-31',
      major: true,
      version: 2,
    });
    const b = (await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/projects/${byName.id}` })).json();
    expect(b).toMatchObject({ planned_amount: '2000.00', version: 2 });
    const created = (
      await t.as(c.districtA.token, {
        method: 'GET',
        url: `/api/v1/projects?q=${encodeURIComponent('中关村创新中心')}`,
      })
    ).json();
    expect(created.items[0]).toMatchObject({
      stage: 'lead',
      investor_uscc: newUscc,
      origin: '110108',
      planned_amount: '300.25',
      expected_landing_date: '2027-03-01',
    });
    const foreign = (
      await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/projects?q=German` })
    ).json();
    expect(foreign.items[0]).toMatchObject({
      origin: 'DE',
      capital_kind: 'foreign',
      investor_name: 'Krupp Test AG',
    });
    // the import writes `search_text` itself: its investor's name finds it too
    const byInvestor = (
      await t.as(c.districtA.token, {
        method: 'GET',
        url: `/api/v1/projects?q=${encodeURIComponent('Krupp Test')}`,
      })
    ).json();
    expect(byInvestor.items.map((p: { name: string }) => p.name)).toEqual(['German Precision Plant']);
    const audit = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/audit?entity=project&action=project.import`,
    });
    expect(audit.json().items[0].after).toMatchObject({ created: 2, updated: 2 });
    const upd = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/audit?entity=project&entity_id=${byCode.id}`,
    });
    expect(upd.json().items[0]).toMatchObject({
      action: 'project.update',
      before: { planned_amount: '1.00' },
    });
  });

  it('validates the whole file first: every error by row and column, nothing written, an error workbook', async () => {
    const inv = await enterprise(t, c.office.token, { name: '导入错误测试有限公司' });
    const before = await countProjects();
    const entBefore = Number(
      (
        await t.deps.db
          .selectFrom('enterprises')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const file = await workbook('项目', [
      HEAD,
      ['', '正确的行', inv.name, inv.uscc, '', '', '3911', '120101', '10', '', ''],
      ['', '坏代码', '某企业', '914403001922038217', '', '民营企业', '3911', '120101', '10', '', ''],
      ['', '坏区域', inv.name, inv.uscc, '', '', '3911', '129999', '10', '', ''],
      ['', '坏行业', inv.name, inv.uscc, '', '', 'C9999', '120101', '10', '', ''],
      ['', '正确的行', inv.name, inv.uscc, '', '', '3911', '120101', '10', '', ''],
      ['', '坏金额', inv.name, inv.uscc, '', '', '3911', '120101', '1.234', '2026-02-30', '也许'],
      ['P999999-2026-999999', '不存在的编号', inv.name, inv.uscc, '', '', '3911', '120101', '1', '', ''],
      ['', '越界', inv.name, inv.uscc, '', '', '3911', '120116', '1', '', ''],
      ['', '', '', '', '', '', '', '', '', '', ''],
      ['', '', '没有名称的企业', '', '', '', '3911', '120101', '1', '', ''],
    ]);
    const res = await importFile(c.districtA.token, file, '项目台账.xlsx');
    expect(res.statusCode, res.body).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('RULE');
    const errors = err.details.errors as Array<{
      row: number;
      column: string | null;
      header: string;
      message: string;
    }>;
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => `${e.column}:${e.header}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['D:投资方统一社会信用代码']);
    expect(at(4)).toEqual(['H:落地区域代码']);
    expect(at(5)).toEqual(['G:行业代码']);
    expect(at(6)).toEqual(['B:项目名称']);
    expect(errors.find((e) => e.row === 6)?.message).toMatch(/第 2 行/);
    expect(at(7).sort()).toEqual(['I:计划总投资（万元）', 'J:预计落地日期', 'K:重大项目'].sort());
    expect(at(8)).toEqual(['A:项目编号']);
    expect(at(9)).toEqual(['H:落地区域代码']);
    expect(at(11).sort()).toEqual(['B:项目名称', 'D:投资方统一社会信用代码'].sort());
    expect(err.details.error_count).toBe(errors.length);
    // nothing written
    expect(await countProjects()).toBe(before);
    const entAfter = Number(
      (
        await t.deps.db
          .selectFrom('enterprises')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(entAfter).toBe(entBefore);
    // the error workbook marks the bad cells and explains each row
    const dl = await t.as(c.districtA.token, { method: 'GET', url: err.details.error_file });
    expect(dl.statusCode).toBe(200);
    expect(decodeURIComponent(String(dl.headers['content-disposition']))).toContain('项目台账-错误.xlsx');
    const { rows } = await readSheet(dl.rawPayload, '项目');
    const row4 = rows.find((r) => r.getCell(2).value === '坏区域')!;
    expect((row4.getCell('H').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect((row4.getCell('G').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFC7CE');
    expect(String(row4.getCell(HEAD.length + 1).value)).toMatch(/落地区域代码.*129999/);
    const list = await readSheet(dl.rawPayload, '错误清单');
    expect(list.rows).toHaveLength(errors.length + 1);
    // the job record is the uploader's only
    expect((await t.as(c.districtB.token, { method: 'GET', url: err.details.error_file })).statusCode).toBe(
      404,
    );
    const job = await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/jobs/${err.details.job_id}` });
    expect(job.json()).toMatchObject({ status: 'failed', kind: 'projects.import' });
  });

  it('refuses duplicate rows of one new investor + name, and a new investor without its ownership', async () => {
    const code = makeUscc(880777, '120101');
    const file = await workbook('项目', [
      HEAD,
      ['', '同名项目', '新投资方有限公司', code, '', '民营企业', '3911', '120101', '1', '', ''],
      ['', '同名项目', '新投资方有限公司', code, '', '民营企业', '3911', '120101', '1', '', ''],
      [
        '',
        '另一个',
        '又一个新投资方有限公司',
        makeUscc(880778, '120101'),
        '',
        '',
        '3911',
        '120101',
        '1',
        '',
        '',
      ],
    ]);
    const res = await importFile(c.office.token, file);
    expect(res.statusCode).toBe(422);
    const errors = res.json().error.details.errors;
    expect(errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual([
      '3:name',
      '4:investor_ownership',
    ]);
  });

  it('refuses files that are empty, not Excel, old .xls, the wrong sheet, without headers or rows, or too big', async () => {
    const before = await countProjects();
    const cases: Array<[Buffer, string, number, RegExp]> = [
      [Buffer.alloc(0), 'empty.xlsx', 400, /为空/],
      [pdf(), 'fake.xlsx', 415, /xlsx/],
      [Buffer.from('项目名称,金额\n甲,1\n'), 'list.csv', 415, /xlsx/],
      [
        Buffer.concat([
          Buffer.from('d0cf11e0a1b11ae1', 'hex'),
          Buffer.alloc(600),
          Buffer.from('Workbook', 'utf16le'),
        ]),
        'old.xls',
        415,
        /另存为/,
      ],
      [
        await workbook('Sheet1', [HEAD, ['', 'x', 'y', makeUscc(1), '', '', '3911', '120101', '1', '', '']]),
        'wrong.xlsx',
        400,
        /没有名为“项目”/,
      ],
      [await workbook('项目', [HEAD]), 'header-only.xlsx', 400, /没有数据行/],
      [await workbook('项目', []), 'blank.xlsx', 400, /空的/],
      [
        await workbook('项目', [
          ['名称', '金额'],
          ['x', 1],
        ]),
        'no-headers.xlsx',
        400,
        /缺少必填列/,
      ],
      [Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2 * 1024 * 1024)]), 'huge.xlsx', 413, /上限/],
    ];
    for (const [content, name, status, message] of cases) {
      const res = await importFile(c.office.token, content, name);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json().error.message, name).toMatch(message);
    }
    expect(await countProjects()).toBe(before);
  });

  it('takes an exported file back unchanged: every row updates, none is created', async () => {
    const inv = await enterprise(t, c.office.token, { name: '往返测试有限公司', hq_region: '130102' });
    for (let i = 0; i < 3; i++) {
      await project(t, c.districtA.token, {
        investor_id: inv.id,
        name: `往返项目${i}`,
        planned_amount: `${i}12.3${i}`,
        key_level: i ? 'district' : null,
        guarantor_id: c.leader.user.id,
        responsible_unit_id: c.department.unit!.id,
        introducer: '京津冀招商推介会',
        introducer_kind: 'event',
        carrier: '和平大厦 12 层',
        expected_landing_date: '2027-01-0' + (i + 1),
      });
    }
    const exported = await t.as(c.districtA.token, {
      method: 'GET',
      url: `/api/v1/projects.xlsx?investor_id=${inv.id}`,
    });
    const before = (
      await t.as(c.districtA.token, {
        method: 'GET',
        url: `/api/v1/projects?investor_id=${inv.id}&sort=name`,
      })
    ).json().items;
    const res = await importFile(c.districtA.token, exported.rawPayload, 'export.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 3 });
    const after = (
      await t.as(c.districtA.token, {
        method: 'GET',
        url: `/api/v1/projects?investor_id=${inv.id}&sort=name`,
      })
    ).json().items;
    const strip = (p: Record<string, unknown>) => {
      const { version: _v, updated_at: _u, ...rest } = p;
      return rest;
    };
    expect(after.map(strip)).toEqual(before.map(strip));
    expect(after.every((p: { version: number }) => p.version === 2)).toBe(true);
  });

  it('is refused to roles that cannot write projects', async () => {
    const file = await workbook('项目', [
      HEAD,
      ['', 'x', 'y', makeUscc(2), '', '民营企业', '3911', '120101', '1', '', ''],
    ]);
    expect((await importFile(c.leader.token, file)).statusCode).toBe(403);
    expect((await importFile(c.liaison.token, file)).statusCode).toBe(403);
  });
});

describe('enterprises in Excel', () => {
  const EHEAD = [
    '企业名称',
    '统一社会信用代码',
    '国家/地区',
    '企业性质',
    '总部所在地代码',
    '行业代码',
    '标签',
    '备注',
  ];
  it('imports (create and update by USCC), validates every row, exports the filtered list', async () => {
    const existing = await enterprise(t, c.office.token, { name: '企业导入已有有限公司' });
    const fresh = makeUscc(990001, '310115');
    const ok = await workbook('企业', [
      EHEAD,
      [
        '企业导入已有有限公司（更名）',
        existing.uscc,
        '',
        '民营企业',
        '120101',
        '3911',
        '上市公司、民营500强(2024年第35名)',
        '已更新',
      ],
      ['企业导入新建股份有限公司', fresh, '', '地方国企', '310115', '', '', ''],
      ['Samsung Test Co., Ltd.', '', '韩国', '外资企业', '', '', '世界500强', ''],
    ]);
    const res = await importFile(c.office.token, ok, 'ents.xlsx', '/api/v1/enterprises/import');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 1 });
    const e = (
      await t.as(c.office.token, { method: 'GET', url: `/api/v1/enterprises/${existing.id}` })
    ).json();
    expect(e).toMatchObject({
      name: '企业导入已有有限公司（更名）',
      hq_region: '120101',
      version: 2,
      notes: '已更新',
    });
    expect(e.tags).toEqual([{ tag: 'listed' }, { tag: 'private500', year: 2024, rank: 35 }]);
    const kr = (await t.as(c.office.token, { method: 'GET', url: '/api/v1/enterprises?country=KR' })).json();
    expect(kr.items[0]).toMatchObject({
      name: 'Samsung Test Co., Ltd.',
      uscc: null,
      tags: [{ tag: 'global500' }],
    });

    const bad = await workbook('企业', [
      EHEAD,
      ['坏代码公司', '91440300192203821X', '', '民营企业', '', '', '', ''],
      ['没有代码的境内公司', '', '', '民营企业', '', '', '', ''],
      ['坏标签公司', makeUscc(990002), '', '民营企业', '', '', '独角兽', ''],
      ['重复公司', fresh, '', '民营企业', '', '', '', ''],
      ['重复公司二', fresh, '', '民营企业', '', '', '', ''],
      ['未知性质', makeUscc(990003), '', '国营', '999999', 'Z', '', ''],
    ]);
    const refused = await importFile(c.office.token, bad, 'bad.xlsx', '/api/v1/enterprises/import');
    expect(refused.statusCode).toBe(422);
    const errs = refused
      .json()
      .error.details.errors.map((x: { row: number; field: string }) => `${x.row}:${x.field}`);
    expect(errs).toEqual([
      '2:uscc',
      '3:uscc',
      '4:tags',
      '6:uscc',
      '7:ownership',
      '7:hq_region',
      '7:industry',
    ]);

    const exp = await t.as(c.office.token, {
      method: 'GET',
      url: `/api/v1/enterprises.xlsx?q=${encodeURIComponent('企业导入')}&sort=name`,
    });
    const { rows } = await readSheet(exp.rawPayload, '企业');
    expect(rows.slice(1).map((r) => r.getCell(1).value)).toEqual([
      '企业导入已有有限公司（更名）',
      '企业导入新建股份有限公司',
    ]);
    expect(rows[1].getCell(9).value).toBe('上市公司、民营500强(2024年第35名)');
  });
});
