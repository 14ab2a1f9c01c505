import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { cast, multipart, pdf, project, upload, type Cast } from '../projects/fixtures.ts';
import { contentDisposition, sanitizeFileName, sniff, zipEntryNames } from './sniff.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6300010000050001' +
    '0d0a2db40000000049454e44ae426082',
  'hex',
);
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
const GIF = Buffer.from('47494638396101000100000000003b', 'hex');
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([26, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(14),
]);

/** A stored (uncompressed) zip with the given entries: enough for the content checks. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function ole(stream: string): Buffer {
  const b = Buffer.alloc(1536);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(b, 0);
  Buffer.from(stream, 'utf16le').copy(b, 1024);
  return b;
}

describe('content sniffing (unit)', () => {
  it('recognises every accepted type by content, not by name', async () => {
    const xlsx = Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer());
    const cases: Array<[Buffer, string, string]> = [
      [pdf(), 'a.txt', 'pdf'],
      [PNG, 'a.pdf', 'png'],
      [JPEG, 'x', 'jpg'],
      [GIF, 'x', 'gif'],
      [WEBP, 'x', 'webp'],
      [zip({ '[Content_Types].xml': '<x/>', 'word/document.xml': '<x/>' }), 'a.zip', 'docx'],
      [zip({ '[Content_Types].xml': '<x/>', 'ppt/presentation.xml': '<x/>' }), 'a', 'pptx'],
      [ole('WordDocument'), 'a', 'doc'],
      [ole('Workbook'), 'a', 'xls'],
      [Buffer.from('项目名称,金额\n某项目,100\n'), 'list.csv', 'csv'],
      [Buffer.from('会议纪要：同意推进。\r\n'), 'note.txt', 'txt'],
      [Buffer.from('\xc4\xe3\xba\xc3', 'latin1'), 'gbk.txt', 'txt'],
    ];
    for (const [buf, name, ext] of cases) expect(sniff(buf, name)?.ext, ext).toBe(ext);
    expect(sniff(Buffer.from(xlsx))?.ext).toBe('xlsx');
  });

  it('refuses executables, HTML-with-binary, plain zips, other OLE files and empty files', () => {
    expect(sniff(Buffer.from('4d5a90000300000004000000ffff0000', 'hex'))).toBeNull(); // MZ
    expect(sniff(Buffer.from('7f454c46020101000000000000000000', 'hex'))).toBeNull(); // ELF
    expect(sniff(zip({ 'evil.exe': 'MZ' }))).toBeNull();
    expect(sniff(zip({ '[Content_Types].xml': '<x/>' }))).toBeNull();
    expect(sniff(ole('PowerPoint Document'))).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
    expect(sniff(Buffer.from([0x3c, 0x68, 0x00, 0x01]))).toBeNull();
    expect(zipEntryNames(Buffer.from('PK\x03\x04garbage'))).toBeNull();
  });

  it('sanitises file names and encodes them for Content-Disposition (RFC 5987)', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\王\\合同.pdf')).toBe('合同.pdf');
    expect(sanitizeFileName('a\u0000b<>:"|?*.pdf')).toBe('ab.pdf');
    expect(sanitizeFileName('...hidden')).toBe('hidden');
    expect(sanitizeFileName('', 'pdf')).toBe('file.pdf');
    expect(sanitizeFileName(`${'长'.repeat(300)}.pdf`)).toMatch(/^长{196}\.pdf$/);
    expect(contentDisposition('签约 合同(1).pdf')).toBe(
      `attachment; filename="__ __(1).pdf"; filename*=UTF-8''%E7%AD%BE%E7%BA%A6%20%E5%90%88%E5%90%8C%281%29.pdf`,
    );
  });
});

let t: TestApp;
let c: Cast;
beforeAll(async () => {
  t = await createTestApp({ MAGNET_MAX_UPLOAD_MB: '1' });
  c = await cast(t);
});
afterAll(() => t?.close());

describe('POST /api/v1/attachments', () => {
  it('stores a file and answers 201 {id, name, size, sha256, mime}; downloads it with safe headers', async () => {
    const content = pdf('合同正文');
    const res = await upload(t, c.districtA.token, '../../签约合同（最终版）.pdf', content);
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      name: '签约合同（最终版）.pdf',
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      mime: 'application/pdf',
    });
    const dl = await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/attachments/${a.id}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(content)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(String(dl.headers['content-disposition'])).toMatch(
      /^attachment; filename="[^"]*"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(String(dl.headers['content-disposition']).split("''")[1])).toBe(
      '签约合同（最终版）.pdf',
    );
    const audit = await t.as(t.adminToken, {
      method: 'GET',
      url: `/api/v1/audit?entity=attachment&entity_id=${a.id}`,
    });
    expect(audit.json().items[0]).toMatchObject({ action: 'attachment.upload' });
  });

  it('types by content: a PNG named .pdf is stored as image/png; an .exe named .pdf is refused with 415', async () => {
    const png = await upload(t, c.districtA.token, 'scan.pdf', PNG);
    expect(png.statusCode).toBe(201);
    expect(png.json().mime).toBe('image/png');
    const exe = await upload(
      t,
      c.districtA.token,
      'contract.pdf',
      Buffer.from('4d5a9000030000000400', 'hex'),
    );
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('UNSUPPORTED_MEDIA');
    expect(exe.json().error.message).toMatch(/PDF/);
    const html = await upload(t, c.districtA.token, 'x.html', Buffer.from('<html>\u0001</html>'));
    expect(html.statusCode).toBe(415);
  });

  it('refuses an empty file (400), a missing field (400), and a file over MAGNET_MAX_UPLOAD_MB (413)', async () => {
    expect((await upload(t, c.districtA.token, 'empty.pdf', Buffer.alloc(0))).statusCode).toBe(400);
    const wrongField = multipart('a.pdf', pdf(), 'application/pdf', 'document');
    const wf = await t.as(c.districtA.token, { method: 'POST', url: '/api/v1/attachments', ...wrongField });
    expect(wf.statusCode).toBe(400);
    const json = await t.as(c.districtA.token, {
      method: 'POST',
      url: '/api/v1/attachments',
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(400);
    const big = Buffer.concat([pdf(), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const tooBig = await upload(t, c.districtA.token, 'big.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const count = await t.deps.db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', 'in', ['big.pdf', 'empty.pdf'])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('attaches to a writable project with ?project_id=, 404 outside scope', async () => {
    const p = await project(t, c.districtA.token);
    const ok = await upload(t, c.districtA.token, 'plan.pdf', pdf(), `?project_id=${p.id}`);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ entity: 'project', entity_id: p.id });
    const other = await upload(t, c.districtB.token, 'plan.pdf', pdf(), `?project_id=${p.id}`);
    expect(other.statusCode).toBe(404);
    const listed = await t.as(c.office.token, { method: 'GET', url: `/api/v1/projects/${p.id}/attachments` });
    expect(listed.json().items.map((f: { id: string }) => f.id)).toEqual([ok.json().id]);
  });

  it('downloads are scope-checked: another district gets 404; the uploader’s region users and city-wide users may read', async () => {
    const a = (await upload(t, c.districtA.token)).json();
    expect(
      (await t.as(c.districtB.token, { method: 'GET', url: `/api/v1/attachments/${a.id}` })).statusCode,
    ).toBe(404);
    expect(
      (await t.as(c.districtB.token, { method: 'GET', url: `/api/v1/attachments/${a.id}/meta` })).statusCode,
    ).toBe(404);
    expect(
      (await t.as(c.liaison.token, { method: 'GET', url: `/api/v1/attachments/${a.id}` })).statusCode,
    ).toBe(200);
    expect(
      (await t.as(c.office.token, { method: 'GET', url: `/api/v1/attachments/${a.id}` })).statusCode,
    ).toBe(200);
    expect(
      (await t.as(c.leader.token, { method: 'GET', url: `/api/v1/attachments/${a.id}` })).statusCode,
    ).toBe(404);
    const officeFile = (await upload(t, c.office.token)).json();
    expect(
      (await t.as(c.districtA.token, { method: 'GET', url: `/api/v1/attachments/${officeFile.id}` }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.as(c.enterprise.token, {
          method: 'POST',
          url: '/api/v1/attachments',
          ...multipart('a.pdf', pdf()),
        })
      ).statusCode,
    ).toBe(403);
  });
});
