import { useVirtualizer } from '@tanstack/react-virtual';
import { Empty, theme } from 'antd';
import { useRef, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface VirtualColumn<T> {
  key: string;
  title: ReactNode;
  /** Fixed width in px; columns without one share the rest. */
  width?: number;
  align?: 'left' | 'right' | 'center';
  render: (row: T, index: number) => ReactNode;
}

export interface VirtualTableProps<T> {
  rows: readonly T[];
  columns: readonly VirtualColumn<T>[];
  rowKey: (row: T, index: number) => string;
  /** Height of the scrolling body in px. */
  height?: number;
  rowHeight?: number;
  'aria-label'?: string;
  'data-testid'?: string;
}

/**
 * A read-only table that renders only the rows in view (@tanstack/react-virtual), for lists of thousands of
 * rows (import errors, long exports). Rows have one fixed height; long text is cut with an ellipsis and
 * shown whole in the title.
 */
export function VirtualTable<T>({
  rows,
  columns,
  rowKey,
  height = 360,
  rowHeight = 36,
  'aria-label': ariaLabel,
  'data-testid': testId,
}: VirtualTableProps<T>) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const template = columns.map((c) => (c.width ? `${c.width}px` : 'minmax(120px, 1fr)')).join(' ');
  const cell = (align: VirtualColumn<T>['align']): CSSProperties => ({
    padding: '0 10px',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    textAlign: align ?? 'left',
    lineHeight: `${rowHeight}px`,
  });
  const border = `1px solid ${token.colorBorderSecondary}`;

  return (
    <div
      role="table"
      aria-label={ariaLabel}
      aria-rowcount={rows.length + 1}
      data-testid={testId}
      style={{ border, borderRadius: token.borderRadius, overflow: 'hidden' }}
    >
      <div
        role="row"
        aria-rowindex={1}
        style={{
          display: 'grid',
          gridTemplateColumns: template,
          background: token.colorFillAlter,
          borderBottom: border,
          fontWeight: 600,
        }}
      >
        {columns.map((c) => (
          <div key={c.key} role="columnheader" style={cell(c.align)}>
            {c.title}
          </div>
        ))}
      </div>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('uikit.table.empty')} />
      ) : (
        <div ref={scrollRef} style={{ height: Math.min(height, rows.length * rowHeight), overflow: 'auto' }}>
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const row = rows[v.index];
              return (
                <div
                  key={rowKey(row, v.index)}
                  role="row"
                  aria-rowindex={v.index + 2}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: rowHeight,
                    transform: `translateY(${v.start}px)`,
                    display: 'grid',
                    gridTemplateColumns: template,
                    borderBottom: border,
                  }}
                >
                  {columns.map((c) => {
                    const content = c.render(row, v.index);
                    return (
                      <div
                        key={c.key}
                        role="cell"
                        style={cell(c.align)}
                        title={
                          typeof content === 'string' || typeof content === 'number'
                            ? String(content)
                            : undefined
                        }
                      >
                        {content}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
