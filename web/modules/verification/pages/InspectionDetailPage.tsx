import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Result, Space, Spin, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../../../app/auth.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { Money } from '../../../ui/Money.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { ChecklistModal } from '../components/ChecklistModal.tsx';
import { RectificationTable } from '../components/RectificationTable.tsx';
import { InspectionResultTag, OpenClosedTag } from '../components/Tags.tsx';
import { useInspection } from '../hooks/useVerification.ts';
import type { InspectionItem } from '../types.ts';

const clip = (s: string | null) =>
  s ? (
    <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s }} style={{ margin: 0, fontSize: 13 }}>
      {s}
    </Typography.Paragraph>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );

/** One quarterly inspection: the checklist of every key project (progress, funds, problems, result). */
export function InspectionDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const me = useMe();
  const navigate = useNavigate();
  const s = useInspection(id);
  const [filling, setFilling] = useState<InspectionItem | null>(null);
  const isOffice = me.role === 'office' || me.role === 'admin';

  if (s.isPending) return <Spin style={{ display: 'block', margin: '96px auto' }} />;
  if (s.isError) return <Result status="404" title={s.error.message} />;
  const d = s.data;
  const open = d.status === 'open';

  const columns: TableColumnsType<InspectionItem> = [
    {
      title: t('verification.inspection.region'),
      key: 'region',
      width: 80,
      render: (_: unknown, i) => i.region_name ?? i.region,
    },
    {
      title: t('verification.inspection.project'),
      key: 'project',
      width: 220,
      render: (_: unknown, i) => (
        <div>
          <div>
            {i.project_name}{' '}
            {i.key_level ? (
              <Tag color={i.key_level === 'city' ? 'red' : 'orange'} style={{ marginInlineEnd: 2 }}>
                {i.key_level === 'city'
                  ? t('verification.inspection.keyCity')
                  : t('verification.inspection.keyDistrict')}
              </Tag>
            ) : null}
            {i.major ? <Tag color="purple">{t('verification.inspection.major')}</Tag> : null}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.project_code} · {t(`reports.stages.${i.stage}`)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: `${t('verification.inspection.planned')} / ${t('verification.inspection.fundsInPlace')}`,
      key: 'amounts',
      width: 132,
      align: 'right',
      render: (_: unknown, i) => (
        <div>
          <Money value={i.planned_amount} />
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Money value={i.funds_in_place} />
          </Typography.Text>
        </div>
      ),
    },
    { title: t('verification.inspection.progress'), dataIndex: 'progress', key: 'progress', render: clip },
    { title: t('verification.inspection.funds'), dataIndex: 'funds', key: 'funds', render: clip },
    { title: t('verification.inspection.problems'), dataIndex: 'problems', key: 'problems', render: clip },
    {
      title: t('verification.inspection.result'),
      dataIndex: 'result',
      key: 'result',
      width: 90,
      render: (r: InspectionItem['result']) => <InspectionResultTag result={r} />,
    },
  ];
  if (isOffice && open) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 76,
      render: (_: unknown, i) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setFilling(i)}>
          {t('verification.inspection.fill')}
        </Button>
      ),
    });
  }

  const checked = d.items.filter((i) => i.result !== 'pending').length;
  return (
    <>
      <PageHeader
        title={
          <Space>
            {d.title}
            <OpenClosedTag status={d.status} />
          </Space>
        }
        subtitle={`${d.quarter} · ${t('verification.verification.checkedOf', { checked, total: d.items.length })}`}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/verification?tab=inspections')}>
            {t('verification.inspection.back')}
          </Button>
        }
      />
      <DataTable<InspectionItem>
        rowKey="id"
        rows={d.items}
        loading={s.isFetching}
        columns={columns}
        data-testid="inspection-items"
        tableLayout="fixed"
        scroll={{}}
        onRow={(i) => ({ style: i.result === 'issue' ? { background: '#fffbe6' } : undefined })}
      />
      <Typography.Title level={2} style={{ fontSize: 16, margin: '20px 0 8px' }}>
        {t('verification.rect.title')}
      </Typography.Title>
      <RectificationTable sourceId={d.id} />
      {filling ? (
        <ChecklistModal inspectionId={d.id} item={filling} onClose={() => setFilling(null)} />
      ) : null}
    </>
  );
}
