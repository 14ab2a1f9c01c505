import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../shared/enums.ts';
import type { EnterpriseDto } from '../../../shared/schemas/enterprises.ts';
import type { ProjectDto } from '../../../shared/schemas/projects.ts';
import { makeUscc } from '../../../shared/uscc.ts';
import type { TestApp } from '../../test/harness.ts';

/**
 * Test data for the pipeline, built through the API as a user would (used by the tests of projects,
 * enterprises, attachments and double counting).
 */
export interface Who {
  token: string;
  user: { id: string; username: string };
  unit: { id: string; name: string; region: string; kind: string } | null;
}

export interface Cast {
  office: Who;
  /** district user of 和平区 120101 */
  districtA: Who;
  /** district user of 滨海新区 120116 */
  districtB: Who;
  department: Who;
  leader: Who;
  /** liaison unit paired with 120101 */
  liaison: Who;
  enterprise: Who;
}

export async function cast(t: TestApp): Promise<Cast> {
  const mk = async (role: Role, region?: string): Promise<Who> => {
    const a = await t.factory.actor(role, region);
    return { token: a.token, user: a.user, unit: a.unit };
  };
  return {
    office: await mk('office'),
    districtA: await mk('district', '120101'),
    districtB: await mk('district', '120116'),
    department: await mk('department'),
    leader: await mk('leader'),
    liaison: await mk('liaison', '120101'),
    enterprise: await mk('enterprise'),
  };
}

let seq = 1000;

export function uscc(region = '110000') {
  return makeUscc(++seq, region);
}

const A = ['华', '中', '京', '津', '冀', '信', '泰', '瑞', '恒', '博', '元', '晟', '嘉', '鼎', '宏', '卓'];
const B = ['科技', '能源', '材料', '生物', '智能', '装备', '物流', '医药', '电子', '环保', '化工', '汽车'];
/** A company name unlike the others of this file (so that double-count checks only see what a test plants). */
export function companyName(city = '北京') {
  const n = ++seq;
  return `${city}${A[n % 16]}${A[Math.floor(n / 16) % 16]}${A[Math.floor(n / 256) % 16]}${B[n % 12]}${B[Math.floor(n / 12) % 12]}有限公司${n}`;
}

export async function enterprise(
  t: TestApp,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<EnterpriseDto> {
  const res = await t.as(token, {
    method: 'POST',
    url: '/api/v1/enterprises',
    payload: { name: companyName(), uscc: uscc(), ownership: 'private', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`enterprise: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function project(
  t: TestApp,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<ProjectDto> {
  let investorId = overrides.investor_id as string | undefined;
  if (!investorId) investorId = (await enterprise(t, t.adminToken)).id;
  const res = await t.as(token, {
    method: 'POST',
    url: '/api/v1/projects',
    payload: {
      name: `测试项目${++seq}`,
      region: '120101',
      industry: '3911',
      planned_amount: '1000.00',
      ...overrides,
      investor_id: investorId,
    },
  });
  if (res.statusCode !== 201) throw new Error(`project: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A multipart/form-data body with one file in field `file`. */
export function multipart(
  filename: string,
  content: Buffer,
  contentType = 'application/octet-stream',
  field = 'file',
) {
  const boundary = `----magnet${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A minimal but real PDF. */
export function pdf(text = 'Magnet evidence'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}

export async function upload(
  t: TestApp,
  token: string,
  name = '签约合同.pdf',
  content: Buffer = pdf(),
  query = '',
): Promise<LightMyRequestResponse> {
  const mp = multipart(name, content);
  return t.as(token, { method: 'POST', url: `/api/v1/attachments${query}`, ...mp });
}

export async function evidence(t: TestApp, token: string): Promise<string> {
  const res = await upload(t, token);
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** Moves a project forward one stage at a time up to `to`, with evidence where needed. */
export async function advance(t: TestApp, token: string, id: string, to: string, date = '2026-01-10') {
  const order = ['lead', 'negotiating', 'signed', 'registered', 'construction', 'operating'];
  const current = (await t.as(token, { method: 'GET', url: `/api/v1/projects/${id}` })).json()
    .stage as string;
  for (let i = order.indexOf(current) + 1; i <= order.indexOf(to); i++) {
    const needs = i >= order.indexOf('signed');
    const res = await t.as(token, {
      method: 'POST',
      url: `/api/v1/projects/${id}/transitions`,
      payload: {
        to: order[i],
        date,
        note: `推进到 ${order[i]}`,
        ...(needs ? { evidence: [await evidence(t, token)] } : {}),
      },
    });
    if (res.statusCode !== 201) throw new Error(`advance to ${order[i]}: ${res.statusCode} ${res.body}`);
  }
}

/** An .xlsx workbook with one sheet of string rows (header first). */
export async function workbook(sheet: string, rows: Array<Array<string | number | null>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads every row of a sheet of a workbook answer as plain values. */
export async function readSheet(content: Buffer, sheet?: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const rows: ExcelJS.Row[] = [];
  ws.eachRow((r) => rows.push(r));
  return { ws, rows };
}
