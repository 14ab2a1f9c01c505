import { RightOutlined } from '@ant-design/icons';
import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Money } from '../../../ui/Money.tsx';
import { Percent } from '../../../ui/Percent.tsx';
import type { Bulletin, BulletinFigures, BulletinRow, CapitalTab } from '../types.ts';

export interface BulletinTableProps {
  bulletin: Bulletin;
  kind: CapitalTab;
  loading?: boolean;
  /** Opens the same table for a row's child regions. */
  onOpen: (row: BulletinRow) => void;
}

const figuresOf = (r: BulletinRow, kind: CapitalTab): BulletinFigures =>
  kind === 'domestic' ? r : r.foreign;
const FIGURE_COLUMNS = 8;

/** Rows in ranking order, as a 通报 lists them; unranked (未报送) rows last, in region order (stable sort). */
function byRank(rows: BulletinRow[], kind: CapitalTab): BulletinRow[] {
  const rank = (r: BulletinRow) => figuresOf(r, kind).rank ?? Number.MAX_SAFE_INTEGER;
  return [...rows].sort((a, b) => rank(a) - rank(b));
}

/** The bulletin's table exactly as the API computes it: ranks, sums, ratios, 未报送 rows, the totals row. */
export function BulletinTable({ bulletin, kind, loading, onOpen }: BulletinTableProps) {
  const { t } = useTranslation();
  const unit = kind === 'domestic' ? 'yuan10k' : 'usd10k';
  const hide = (r: BulletinRow) => (r.reported ? {} : { colSpan: 0 });

  const money = (key: 'month' | 'ytd' | 'ytd_prev' | 'target', title: string, width: number) => ({
    title,
    key,
    width,
    align: 'right' as const,
    onCell: hide,
    render: (_: unknown, r: BulletinRow) => <Money value={figuresOf(r, kind)[key]} unit={unit} />,
  });

  const columns: TableColumnsType<BulletinRow> = [
    {
      title: t('bulletins.cols.rank'),
      key: 'rank',
      width: 60,
      align: 'center',
      render: (_: unknown, r) => {
        const rank = figuresOf(r, kind).rank;
        return rank === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Typography.Text strong={rank <= 3}>{rank}</Typography.Text>
        );
      },
    },
    {
      title: t('bulletins.cols.region'),
      key: 'region',
      render: (_: unknown, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {r.has_children ? (
            <Typography.Link title={t('bulletins.openChildren')}>
              {r.name} <RightOutlined style={{ fontSize: 10 }} />
            </Typography.Link>
          ) : (
            r.name
          )}
        </span>
      ),
    },
    {
      ...money('month', t('bulletins.cols.month'), 112),
      onCell: (r: BulletinRow) =>
        r.reported ? {} : { colSpan: FIGURE_COLUMNS, style: { textAlign: 'center' as const } },
      render: (_: unknown, r: BulletinRow) =>
        r.reported ? (
          <Money value={figuresOf(r, kind).month} unit={unit} />
        ) : (
          <Tag color="default" data-testid="not-reported">
            {t('bulletins.notReported')}
          </Tag>
        ),
    },
    money('ytd', t('bulletins.cols.ytd'), 124),
    money('ytd_prev', t('bulletins.cols.ytdPrev'), 124),
    {
      title: t('bulletins.cols.yoy'),
      key: 'yoy',
      width: 88,
      align: 'right',
      onCell: hide,
      render: (_: unknown, r) => <Percent value={figuresOf(r, kind).yoy} signed colored />,
    },
    money('target', t('bulletins.cols.target'), 124),
    {
      title: t('bulletins.cols.completion'),
      key: 'completion',
      width: 96,
      align: 'right',
      onCell: hide,
      render: (_: unknown, r) => {
        const f = figuresOf(r, kind);
        return (
          <Typography.Text type={f.behind_schedule ? 'danger' : undefined} strong>
            <Percent value={f.completion} />
          </Typography.Text>
        );
      },
    },
    {
      title: t('bulletins.cols.behind'),
      key: 'behind',
      width: 86,
      align: 'center',
      onCell: hide,
      render: (_: unknown, r) =>
        figuresOf(r, kind).behind_schedule ? (
          <Tag color="error">{t('bulletins.behind')}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('bulletins.onSchedule')}</Typography.Text>
        ),
    },
    {
      title: t('bulletins.cols.beijing'),
      key: 'beijing',
      width: 108,
      align: 'right',
      onCell: hide,
      render: (_: unknown, r) => <Percent value={figuresOf(r, kind).beijing_share} />,
    },
  ];

  const totals = kind === 'domestic' ? bulletin.totals : bulletin.totals.foreign;
  const cell = (i: number, node: ReactNode, align: 'left' | 'right' | 'center' = 'right') => (
    <Table.Summary.Cell index={i} align={align}>
      <Typography.Text strong>{node}</Typography.Text>
    </Table.Summary.Cell>
  );

  return (
    <Table<BulletinRow>
      size="middle"
      rowKey="region"
      data-testid="bulletin-table"
      loading={loading}
      columns={columns}
      dataSource={byRank(bulletin.rows, kind)}
      pagination={false}
      locale={{ emptyText: t('bulletins.empty') }}
      onRow={(r) => ({
        onClick: r.has_children ? () => onOpen(r) : undefined,
        style: {
          cursor: r.has_children ? 'pointer' : undefined,
          background: r.reported && figuresOf(r, kind).behind_schedule ? '#fff1f0' : undefined,
        },
      })}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row style={{ background: '#fafafa' }}>
            {cell(0, '', 'center')}
            {cell(1, t('bulletins.total'), 'left')}
            {cell(2, <Money value={totals.month} unit={unit} />)}
            {cell(3, <Money value={totals.ytd} unit={unit} />)}
            {cell(4, <Money value={totals.ytd_prev} unit={unit} />)}
            {cell(5, <Percent value={totals.yoy} signed colored />)}
            {cell(6, <Money value={totals.target} unit={unit} />)}
            {cell(7, <Percent value={totals.completion} />)}
            {cell(
              8,
              totals.behind_schedule ? (
                <Tag color="error">{t('bulletins.behind')}</Tag>
              ) : (
                t('bulletins.onSchedule')
              ),
              'center',
            )}
            {cell(9, <Percent value={totals.beijing_share} />)}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
