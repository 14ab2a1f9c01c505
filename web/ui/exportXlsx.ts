import { saveBlob } from './download.ts';

export type XlsxCell = string | number | boolean | null;

export interface XlsxColumn {
  header: string;
  width?: number;
  /** Excel number format, e.g. `#,##0.00` for money or `0.00%` for ratios. */
  numFmt?: string;
}

export interface XlsxSheet {
  name: string;
  /** A title line above the header (merged over the columns). */
  title?: string;
  columns: XlsxColumn[];
  rows: XlsxCell[][];
}

/**
 * Builds an .xlsx in the browser and downloads it. ExcelJS is imported only here, on demand, so that it
 * never weighs on the first page load.
 */
export async function exportXlsx(filename: string, sheets: XlsxSheet[]): Promise<void> {
  const mod = await import('exceljs');
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Magnet';
  wb.created = new Date();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    let headerRow = 1;
    if (s.title) {
      ws.addRow([s.title]);
      ws.mergeCells(1, 1, 1, Math.max(s.columns.length, 1));
      ws.getRow(1).font = { bold: true, size: 14 };
      ws.getRow(1).alignment = { horizontal: 'center' };
      headerRow = 2;
    }
    ws.addRow(s.columns.map((c) => c.header));
    const header = ws.getRow(headerRow);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F2F5' } };
    });
    s.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width ?? 14;
      if (c.numFmt) col.numFmt = c.numFmt;
    });
    for (const r of s.rows) ws.addRow(r);
    ws.views = [{ state: 'frozen', ySplit: headerRow }];
  }
  const buffer = await wb.xlsx.writeBuffer();
  saveBlob(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    filename.endsWith('.xlsx') ? filename : `${filename}.xlsx`,
  );
}
