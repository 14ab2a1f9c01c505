import { describe, expect, it } from 'vitest';
import type { EntryGrid, GridRow } from '../types.ts';
import { applyChanges, summarizeDraft, type GridEdits } from './useGridDraft.ts';

function row(id: string, domestic: string | null, over: Partial<GridRow> = {}): GridRow {
  return {
    project_id: id,
    code: `P-${id}`,
    name: `项目${id}`,
    investor_name: '投资方',
    stage: 'signed',
    capital_kind: 'domestic',
    planned_amount: '100.00',
    domestic_id: domestic === null ? null : `e-${id}`,
    domestic,
    domestic_status: domestic === null ? null : 'valid',
    domestic_version: domestic === null ? null : 1,
    foreign_id: null,
    foreign: null,
    foreign_status: null,
    foreign_version: null,
    domestic_ytd: domestic ?? '0.00',
    foreign_ytd: '0.00',
    ...over,
  };
}

/** A page of a grid whose region totals 1000.10 (domestic) this month and 5000.00 year to date. */
function page(n: number, rows: GridRow[]): EntryGrid {
  return {
    region: '120101',
    month: '2026-02',
    report_status: 'draft',
    locked: false,
    rows,
    totals: { domestic: '1000.10', foreign: '3.00' },
    ytd_totals: { domestic: '5000.00', foreign: '9.00' },
    total: 4,
    page: n,
    page_size: 2,
  };
}

const map = (g: EntryGrid) => new Map(g.rows.map((r) => [r.project_id, r]));
const edit = (edits: GridEdits, g: EntryGrid, rowKey: string, column: string, value: string) =>
  applyChanges(edits, [{ rowKey, column, value }], map(g));

describe('the entry grid draft over server pages', () => {
  const page1 = page(1, [row('a', '100.10'), row('b', null)]);
  const page2 = page(2, [row('c', '0.10'), row('d', null, { domestic_status: null })]);

  it('keeps the edits of page 1 on page 2 and sends them all', () => {
    let edits = edit({}, page1, 'a', 'domestic', '150');
    edits = edit(edits, page2, 'd', 'domestic', '2.5');
    const s = summarizeDraft(page2, edits);
    expect(s.dirty).toBe(2);
    expect(s.payload).toEqual([
      { project_id: 'a', domestic: '150' },
      { project_id: 'd', domestic: '2.5' },
    ]);
    // the region's totals move by what the edits change: +49.90 and +2.50
    expect(s.totals).toMatchObject({ domestic: '1052.50', domestic_ytd: '5052.40', foreign: '3.00' });
  });

  it('keeps both cells of a row pasted in one block', () => {
    const edits = applyChanges(
      {},
      [
        { rowKey: 'b', column: 'domestic', value: '300' },
        { rowKey: 'b', column: 'foreign', value: '1.25' },
      ],
      map(page1),
    );
    expect(summarizeDraft(page1, edits).payload).toEqual([
      { project_id: 'b', domestic: '300', foreign: '1.25' },
    ]);
  });

  it('does not count an edit back to the saved figure, and counts an invalid one as nothing', () => {
    let edits = edit({}, page1, 'a', 'domestic', '100.1');
    expect(summarizeDraft(page1, edits)).toMatchObject({ dirty: 0, payload: [] });
    edits = edit(edits, page1, 'a', 'domestic', '1.005');
    const s = summarizeDraft(page2, edits);
    expect(s).toMatchObject({ dirty: 1, invalid: 1 });
    expect(s.totals.domestic).toBe('900.00');
    // clearing a saved figure removes the entry
    const cleared = summarizeDraft(page2, edit({}, page2, 'c', 'domestic', ''));
    expect(cleared.payload).toEqual([{ project_id: 'c', domestic: null }]);
    expect(cleared.totals.domestic).toBe('1000.00');
  });
});
