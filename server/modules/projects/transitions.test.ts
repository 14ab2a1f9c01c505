import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayCst } from '../../../shared/month.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { insertEntry } from '../../test/fixtures.ts';
import { advance, cast, evidence, project, type Cast } from './fixtures.ts';

let t: TestApp;
let c: Cast;
beforeAll(async () => {
  t = await createTestApp();
  c = await cast(t);
});
afterAll(() => t?.close());

const move = (token: string, id: string, body: Record<string, unknown>) =>
  t.as(token, { method: 'POST', url: `/api/v1/projects/${id}/transitions`, payload: body });

function addDays(date: string, n: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
}

describe('stage transitions', () => {
  it('moves one stage at a time with date, note and evidence, and keeps the timeline', async () => {
    const p = await project(t, c.districtA.token);
    const r1 = await move(c.districtA.token, p.id, {
      to: 'negotiating',
      date: '2026-02-01',
      note: '首次洽谈',
    });
    expect(r1.statusCode).toBe(201);
    expect(r1.json().project).toMatchObject({ stage: 'negotiating', stage_date: '2026-02-01', version: 2 });
    expect(r1.json().transition).toMatchObject({ from: 'lead', to: 'negotiating', note: '首次洽谈' });
    const file = await evidence(t, c.districtA.token);
    const r2 = await move(c.districtA.token, p.id, {
      to: 'signed',
      date: '2026-03-01',
      note: '签约',
      evidence: [file],
    });
    expect(r2.statusCode).toBe(201);
    expect(r2.json().transition.evidence).toEqual([file]);
    const tl = await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/projects/${p.id}/transitions` });
    const items = tl.json().items;
    expect(items.map((i: { to: string }) => i.to)).toEqual(['lead', 'negotiating', 'signed']);
    expect(items[2]).toMatchObject({ from: 'negotiating', date: '2026-03-01', user_id: c.districtA.user.id });
    expect(items[2].evidence_files).toMatchObject([{ id: file, name: '签约合同.pdf' }]);
    // the evidence now belongs to the project
    const files = await t.as(c.districtA.token, {
      method: 'GET',
      url: `/api/v1/projects/${p.id}/attachments`,
    });
    expect(files.json().items.map((f: { id: string }) => f.id)).toEqual([file]);
    // audited, once per move
    const audit = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/audit?entity=project&entity_id=${p.id}`,
    });
    const moves = audit.json().items.filter((i: { action: string }) => i.action === 'project.transition');
    expect(moves).toHaveLength(2);
    expect(moves[0].after).toMatchObject({ stage: 'signed', evidence: [file] });
  });

  it('refuses skipping, going back, the same stage, future dates and dates before the current stage (422 RULE)', async () => {
    const p = await project(t, c.districtA.token);
    const expectRule = async (body: Record<string, unknown>, rule: string) => {
      const res = await move(c.districtA.token, p.id, body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('RULE');
      expect(res.json().error.details.rule).toBe(rule);
      expect(res.json().error.message).toBeTruthy();
    };
    const file = await evidence(t, c.districtA.token);
    await expectRule({ to: 'signed', date: '2026-02-01', evidence: [file] }, 'one_step_at_a_time');
    await expectRule({ to: 'operating', date: '2026-02-01', evidence: [file] }, 'one_step_at_a_time');
    await expectRule({ to: 'lead', date: '2026-02-01' }, 'same_stage');
    await expectRule({ to: 'negotiating', date: addDays(todayCst(), 1) }, 'date_in_future');
    expect((await move(c.districtA.token, p.id, { to: 'negotiating', date: '2026-02-01' })).statusCode).toBe(
      201,
    );
    await expectRule({ to: 'lead', date: '2026-02-02' }, 'no_backward');
    await expectRule({ to: 'signed', date: '2026-01-15', evidence: [file] }, 'date_before_current_stage');
    // today is allowed
    expect(
      (await move(c.districtA.token, p.id, { to: 'signed', date: todayCst(), evidence: [file] })).statusCode,
    ).toBe(201);
    const now = (await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/projects/${p.id}` })).json();
    expect(now.stage).toBe('signed');
  });

  it('needs evidence from signed on, and only files the caller may see', async () => {
    const p = await project(t, c.districtA.token);
    await advance(t, c.districtA.token, p.id, 'negotiating');
    const none = await move(c.districtA.token, p.id, { to: 'signed', date: '2026-02-01' });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.details.rule).toBe('evidence_required');
    const empty = await move(c.districtA.token, p.id, { to: 'signed', date: '2026-02-01', evidence: [] });
    expect(empty.json().error.details.rule).toBe('evidence_required');
    const unknown = await move(c.districtA.token, p.id, {
      to: 'signed',
      date: '2026-02-01',
      evidence: ['00000000-0000-4000-8000-000000000001'],
    });
    expect(unknown.statusCode).toBe(400);
    const othersFile = await evidence(t, c.districtB.token);
    const foreign = await move(c.districtA.token, p.id, {
      to: 'signed',
      date: '2026-02-01',
      evidence: [othersFile],
    });
    expect(foreign.statusCode).toBe(400);
    // a file already attached to another project cannot be reused
    const q = await project(t, c.districtA.token);
    await advance(t, c.districtA.token, q.id, 'signed');
    const qFile = (
      await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/projects/${q.id}/attachments` })
    ).json().items[0].id;
    const reused = await move(c.districtA.token, p.id, {
      to: 'signed',
      date: '2026-02-01',
      evidence: [qFile],
    });
    expect(reused.statusCode).toBe(400);
    expect(
      (await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/projects/${p.id}` })).json().stage,
    ).toBe('negotiating');
    // each later stage needs its own evidence too
    await advance(t, c.districtA.token, p.id, 'signed');
    const reg = await move(c.districtA.token, p.id, { to: 'registered', date: '2026-02-01' });
    expect(reg.json().error.details.rule).toBe('evidence_required');
  });

  it('drops from any live stage with a reason; dropped is final', async () => {
    const p = await project(t, c.districtA.token);
    const noReason = await move(c.districtA.token, p.id, { to: 'dropped', date: '2026-02-01' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.details.rule).toBe('drop_reason_required');
    const blank = await move(c.districtA.token, p.id, { to: 'dropped', date: '2026-02-01', note: '   ' });
    expect(blank.json().error.details.rule).toBe('drop_reason_required');
    const ok = await move(c.districtA.token, p.id, {
      to: 'dropped',
      date: '2026-02-01',
      note: '企业战略调整，项目终止',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().project).toMatchObject({ stage: 'dropped', drop_reason: '企业战略调整，项目终止' });
    const again = await move(c.districtA.token, p.id, { to: 'negotiating', date: '2026-02-02' });
    expect(again.json().error.details.rule).toBe('dropped_is_final');
    // from an advanced stage too
    const q = await project(t, c.districtA.token);
    await advance(t, c.districtA.token, q.id, 'construction');
    expect(
      (await move(c.districtA.token, q.id, { to: 'dropped', date: '2026-02-01', note: '停建' })).statusCode,
    ).toBe(201);
  });

  it('validates the body: unknown stage, bad date, unknown fields → 400', async () => {
    const p = await project(t, c.districtA.token);
    for (const body of [
      { to: 'won', date: '2026-02-01' },
      { to: 'negotiating', date: '2026-02-30' },
      { to: 'negotiating' },
      { to: 'negotiating', date: '2026-02-01', stage: 'x' },
    ]) {
      expect((await move(c.districtA.token, p.id, body)).statusCode).toBe(400);
    }
  });
});

describe('screening (生态底线)', () => {
  it('stops a polluting or outdated-capacity project at negotiating unless an office overrides with a reason', async () => {
    const p = await project(t, c.districtA.token, { polluting: true });
    await advance(t, c.districtA.token, p.id, 'negotiating');
    const file = await evidence(t, c.districtA.token);
    const refused = await move(c.districtA.token, p.id, {
      to: 'signed',
      date: '2026-02-01',
      evidence: [file],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule).toBe('screening');
    // a district cannot override
    const districtOverride = await move(c.districtA.token, p.id, {
      to: 'signed',
      date: '2026-02-01',
      evidence: [file],
      override_reason: '区里认为可以',
    });
    expect(districtOverride.statusCode).toBe(422);
    expect(districtOverride.json().error.details.rule).toBe('screening_override_role');
    // dropping is always possible
    // the office overrides: recorded on the transition and on the project
    const ok = await move(c.office.token, p.id, {
      to: 'signed',
      date: '2026-02-01',
      evidence: [file],
      override_reason: '经环评复核，采用清洁生产工艺，同意推进',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().project.screening_override_reason).toBe('经环评复核，采用清洁生产工艺，同意推进');
    expect(ok.json().transition.override_reason).toBe('经环评复核，采用清洁生产工艺，同意推进');
    const row = await t.deps.db
      .selectFrom('projects')
      .select(['screening_override_by'])
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.screening_override_by).toBe(c.office.user.id);
    // later steps need no new override; the district continues
    const file2 = await evidence(t, c.districtA.token);
    expect(
      (await move(c.districtA.token, p.id, { to: 'registered', date: '2026-02-02', evidence: [file2] }))
        .statusCode,
    ).toBe(201);
  });

  it('applies to outdated capacity too, and not below signed', async () => {
    const p = await project(t, c.districtA.token, { outdated_capacity: true });
    expect((await move(c.districtA.token, p.id, { to: 'negotiating', date: '2026-02-01' })).statusCode).toBe(
      201,
    );
    const file = await evidence(t, c.districtA.token);
    const res = await move(c.office.token, p.id, { to: 'signed', date: '2026-02-01', evidence: [file] });
    expect(res.json().error.details.rule).toBe('screening');
    expect(
      (await move(c.districtA.token, p.id, { to: 'dropped', date: '2026-02-01', note: '落后产能，不予引进' }))
        .statusCode,
    ).toBe(201);
  });
});

describe('funds in place', () => {
  it('is the sum of the project’s valid capital entries in its currency, as a decimal string', async () => {
    const p = await project(t, c.districtA.token);
    await insertEntry(t.deps.db, p.id, '2026-01', 'domestic', '100.10');
    await insertEntry(t.deps.db, p.id, '2026-02', 'domestic', '0.20');
    await insertEntry(t.deps.db, p.id, '2026-02', 'foreign', '999.00');
    const got = (await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/projects/${p.id}` })).json();
    expect(got.funds_in_place).toBe('100.30');
    const listed = await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/projects?q=${got.code}` });
    expect(listed.json().items[0].funds_in_place).toBe('100.30');
  });
});
