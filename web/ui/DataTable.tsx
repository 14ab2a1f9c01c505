import { Card, Flex, Table, Typography, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Paging done by the server: the table shows page `page` of `total` rows. */
export interface ServerPagination {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
}

export interface DataTableProps<T extends object> extends Omit<
  TableProps<T>,
  'pagination' | 'dataSource' | 'title'
> {
  rows: T[] | undefined;
  /** Server-side paging; without it the table pages the rows it has (20 a page). */
  pagination?: ServerPagination;
  /** Buttons above the table, on the right. */
  toolbar?: ReactNode;
  /** The slot for the Excel export button (kept last in the toolbar). */
  exportSlot?: ReactNode;
  /** Overrides “共 N 条”. */
  countLabel?: ReactNode;
}

/** A table of API rows with server-side paging, a count and a toolbar with an export slot. */
export function DataTable<T extends object>({
  rows,
  pagination,
  toolbar,
  exportSlot,
  countLabel,
  scroll,
  ...rest
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const total = pagination ? pagination.total : (rows?.length ?? 0);
  const showTotal = (n: number) => t('ui.total', { total: n });

  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      <Flex justify="space-between" align="center" gap={8} style={{ padding: '10px 12px' }} wrap>
        <Typography.Text type="secondary" data-testid="table-total">
          {countLabel ?? showTotal(total)}
        </Typography.Text>
        <Flex gap={8} wrap>
          {toolbar}
          {exportSlot}
        </Flex>
      </Flex>
      <Table<T>
        size="middle"
        dataSource={rows}
        scroll={scroll ?? { x: 'max-content' }}
        pagination={
          pagination
            ? {
                current: pagination.page,
                pageSize: pagination.pageSize,
                total: pagination.total,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100],
                showTotal,
                onChange: pagination.onChange,
                style: { marginRight: 12 },
              }
            : {
                defaultPageSize: 20,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100],
                showTotal,
                hideOnSinglePage: true,
                style: { marginRight: 12 },
              }
        }
        {...rest}
      />
    </Card>
  );
}
