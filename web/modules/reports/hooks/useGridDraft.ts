import { useCallback, useMemo, useState } from 'react';
import { compareDec, dec, money, NON_NEGATIVE_MONEY_PATTERN } from '../../../../shared/money.ts';
import type { CellChange } from '../../../ui/EditableGrid.tsx';
import type { EntryGrid, GridRow, GridSaveRow } from '../types.ts';

export type AmountKind = 'domestic' | 'foreign';
export const AMOUNT_KINDS: readonly AmountKind[] = ['domestic', 'foreign'];

/**
 * The edits of one project's row: the text typed per amount, and the row as the server showed it when the
 * first edit was made (the edit outlives the page it was made on).
 */
export interface RowEdit {
  row: GridRow;
  text: Partial<Record<AmountKind, string>>;
}
/** The unsaved edits by project id, over every page of the grid. */
export type GridEdits = Record<string, RowEdit>;

/** An amount as typed: empty (no entry) or a non-negative decimal with at most two decimals. */
export function isAmountText(text: string): boolean {
  const s = text.trim();
  return s === '' || NON_NEGATIVE_MONEY_PATTERN.test(s);
}

/** A value pasted from Excel: thousands separators, blanks and dashes for "nothing" removed. */
export function cleanPastedAmount(text: string): string {
  const s = text.replace(/[\s,，\u00a0]/g, '').replace(/^[¥￥$]/, '');
  return /^[-—–]+$/.test(s) ? '' : s;
}

function isAmountKind(k: string): k is AmountKind {
  return k === 'domestic' || k === 'foreign';
}

const saved = (row: GridRow, kind: AmountKind) => row[kind] ?? '';
const validOr0 = (text: string) => (isAmountText(text) ? text.trim() : '0');
/** What a row's saved figure counts in the year to date as the server sums it (valid entries only). */
const counted = (r: GridRow, k: AmountKind) => (r[`${k}_status`] === 'valid' ? saved(r, k) : '');

/** The server's row of an edited project: from the page on screen when it is there, else as it was edited. */
function baseRow(page: ReadonlyMap<string, GridRow>, edits: GridEdits, id: string): GridRow | undefined {
  return page.get(id) ?? edits[id]?.row;
}

const byProject = (rows: readonly GridRow[]) => new Map(rows.map((r) => [r.project_id, r]));

/** Whether the typed text differs from the saved figure (as amounts: `5` and `5.00` are the same). */
function differs(text: string, row: GridRow, kind: AmountKind): boolean {
  const before = saved(row, kind);
  const now = text.trim();
  if (now === '' || before === '') return now !== before;
  if (!isAmountText(now)) return true;
  return compareDec(now, before) !== 0;
}

/** The edits after the cells the grid reports changed (typing, clearing, a pasted block). */
export function applyChanges(
  edits: GridEdits,
  changes: CellChange[],
  page: ReadonlyMap<string, GridRow>,
): GridEdits {
  const next: GridEdits = { ...edits };
  for (const c of changes) {
    if (!isAmountKind(c.column)) continue;
    const row = next[c.rowKey]?.row ?? page.get(c.rowKey);
    if (!row) continue;
    next[c.rowKey] = { row, text: { ...next[c.rowKey]?.text, [c.column]: c.value } };
  }
  return next;
}

/**
 * What the edits of every page amount to: changed and invalid cells, the rows to `PUT`, and the totals —
 * the server's totals over every row of the region, moved by what each typed figure changes (an invalid
 * one counts as nothing), summed as decimals.
 */
export function summarizeDraft(grid: EntryGrid | undefined, edits: GridEdits) {
  let dirty = 0;
  let invalid = 0;
  const payload: GridSaveRow[] = [];
  const month = { domestic: dec(grid?.totals.domestic), foreign: dec(grid?.totals.foreign) };
  const ytd = { domestic: dec(grid?.ytd_totals.domestic), foreign: dec(grid?.ytd_totals.foreign) };
  const page = byProject(grid?.rows ?? []);
  for (const [id, edit] of Object.entries(edits)) {
    const r = baseRow(page, edits, id);
    if (!r) continue;
    const out: GridSaveRow = { project_id: id };
    for (const k of AMOUNT_KINDS) {
      const text = edit.text[k];
      if (text === undefined) continue;
      if (!isAmountText(text)) invalid++;
      month[k] = month[k].minus(dec(saved(r, k))).plus(dec(validOr0(text)));
      ytd[k] = ytd[k].minus(dec(counted(r, k))).plus(dec(validOr0(text)));
      if (!differs(text, r, k)) continue;
      dirty++;
      out[k] = text.trim() === '' ? null : text.trim();
    }
    if (Object.keys(out).length > 1) payload.push(out);
  }
  return {
    dirty,
    invalid,
    payload,
    totals: {
      domestic: money(month.domestic),
      foreign: money(month.foreign),
      domestic_ytd: money(ytd.domestic),
      foreign_ytd: money(ytd.foreign),
    },
  };
}

/**
 * The unsaved edits of the entry grid over the server's figures. The grid comes a page at a time; edits
 * are kept by project across pages (and searches and filters) until they are saved or discarded, so 保存
 * sends every edited row of every page. What each cell shows, which cells changed, live totals and the
 * rows to `PUT`.
 */
export function useGridDraft(grid: EntryGrid | undefined) {
  const [edits, setEdits] = useState<GridEdits>({});
  const rows = useMemo(() => grid?.rows ?? [], [grid]);
  const page = useMemo(() => byProject(rows), [rows]);

  const getValue = useCallback(
    (id: string, kind: string): string => {
      if (!isAmountKind(kind)) return '';
      const edited = edits[id]?.text[kind];
      if (edited !== undefined) return edited;
      const row = baseRow(page, edits, id);
      return row ? saved(row, kind) : '';
    },
    [page, edits],
  );

  const isDirty = useCallback(
    (id: string, kind: string): boolean => {
      if (!isAmountKind(kind)) return false;
      const edited = edits[id]?.text[kind];
      const row = baseRow(page, edits, id);
      return edited !== undefined && row !== undefined && differs(edited, row, kind);
    },
    [page, edits],
  );

  const handleChange = useCallback(
    (changes: CellChange[]) => setEdits((prev) => applyChanges(prev, changes, page)),
    [page],
  );

  const reset = useCallback(() => setEdits({}), []);

  const summary = useMemo(() => summarizeDraft(grid, edits), [grid, edits]);

  // year to date as the server counts it, with this month's saved figure replaced by the typed one
  const rowYtd = useCallback(
    (r: GridRow, k: AmountKind) =>
      money(
        dec(r[`${k}_ytd`])
          .minus(dec(counted(r, k)))
          .plus(dec(validOr0(edits[r.project_id]?.text[k] ?? saved(r, k)))),
      ),
    [edits],
  );

  return { rows, getValue, isDirty, handleChange, reset, rowYtd, ...summary };
}
