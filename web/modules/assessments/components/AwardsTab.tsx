import { Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../ui/DataTable.tsx';
import { useAwards } from '../hooks/useAssessments.ts';
import type { Award } from '../types.ts';
import { cstDateTime, periodLabel } from '../utils.ts';

/** Awards (奖励): regions from final runs, departments and partners. */
export function AwardsTab() {
  const { t, i18n } = useTranslation();
  const awards = useAwards();
  const columns: TableColumnsType<Award> = [
    { title: t('assessments.awards.recipient'), dataIndex: 'recipient_name', key: 'name' },
    {
      title: t('assessments.awards.kind.region') + ' / ' + t('assessments.awards.kind.department'),
      dataIndex: 'recipient_kind',
      key: 'kind',
      width: 130,
      render: (k: Award['recipient_kind']) => <Tag>{t(`assessments.awards.kind.${k}`)}</Tag>,
    },
    { title: t('assessments.awards.name'), dataIndex: 'title', key: 'title' },
    {
      title: t('assessments.period'),
      key: 'period',
      width: 140,
      render: (_: unknown, a) => (a.period ? periodLabel(a.period, i18n.language) : '—'),
    },
    { title: t('assessments.rank'), dataIndex: 'rank', key: 'rank', width: 70, render: (v) => v ?? '—' },
    {
      title: t('assessments.score'),
      dataIndex: 'score',
      key: 'score',
      width: 90,
      align: 'right',
      render: (v) => v ?? '—',
    },
    {
      title: t('assessments.createdAt'),
      dataIndex: 'created_at',
      key: 'created',
      width: 150,
      render: cstDateTime,
    },
  ];
  return (
    <DataTable<Award>
      rowKey="id"
      rows={awards.data?.items}
      loading={awards.isFetching}
      columns={columns}
      locale={{ emptyText: t('assessments.awards.none') }}
    />
  );
}
