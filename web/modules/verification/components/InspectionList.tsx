import { PlusOutlined } from '@ant-design/icons';
import { Button, Progress, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DataTable } from '../../../ui/DataTable.tsx';
import { useInspections } from '../hooks/useVerification.ts';
import type { InspectionSummary } from '../types.ts';
import { CreateInspectionModal } from './CreateInspectionModal.tsx';
import { OpenClosedTag } from './Tags.tsx';

/** The quarterly inspections of key projects, newest first; the office opens new ones. */
export function InspectionList({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useInspections();
  const [creating, setCreating] = useState(false);
  const open = (s: InspectionSummary) => navigate(`/verification/inspections/${s.id}`);

  const columns: TableColumnsType<InspectionSummary> = [
    {
      title: t('verification.inspection.colTitle'),
      key: 'title',
      render: (_: unknown, s) => <Typography.Link onClick={() => open(s)}>{s.title}</Typography.Link>,
    },
    { title: t('verification.inspection.colQuarter'), dataIndex: 'quarter', key: 'quarter', width: 100 },
    {
      title: t('verification.inspection.colProgress'),
      key: 'progress',
      width: 210,
      render: (_: unknown, s) => (
        <div>
          <Progress percent={s.items ? Math.round((s.checked * 100) / s.items) : 0} size="small" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('verification.verification.checkedOf', { checked: s.checked, total: s.items })}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('verification.inspection.colFindings'),
      dataIndex: 'findings',
      key: 'findings',
      width: 90,
      align: 'right',
      render: (n: number) => <Typography.Text type={n ? 'danger' : 'secondary'}>{n}</Typography.Text>,
    },
    {
      title: t('verification.rect.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: InspectionSummary['status']) => <OpenClosedTag status={s} />,
    },
    {
      title: t('verification.inspection.colCreated'),
      dataIndex: 'created_at',
      key: 'created',
      width: 130,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
  ];

  return (
    <>
      <DataTable<InspectionSummary>
        rowKey="id"
        rows={list.data?.items}
        loading={list.isFetching}
        columns={columns}
        data-testid="inspections-table"
        locale={{ emptyText: t('verification.inspection.empty') }}
        toolbar={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('verification.inspection.create')}
            </Button>
          ) : null
        }
      />
      {creating ? <CreateInspectionModal open onClose={() => setCreating(false)} /> : null}
    </>
  );
}
