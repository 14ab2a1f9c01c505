import { useCallback, useMemo, useState } from 'react';
import { compareDec, dec, money, NON_NEGATIVE_MONEY_PATTERN, sumMoney } from '../../../../shared/money.ts';
import type { CellChange } from '../../../ui/EditableGrid.tsx';
import type { EntryGrid, GridRow, GridSaveRow } from '../types.ts';

export type AmountKind = 'domestic' | 'foreign';
export const AMOUNT_KINDS: readonly AmountKind[] = ['domestic', 'foreign'];

type Edits = Record<string, Partial<Record<AmountKind, string>>>;

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

/**
 * The unsaved edits of the entry grid over the server's figures: what each cell shows, which cells
 * changed, live totals (month and year to date, summed as decimals) and the rows to `PUT`.
 */
export function useGridDraft(grid: EntryGrid | undefined) {
  const [edits, setEdits] = useState<Edits>({});
  const rows = useMemo(() => grid?.rows ?? [], [grid]);
  const byId = useMemo(() => new Map(rows.map((r) => [r.project_id, r])), [rows]);

  const getValue = useCallback(
    (id: string, kind: string): string => {
      if (!isAmountKind(kind)) return '';
      const edited = edits[id]?.[kind];
      if (edited !== undefined) return edited;
      const row = byId.get(id);
      return row ? saved(row, kind) : '';
    },
    [edits, byId],
  );

  const isDirty = useCallback(
    (id: string, kind: string): boolean => {
      if (!isAmountKind(kind)) return false;
      const edited = edits[id]?.[kind];
      const row = byId.get(id);
      if (edited === undefined || !row) return false;
      const before = saved(row, kind);
      const now = edited.trim();
      if (now === '' || before === '') return now !== before;
      if (!isAmountText(now)) return true;
      return compareDec(now, before) !== 0;
    },
    [edits, byId],
  );

  const handleChange = useCallback((changes: CellChange[]) => {
    setEdits((prev) => {
      const next: Edits = { ...prev };
      for (const c of changes) {
        if (!isAmountKind(c.column)) continue;
        next[c.rowKey] = { ...next[c.rowKey], [c.column]: c.value };
      }
      return next;
    });
  }, []);

  const reset = useCallback(() => setEdits({}), []);

  const summary = useMemo(() => {
    let dirty = 0;
    let invalid = 0;
    const payload: GridSaveRow[] = [];
    const value = (r: GridRow, k: AmountKind) => edits[r.project_id]?.[k] ?? saved(r, k);
    for (const r of rows) {
      const out: GridSaveRow = { project_id: r.project_id };
      for (const k of AMOUNT_KINDS) {
        if (!isAmountText(value(r, k))) invalid++;
        if (!isDirty(r.project_id, k)) continue;
        dirty++;
        const text = value(r, k).trim();
        out[k] = text === '' ? null : text;
      }
      if (Object.keys(out).length > 1) payload.push(out);
    }
    const validOr0 = (text: string) => (isAmountText(text) ? text.trim() : '0');
    const month = (k: AmountKind) => sumMoney(rows.map((r) => validOr0(value(r, k))));
    // year to date as the server counts it, with this month's saved figure replaced by the typed one
    const rowYtd = (r: GridRow, k: AmountKind) => {
      const counted = r[`${k}_status`] === 'valid' ? saved(r, k) : '';
      return money(
        dec(r[`${k}_ytd`])
          .minus(dec(counted))
          .plus(dec(validOr0(value(r, k)))),
      );
    };
    const ytd = (k: AmountKind) => sumMoney(rows.map((r) => rowYtd(r, k)));
    return {
      dirty,
      invalid,
      payload,
      rowYtd,
      totals: {
        domestic: month('domestic'),
        foreign: month('foreign'),
        domestic_ytd: ytd('domestic'),
        foreign_ytd: ytd('foreign'),
      },
    };
  }, [rows, edits, isDirty]);

  return { rows, getValue, isDirty, handleChange, reset, ...summary };
}
