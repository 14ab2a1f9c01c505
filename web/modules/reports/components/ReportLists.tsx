import { Badge, Card, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Money } from '../../../ui/Money.tsx';
import type { MonthlyReport, ReportListItem } from '../types.ts';

type ListKey = keyof MonthlyReport['lists'];
const LISTS: Array<{ key: ListKey; label: 'foreignRegistered' | 'landingSoon' | 'negotiating' }> = [
  { key: 'foreign_registered', label: 'foreignRegistered' },
  { key: 'landing_soon', label: 'landingSoon' },
  { key: 'negotiating', label: 'negotiating' },
];

/** The three lists a district files with its report (外资注册落地 / 半年内有望落地 / 洽谈跟踪). */
export function ReportLists({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ReportListItem> = [
    {
      title: t('reports.lists.code'),
      dataIndex: 'code',
      key: 'code',
      width: 130,
      render: (v: string) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {v}
        </Typography.Text>
      ),
    },
    { title: t('reports.lists.name'), dataIndex: 'name', key: 'name', ellipsis: true },
    { title: t('reports.lists.investor'), dataIndex: 'investor_name', key: 'investor', ellipsis: true },
    {
      title: t('reports.lists.capitalKind'),
      dataIndex: 'capital_kind',
      key: 'kind',
      width: 72,
      render: (v: 'domestic' | 'foreign') => t(`reports.lists.${v}`),
    },
    {
      title: t('reports.lists.planned'),
      dataIndex: 'planned_amount',
      key: 'planned',
      width: 130,
      align: 'right',
      render: (v: string) => <Money value={v} />,
    },
    {
      title: t('reports.lists.stage'),
      dataIndex: 'stage',
      key: 'stage',
      width: 80,
      render: (v: ReportListItem['stage']) => t(`reports.stages.${v}`),
    },
    {
      title: t('reports.lists.expected'),
      dataIndex: 'expected_landing_date',
      key: 'expected',
      width: 104,
      render: (v: string | null) => v ?? '—',
    },
  ];
  return (
    <Card
      size="small"
      title={t('reports.lists.title')}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {report.locked ? t('reports.lists.frozen') : t('reports.lists.live')}
        </Typography.Text>
      }
      styles={{ body: { paddingTop: 0 } }}
    >
      <Tabs
        size="small"
        defaultActiveKey={LISTS.find((l) => report.lists[l.key].length)?.key}
        items={LISTS.map((l) => ({
          key: l.key,
          label: (
            <span>
              {t(`reports.lists.${l.label}`)}{' '}
              <Badge count={report.lists[l.key].length} showZero color="#8c8c8c" size="small" />
            </span>
          ),
          children: (
            <Table<ReportListItem>
              size="small"
              rowKey="id"
              columns={columns}
              dataSource={report.lists[l.key]}
              pagination={report.lists[l.key].length > 8 ? { pageSize: 8, size: 'small' } : false}
            />
          ),
        }))}
      />
    </Card>
  );
}
