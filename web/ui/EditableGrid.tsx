import { theme, Typography } from 'antd';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

export interface GridColumn<R> {
  key: string;
  title: ReactNode;
  /** Accessible name of the column when `title` is not plain text. */
  label?: string;
  width?: number;
  align?: 'left' | 'right' | 'center';
  /** An editable cell holds text the user types; its text comes from `getValue`. */
  editable?: boolean;
  /** A read-only cell: what it shows. */
  render?: (row: R, rowIndex: number) => ReactNode;
  /** An editable cell at rest: how its text shows (e.g. with thousands separators). */
  format?: (text: string) => ReactNode;
  /** The cell of the totals row. */
  total?: ReactNode;
}

export interface CellChange {
  rowKey: string;
  column: string;
  value: string;
}

export interface EditableGridProps<R> {
  rows: readonly R[];
  rowKey: (row: R) => string;
  columns: readonly GridColumn<R>[];
  /** The text of an editable cell. */
  getValue: (rowKey: string, column: string) => string;
  /** Called as the user types (every keystroke), clears, or pastes a block (one call per block). */
  onChange: (changes: CellChange[]) => void;
  /** A problem with a cell's text: the cell turns red and the message becomes its tooltip. */
  validate?: (text: string, column: string) => string | null;
  /** Marks a cell changed since the last save. */
  isDirty?: (rowKey: string, column: string) => boolean;
  /** A message for a whole row (e.g. the server refused it), shown under the row. */
  rowErrors?: Readonly<Record<string, string>>;
  readOnly?: boolean;
  /** Cleans one pasted value (default: trims it). */
  normalizePaste?: (text: string) => string;
  /** Called when a pasted block reached past the grid's last row or column. */
  onPasteOverflow?: (droppedCells: number) => void;
  /** Label of the totals row's first cell; no totals row without it. */
  totalLabel?: ReactNode;
  ariaLabel: string;
  maxHeight?: number | string;
  emptyText?: ReactNode;
  'data-testid'?: string;
}

interface Pos {
  r: number;
  c: number;
}

interface Editing extends Pos {
  /** `enter`: started by typing (arrows move to the next cell); `edit`: F2 or double click (arrows move the caret). */
  mode: 'enter' | 'edit';
  original: string;
}

/** Splits a block copied from Excel (tabs between cells, newlines between rows). */
export function parseClipboardBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t').map((cell) => cell.replace(/^"(.*)"$/s, '$1')));
}

const HEADER_HEIGHT = 40;
const FOOTER_HEIGHT = 40;

/**
 * A spreadsheet-like grid for fast entry: arrow keys, Enter, Tab and Home/End move between the editable
 * cells; typing replaces a cell, F2 or a double click edits it, Delete clears it, Escape undoes the edit;
 * a block copied from Excel pastes from the active cell on. Read-only columns show whatever `render` gives.
 */
export function EditableGrid<R>({
  rows,
  rowKey,
  columns,
  getValue,
  onChange,
  validate,
  isDirty,
  rowErrors,
  readOnly = false,
  normalizePaste,
  onPasteOverflow,
  totalLabel,
  ariaLabel,
  maxHeight = 480,
  emptyText,
  'data-testid': testId,
}: EditableGridProps<R>) {
  const { token } = theme.useToken();
  const editCols = columns.map((c, i) => (c.editable ? i : -1)).filter((i) => i >= 0);
  const [active, setActive] = useState<Pos>({ r: 0, c: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const wantFocus = useRef(false);

  const rowCount = rows.length;
  const colCount = editCols.length;
  const keyOf = (p: Pos) => `${p.r}:${p.c}`;
  const columnAt = (c: number) => columns[editCols[c]];
  const cellRowKey = (r: number) => rowKey(rows[r]);

  // keep the active cell inside the grid when rows come and go
  const safe: Pos = {
    r: Math.min(active.r, Math.max(rowCount - 1, 0)),
    c: Math.min(active.c, Math.max(colCount - 1, 0)),
  };

  useEffect(() => {
    if (!wantFocus.current || editing) return;
    wantFocus.current = false;
    cells.current.get(`${safe.r}:${safe.c}`)?.focus();
  });

  const moveTo = useCallback((p: Pos) => {
    wantFocus.current = true;
    setActive(p);
  }, []);

  const step = (from: Pos, dr: number, dc: number, wrap: boolean): Pos | null => {
    let r = from.r + dr;
    let c = from.c + dc;
    if (wrap) {
      if (c >= colCount) {
        c = 0;
        r += 1;
      } else if (c < 0) {
        c = colCount - 1;
        r -= 1;
      }
    }
    if (r < 0 || r >= rowCount || c < 0 || c >= colCount) return wrap ? null : from;
    return { r, c };
  };

  const setCell = (p: Pos, value: string) =>
    onChange([{ rowKey: cellRowKey(p.r), column: columnAt(p.c).key, value }]);

  const startEdit = (p: Pos, mode: Editing['mode'], initial?: string) => {
    if (readOnly) return;
    const original = getValue(cellRowKey(p.r), columnAt(p.c).key);
    setActive(p);
    setEditing({ ...p, mode, original });
    if (initial !== undefined) setCell(p, initial);
  };

  const finishEdit = (next: Pos | null) => {
    setEditing(null);
    wantFocus.current = true;
    if (next) setActive(next);
  };

  const handleCellKeyDown = (e: KeyboardEvent<HTMLTableCellElement>) => {
    if (editing) return;
    const p = safe;
    const go = (dr: number, dc: number, wrap = false) => {
      const next = step(p, dr, dc, wrap);
      if (next) {
        e.preventDefault();
        moveTo(next);
      }
    };
    switch (e.key) {
      case 'ArrowUp':
        return go(-1, 0);
      case 'ArrowDown':
        return go(1, 0);
      case 'ArrowLeft':
        return go(0, -1);
      case 'ArrowRight':
        return go(0, 1);
      case 'Tab':
        return go(0, e.shiftKey ? -1 : 1, true);
      case 'Enter':
        return go(e.shiftKey ? -1 : 1, 0);
      case 'Home':
        e.preventDefault();
        return moveTo({ r: e.ctrlKey ? 0 : p.r, c: 0 });
      case 'End':
        e.preventDefault();
        return moveTo({ r: e.ctrlKey ? rowCount - 1 : p.r, c: colCount - 1 });
      case 'F2':
        e.preventDefault();
        return startEdit(p, 'edit');
      case 'Delete':
      case 'Backspace':
        if (readOnly) return;
        e.preventDefault();
        return setCell(p, '');
      default:
        if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && !readOnly) {
          e.preventDefault();
          startEdit(p, 'enter', e.key);
        }
    }
  };

  const handleInputKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!editing) return;
    const p: Pos = { r: editing.r, c: editing.c };
    const leave = (dr: number, dc: number, wrap = false) => {
      e.preventDefault();
      finishEdit(step(p, dr, dc, wrap) ?? p);
    };
    switch (e.key) {
      case 'Enter':
        return leave(e.shiftKey ? -1 : 1, 0);
      case 'Tab':
        return leave(0, e.shiftKey ? -1 : 1, true);
      case 'ArrowUp':
        return leave(-1, 0);
      case 'ArrowDown':
        return leave(1, 0);
      case 'ArrowLeft':
        if (editing.mode === 'enter') leave(0, -1);
        return;
      case 'ArrowRight':
        if (editing.mode === 'enter') leave(0, 1);
        return;
      case 'Escape':
        e.preventDefault();
        setCell(p, editing.original);
        return finishEdit(null);
    }
  };

  const handlePaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (readOnly || !rowCount || !colCount) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    // a single value typed into an open cell pastes as usual
    if (editing && !/[\t\n\r]/.test(text.replace(/[\r\n]+$/, ''))) return;
    e.preventDefault();
    const block = parseClipboardBlock(text);
    const start = editing ? { r: editing.r, c: editing.c } : safe;
    const clean = normalizePaste ?? ((s: string) => s.trim());
    const changes: CellChange[] = [];
    let dropped = 0;
    block.forEach((line, i) =>
      line.forEach((cell, j) => {
        const r = start.r + i;
        const c = start.c + j;
        if (r >= rowCount || c >= colCount) {
          dropped++;
          return;
        }
        changes.push({ rowKey: cellRowKey(r), column: columnAt(c).key, value: clean(cell) });
      }),
    );
    if (editing) finishEdit(null);
    if (changes.length) onChange(changes);
    if (dropped) onPasteOverflow?.(dropped);
  };

  const handleCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    if (editing || !rowCount || !colCount) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', getValue(cellRowKey(safe.r), columnAt(safe.c).key));
  };

  const cellStyle = (col: GridColumn<R>): CSSProperties => ({
    padding: '6px 8px',
    borderBottom: `1px solid ${token.colorBorderSecondary}`,
    borderRight: `1px solid ${token.colorBorderSecondary}`,
    textAlign: col.align ?? (col.editable ? 'right' : 'left'),
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
  });

  const editableCell = (row: R, r: number, col: GridColumn<R>, c: number) => {
    const key = rowKey(row);
    const text = getValue(key, col.key);
    const problem = validate?.(text, col.key) ?? null;
    const isActive = safe.r === r && safe.c === c;
    const isEditing = !!editing && editing.r === r && editing.c === c;
    const dirty = isDirty?.(key, col.key) ?? false;
    const background = problem ? token.colorErrorBg : dirty ? token.colorWarningBg : undefined;
    const outline = isActive ? `2px solid ${problem ? token.colorError : token.colorPrimary}` : undefined;
    return (
      <td
        key={col.key}
        role="gridcell"
        data-col={col.key}
        tabIndex={isActive && !isEditing ? 0 : -1}
        aria-selected={isActive}
        aria-invalid={problem ? true : undefined}
        aria-readonly={readOnly || undefined}
        aria-label={`${col.label ?? (typeof col.title === 'string' ? col.title : col.key)} ${text}`}
        title={problem ?? undefined}
        ref={(el) => {
          if (el) cells.current.set(keyOf({ r, c }), el);
          else cells.current.delete(keyOf({ r, c }));
        }}
        onKeyDown={handleCellKeyDown}
        onMouseDown={() => {
          if (!isEditing) moveTo({ r, c });
        }}
        onDoubleClick={() => startEdit({ r, c }, 'edit')}
        style={{
          ...cellStyle(col),
          background,
          outline,
          outlineOffset: -2,
          cursor: readOnly ? 'default' : 'cell',
          scrollMarginTop: HEADER_HEIGHT,
          scrollMarginBottom: totalLabel ? FOOTER_HEIGHT : 0,
          color: problem ? token.colorError : undefined,
          padding: isEditing ? 0 : '6px 8px',
        }}
      >
        {isEditing ? (
          <input
            ref={(el) => {
              if (el && document.activeElement !== el) {
                el.focus();
                el.setSelectionRange(el.value.length, el.value.length);
              }
            }}
            value={text}
            inputMode="decimal"
            aria-label={col.label ?? (typeof col.title === 'string' ? col.title : col.key)}
            onChange={(e) => setCell({ r, c }, e.target.value)}
            onKeyDown={handleInputKeyDown}
            onBlur={() => setEditing(null)}
            style={{
              width: '100%',
              height: 34,
              border: 'none',
              outline: 'none',
              padding: '0 8px',
              textAlign: 'right',
              font: 'inherit',
              background: token.colorBgContainer,
            }}
          />
        ) : col.format && text ? (
          col.format(text)
        ) : (
          text
        )}
      </td>
    );
  };

  const headerStyle = (col: GridColumn<R>): CSSProperties => ({
    ...cellStyle(col),
    position: 'sticky',
    top: 0,
    zIndex: 2,
    height: HEADER_HEIGHT,
    // opaque, so that rows scrolling under the sticky header do not show through
    background: `linear-gradient(${token.colorFillAlter}, ${token.colorFillAlter}), ${token.colorBgContainer}`,
    fontWeight: 600,
    whiteSpace: 'normal',
    textAlign: col.align ?? (col.editable ? 'right' : 'left'),
  });

  const footerStyle = (col: GridColumn<R>): CSSProperties => ({
    ...cellStyle(col),
    position: 'sticky',
    bottom: 0,
    zIndex: 2,
    height: FOOTER_HEIGHT,
    background: `linear-gradient(${token.colorFillAlter}, ${token.colorFillAlter}), ${token.colorBgContainer}`,
    fontWeight: 600,
    borderTop: `1px solid ${token.colorBorder}`,
  });

  return (
    <div
      onPaste={handlePaste}
      onCopy={handleCopy}
      data-testid={testId}
      style={{
        maxHeight,
        overflow: 'auto',
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        background: token.colorBgContainer,
      }}
    >
      <table
        role="grid"
        aria-label={ariaLabel}
        aria-rowcount={rowCount + 1}
        aria-readonly={readOnly || undefined}
        style={{ width: '100%', borderCollapse: 'separate', borderSpacing: 0, tableLayout: 'fixed' }}
      >
        <colgroup>
          {columns.map((col) => (
            <col key={col.key} style={{ width: col.width }} />
          ))}
        </colgroup>
        <thead>
          <tr role="row">
            {columns.map((col) => (
              <th key={col.key} role="columnheader" scope="col" style={headerStyle(col)}>
                {col.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rowCount === 0 ? (
            <tr role="row">
              <td role="gridcell" colSpan={columns.length} style={{ padding: 24, textAlign: 'center' }}>
                <Typography.Text type="secondary">{emptyText}</Typography.Text>
              </td>
            </tr>
          ) : null}
          {rows.map((row, r) => {
            const key = rowKey(row);
            const error = rowErrors?.[key];
            let c = -1;
            return [
              <tr
                role="row"
                key={key}
                data-row={key}
                aria-invalid={error ? true : undefined}
                style={error ? { boxShadow: `inset 3px 0 0 ${token.colorError}` } : undefined}
              >
                {columns.map((col) => {
                  if (col.editable) {
                    c++;
                    return editableCell(row, r, col, c);
                  }
                  return (
                    <td key={col.key} role="gridcell" style={cellStyle(col)}>
                      {col.render?.(row, r)}
                    </td>
                  );
                })}
              </tr>,
              error ? (
                <tr role="row" key={`${key}:error`}>
                  <td
                    role="gridcell"
                    colSpan={columns.length}
                    style={{
                      padding: '4px 8px 6px 12px',
                      borderBottom: `1px solid ${token.colorBorderSecondary}`,
                      color: token.colorError,
                      background: token.colorErrorBg,
                      whiteSpace: 'normal',
                    }}
                  >
                    {error}
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
        {totalLabel && rowCount ? (
          <tfoot>
            <tr role="row">
              {columns.map((col, i) => (
                <td key={col.key} role="gridcell" style={footerStyle(col)}>
                  {i === 0 ? totalLabel : col.total}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
