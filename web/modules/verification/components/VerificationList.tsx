import { PlusOutlined } from '@ant-design/icons';
import { Button, Progress, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DataTable } from '../../../ui/DataTable.tsx';
import { useVerifications } from '../hooks/useVerification.ts';
import type { VerificationSummary } from '../types.ts';
import { CreateVerificationModal } from './CreateVerificationModal.tsx';
import { OpenClosedTag } from './Tags.tsx';

/** The half-year verifications, newest first; the office opens new ones. */
export function VerificationList({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useVerifications();
  const [creating, setCreating] = useState(false);
  const open = (v: VerificationSummary) => navigate(`/verification/checks/${v.id}`);

  const columns: TableColumnsType<VerificationSummary> = [
    {
      title: t('verification.verification.colTitle'),
      key: 'title',
      render: (_: unknown, v) => <Typography.Link onClick={() => open(v)}>{v.title}</Typography.Link>,
    },
    { title: t('verification.verification.colPeriod'), dataIndex: 'period', key: 'period', width: 90 },
    {
      title: t('verification.verification.colSample'),
      dataIndex: 'sample_size',
      key: 'sample',
      width: 96,
      align: 'right',
    },
    {
      title: t('verification.verification.colSeed'),
      dataIndex: 'seed',
      key: 'seed',
      width: 150,
      render: (v: string) => (
        <Typography.Text code copyable>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('verification.verification.colProgress'),
      key: 'progress',
      width: 190,
      render: (_: unknown, v) => (
        <div>
          <Progress percent={v.items ? Math.round((v.checked * 100) / v.items) : 0} size="small" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('verification.verification.checkedOf', { checked: v.checked, total: v.items })}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('verification.verification.colFindings'),
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
      render: (s: VerificationSummary['status']) => <OpenClosedTag status={s} />,
    },
    {
      title: t('verification.verification.colCreated'),
      dataIndex: 'created_at',
      key: 'created',
      width: 130,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
  ];

  return (
    <>
      <DataTable<VerificationSummary>
        rowKey="id"
        rows={list.data?.items}
        loading={list.isFetching}
        columns={columns}
        data-testid="verifications-table"
        locale={{ emptyText: t('verification.verification.empty') }}
        onRow={(v) => ({ onDoubleClick: () => open(v) })}
        toolbar={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('verification.verification.create')}
            </Button>
          ) : null
        }
      />
      {creating ? <CreateVerificationModal open onClose={() => setCreating(false)} /> : null}
    </>
  );
}
