import { SaveOutlined, SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Pagination, Segmented, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EditableGrid, type GridColumn } from '../../../ui/EditableGrid.tsx';
import { formatMoney, Money } from '../../../ui/Money.tsx';
import { isAmountText, cleanPastedAmount, type useGridDraft } from '../hooks/useGridDraft.ts';
import type { GridFilled, GridRow } from '../types.ts';

/** The page sizes a clerk can choose (the server's default is 100). */
export const GRID_PAGE_SIZES = [50, 100, 200, 500];

type FilledChoice = GridFilled | 'all';

export interface EntryGridCardProps {
  draft: ReturnType<typeof useGridDraft>;
  loading: boolean;
  readOnly: boolean;
  saving: boolean;
  /** Per project id: why the server refused the row. */
  rowErrors: Record<string, string>;
  saveError: string | null;
  onSave: () => void;
  onDiscard: () => void;
  /** More buttons at the start of the toolbar (Excel import), shown only while the grid can be edited. */
  tools?: ReactNode;
  /** The page on screen (server paging) and the rows that match the search and filter. */
  page: number;
  pageSize: number;
  total: number;
  /** The next page (or search) is on its way; the current rows stay meanwhile. */
  fetching: boolean;
  search: string;
  filled: GridFilled | undefined;
  onPageChange: (page: number, pageSize: number) => void;
  onSearchChange: (text: string) => void;
  onFilledChange: (filled: GridFilled | undefined) => void;
}

/** The entry grid with its toolbar: changed and invalid counts, discard, save. */
export function EntryGridCard({
  draft,
  loading,
  readOnly,
  saving,
  rowErrors,
  saveError,
  onSave,
  onDiscard,
  tools,
  page,
  pageSize,
  total,
  fetching,
  search,
  filled,
  onPageChange,
  onSearchChange,
  onFilledChange,
}: EntryGridCardProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { totals } = draft;

  const amountHeader = (label: string, unit: string) => (
    <span>
      {label}
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
        {unit}
      </Typography.Text>
    </span>
  );

  const columns: GridColumn<GridRow>[] = [
    {
      key: 'code',
      title: t('reports.grid.code'),
      width: 150,
      render: (r) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.code}
        </Typography.Text>
      ),
    },
    {
      key: 'name',
      title: t('reports.grid.name'),
      render: (r) => <span title={r.name}>{r.name}</span>,
    },
    {
      key: 'investor',
      title: t('reports.grid.investor'),
      width: 160,
      render: (r) => <span title={r.investor_name}>{r.investor_name}</span>,
    },
    {
      key: 'stage',
      title: t('reports.grid.stage'),
      width: 86,
      render: (r) => t(`reports.stages.${r.stage}`),
    },
    {
      key: 'domestic',
      title: amountHeader(t('reports.grid.domesticMonth'), t('reports.grid.yuan')),
      label: `${t('reports.grid.domesticMonth')}${t('reports.grid.yuan')}`,
      width: 120,
      editable: true,
      format: (s) => (isAmountText(s) ? formatMoney(s.trim()) : s),
      total: <Money value={totals.domestic} />,
    },
    {
      key: 'domestic_ytd',
      title: amountHeader(t('reports.grid.domesticYtd'), t('reports.grid.yuan')),
      width: 120,
      align: 'right',
      render: (r) => <Money value={draft.rowYtd(r, 'domestic')} />,
      total: <Money value={totals.domestic_ytd} />,
    },
    {
      key: 'foreign',
      title: amountHeader(t('reports.grid.foreignMonth'), t('reports.grid.usd')),
      label: `${t('reports.grid.foreignMonth')}${t('reports.grid.usd')}`,
      width: 120,
      editable: true,
      format: (s) => (isAmountText(s) ? formatMoney(s.trim()) : s),
      total: <Money value={totals.foreign} />,
    },
    {
      key: 'foreign_ytd',
      title: amountHeader(t('reports.grid.foreignYtd'), t('reports.grid.usd')),
      width: 120,
      align: 'right',
      render: (r) => <Money value={draft.rowYtd(r, 'foreign')} />,
      total: <Money value={totals.foreign_ytd} />,
    },
  ];

  const handlePasteOverflow = (count: number) =>
    void message.warning(t('reports.grid.pasteOverflow', { count }));

  const handleSave = () => {
    if (draft.invalid) {
      void message.error(t('reports.grid.fixFirst'));
      return;
    }
    onSave();
  };

  const filtered = search.trim() !== '' || filled !== undefined;
  const filledOptions = (['all', 'yes', 'no'] as const).map((v) => ({
    value: v,
    label: t(`reports.grid.filled.${v}`),
  }));

  return (
    <Card
      size="small"
      title={t('reports.grid.title')}
      loading={loading}
      extra={
        readOnly && !draft.dirty ? null : (
          <Flex gap={8} align="center">
            {readOnly ? null : tools}
            {draft.invalid ? (
              <Tag color="error">{t('reports.grid.invalidCount', { count: draft.invalid })}</Tag>
            ) : null}
            {draft.dirty ? (
              <Tag color="warning" data-testid="grid-dirty">
                {t('reports.grid.changed', { count: draft.dirty })}
              </Tag>
            ) : null}
            <Button icon={<UndoOutlined />} disabled={!draft.dirty || saving} onClick={onDiscard}>
              {t('reports.grid.discard')}
            </Button>
            {readOnly ? null : (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={saving}
                disabled={!draft.dirty}
                onClick={handleSave}
              >
                {t('reports.grid.save')}
              </Button>
            )}
          </Flex>
        )
      }
    >
      <Flex gap={12} align="center" wrap style={{ marginBottom: 8 }}>
        <Input
          allowClear
          value={search}
          onChange={(e) => onSearchChange(e.target.value)}
          prefix={<SearchOutlined />}
          placeholder={t('reports.grid.searchPlaceholder')}
          aria-label={t('reports.grid.search')}
          style={{ width: 280 }}
        />
        <Segmented<FilledChoice>
          value={filled ?? 'all'}
          onChange={(v) => onFilledChange(v === 'all' ? undefined : v)}
          options={filledOptions}
          aria-label={t('reports.grid.filled.label')}
        />
        {readOnly ? null : (
          <Typography.Text
            type="secondary"
            style={{ fontSize: 12, flex: 1, minWidth: 240, textWrap: 'balance' }}
          >
            {t('reports.grid.hint')}
          </Typography.Text>
        )}
      </Flex>
      {saveError ? <Alert type="error" showIcon title={saveError} style={{ marginBottom: 8 }} /> : null}
      <Spin spinning={fetching} delay={200}>
        <EditableGrid<GridRow>
          data-testid="entry-grid"
          ariaLabel={t('reports.grid.aria')}
          rows={draft.rows}
          rowKey={(r) => r.project_id}
          columns={columns}
          getValue={draft.getValue}
          onChange={draft.handleChange}
          isDirty={draft.isDirty}
          validate={(text) => (isAmountText(text) ? null : t('reports.grid.invalid'))}
          rowErrors={rowErrors}
          readOnly={readOnly}
          normalizePaste={cleanPastedAmount}
          onPasteOverflow={handlePasteOverflow}
          totalLabel={t('reports.grid.totalAll')}
          emptyText={filtered ? t('reports.grid.noMatch') : t('reports.grid.empty')}
          maxHeight="calc(100vh - 370px)"
        />
      </Spin>
      <Pagination
        data-testid="grid-pagination"
        align="end"
        size="small"
        style={{ marginTop: 8 }}
        current={page}
        pageSize={pageSize}
        total={total}
        showSizeChanger
        pageSizeOptions={GRID_PAGE_SIZES}
        showTotal={(n) => t('reports.grid.pageTotal', { total: n })}
        onChange={onPageChange}
      />
    </Card>
  );
}
