import { Badge, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InterviewStatus } from '../../../../shared/schemas/assessments.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { useInterviews } from '../hooks/useAssessments.ts';
import type { InterviewCase } from '../types.ts';
import { cstDateTime, periodLabel } from '../utils.ts';
import { ReasonTags } from './Tags.tsx';

export const INTERVIEW_COLOR: Record<InterviewStatus, string> = {
  planned: 'orange',
  held: 'blue',
  rectifying: 'purple',
  closed: 'green',
};

/** Interview cases (约谈): districts see their own. */
export function InterviewsTab({ runId }: { runId?: string }) {
  const { t, i18n } = useTranslation();
  const cases = useInterviews(runId ? { run_id: runId } : {});
  const columns: TableColumnsType<InterviewCase> = [
    {
      title: t('assessments.region'),
      key: 'region',
      render: (_: unknown, c) => (
        <Link to={`/assessments/interviews/${c.id}`} data-testid={`interview-${c.region}`}>
          {c.region_name ?? c.region}
        </Link>
      ),
    },
    {
      title: t('assessments.period'),
      key: 'period',
      render: (_: unknown, c) => periodLabel(c.period, i18n.language),
    },
    {
      title: t('assessments.interviews.reasons'),
      key: 'reasons',
      render: (_: unknown, c) => <ReasonTags reasons={c.reasons} />,
    },
    {
      title: t('assessments.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (s: InterviewStatus) => (
        <Tag color={INTERVIEW_COLOR[s]}>{t(`assessments.interviews.status.${s}`)}</Tag>
      ),
    },
    {
      title: t('assessments.interviews.date'),
      dataIndex: 'interview_date',
      key: 'date',
      width: 110,
      render: (v) => v ?? '—',
    },
    {
      title: t('assessments.interviews.openRectifications'),
      key: 'open',
      width: 120,
      render: (_: unknown, c) => (
        <Badge
          count={c.open_rectifications}
          showZero
          color={c.open_rectifications ? '#fa541c' : '#52c41a'}
          overflowCount={99}
        />
      ),
    },
    {
      title: t('assessments.interviews.createdAt'),
      dataIndex: 'created_at',
      key: 'created',
      width: 150,
      render: cstDateTime,
    },
  ];
  return (
    <DataTable<InterviewCase>
      rowKey="id"
      rows={cases.data?.items}
      loading={cases.isFetching}
      columns={columns}
      locale={{ emptyText: t('assessments.interviews.none') }}
      data-testid="interviews-table"
    />
  );
}
