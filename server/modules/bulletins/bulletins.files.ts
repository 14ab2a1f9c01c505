import type { Bulletin } from '../../../shared/bulletin.ts';

export type BulletinFormat = 'xlsx' | 'pdf' | 'docx';

const MIME: Record<BulletinFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The bulletin as a downloadable notice: 关于YYYY年1—M月各区利用内资情况的通报.<ext> */
export async function renderBulletinFile(b: Bulletin, format: BulletinFormat) {
  // the document libraries (pdfkit, docx, exceljs, the CJK font) load on the first download, not at start
  const docs = await import('../../documents/bulletin.ts');
  const body =
    format === 'xlsx'
      ? await docs.renderBulletinXlsx(b)
      : format === 'pdf'
        ? await docs.renderBulletinPdf(b)
        : await docs.renderBulletinDocx(b);
  const [y, m] = b.month.split('-').map(Number);
  const period = m === 1 ? `${y}年1月` : `${y}年1—${m}月`;
  const version = b.version ? `（第${b.version}版）` : '（未发布）';
  return {
    body,
    mime: MIME[format],
    name: `${b.parent.name}${period}利用内外资情况通报${version}.${format}`,
  };
}
