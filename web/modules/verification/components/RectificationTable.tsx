import {
  CheckOutlined,
  ClockCircleOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Descriptions,
  Select,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { RegionSelect } from '../../../ui/RegionSelect.tsx';
import { useRectifications, useUpdateRectification } from '../hooks/useVerification.ts';
import {
  RECTIFICATION_SOURCES,
  RECTIFICATION_STATUSES,
  type Rectification,
  type RectificationFilters,
  type RectificationStatus,
} from '../types.ts';
import { DeadlineModal } from './DeadlineModal.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import { SubmitRectificationModal } from './SubmitRectificationModal.tsx';
import { RectStatusTag } from './Tags.tsx';

/**
 * 整改事项: every item in the caller's scope with overdue ones in red. The owner district starts and
 * submits (resolution, evidence); the office accepts or sends back, and may move the deadline.
 */
export function RectificationTable({ sourceId }: { sourceId?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message, modal } = App.useApp();
  const { showError } = useApiError();
  const isOffice = me.role === 'office' || me.role === 'admin';
  const canWork = isOffice || me.role === 'district';
  const [filters, setFilters] = useState<RectificationFilters>({ source_id: sourceId });
  const list = useRectifications(filters);
  const update = useUpdateRectification();
  const [submitting, setSubmitting] = useState<Rectification | null>(null);
  const [moving, setMoving] = useState<Rectification | null>(null);

  const move = async (r: Rectification, status: RectificationStatus) => {
    try {
      await update.mutateAsync({ id: r.id, patch: { version: r.version, status } });
      void message.success(t('verification.rect.saved'));
    } catch (e) {
      if (isApiError(e) && e.isStale) void message.warning(t('verification.rect.stale'));
      else showError(e);
    }
  };
  const confirm = (title: string, onOk: () => Promise<void>) =>
    modal.confirm({ title, okText: t('common.ok'), cancelText: t('common.cancel'), onOk });

  const columns: TableColumnsType<Rectification> = [
    {
      title: t('verification.rect.item'),
      key: 'title',
      render: (_: unknown, r) => (
        <div>
          <Typography.Text ellipsis={{ tooltip: r.title }} style={{ display: 'block' }}>
            {r.title}
          </Typography.Text>
          {r.description ? (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ fontSize: 12, margin: 0 }}>
              {r.description}
            </Typography.Paragraph>
          ) : null}
        </div>
      ),
    },
    {
      title: t('verification.rect.source'),
      dataIndex: 'source',
      key: 'source',
      width: 96,
      render: (s: Rectification['source']) => t(`verification.rect.sources.${s}`),
    },
    {
      title: t('verification.rect.region'),
      key: 'region',
      width: 80,
      render: (_: unknown, r) => r.region_name ?? r.region,
    },
    {
      title: t('verification.rect.owner'),
      dataIndex: 'owner_unit_name',
      key: 'owner',
      width: 140,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('verification.rect.deadline'),
      key: 'deadline',
      width: 140,
      render: (_: unknown, r) => (
        <Space size={4}>
          <Typography.Text type={r.overdue ? 'danger' : undefined}>{r.deadline}</Typography.Text>
          {r.overdue ? <Tag color="red">{t('verification.rect.overdue')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('verification.rect.status'),
      dataIndex: 'status',
      key: 'status',
      width: 84,
      render: (s: RectificationStatus) => <RectStatusTag status={s} />,
    },
  ];
  if (canWork) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 176,
      render: (_: unknown, r) => (
        <Space size={0} wrap>
          {!isOffice && r.status === 'open' ? (
            <Button
              type="link"
              size="small"
              icon={<PlayCircleOutlined />}
              onClick={() => move(r, 'in_progress')}
            >
              {t('verification.rect.start')}
            </Button>
          ) : null}
          {!isOffice && (r.status === 'open' || r.status === 'in_progress') ? (
            <Button type="link" size="small" icon={<SendOutlined />} onClick={() => setSubmitting(r)}>
              {t('verification.rect.submit')}
            </Button>
          ) : null}
          {isOffice && r.status === 'submitted' ? (
            <>
              <Button
                type="link"
                size="small"
                icon={<CheckOutlined />}
                onClick={() => confirm(t('verification.rect.acceptConfirm'), () => move(r, 'done'))}
              >
                {t('verification.rect.accept')}
              </Button>
              <Button
                type="link"
                size="small"
                danger
                icon={<RollbackOutlined />}
                onClick={() => confirm(t('verification.rect.sendBackConfirm'), () => move(r, 'in_progress'))}
              >
                {t('verification.rect.sendBack')}
              </Button>
            </>
          ) : null}
          {isOffice && r.status === 'done' ? (
            <Button
              type="link"
              size="small"
              icon={<RollbackOutlined />}
              onClick={() => move(r, 'in_progress')}
            >
              {t('verification.rect.reopen')}
            </Button>
          ) : null}
          {isOffice && r.status !== 'done' ? (
            <Button type="link" size="small" icon={<ClockCircleOutlined />} onClick={() => setMoving(r)}>
              {t('verification.rect.changeDeadline')}
            </Button>
          ) : null}
        </Space>
      ),
    });
  }

  const data = list.data;
  return (
    <>
      <DataTable<Rectification>
        rowKey="id"
        rows={data?.items}
        loading={list.isFetching}
        columns={columns}
        data-testid="rectifications-table"
        tableLayout="fixed"
        scroll={{}}
        locale={{ emptyText: t('verification.rect.empty') }}
        countLabel={t('verification.rect.count', { total: data?.total ?? 0, overdue: data?.overdue ?? 0 })}
        onRow={(r) => ({ style: r.overdue ? { background: '#fff1f0' } : undefined })}
        expandable={{
          expandedRowRender: (r) => (
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'd', label: t('verification.verification.finding'), children: r.description ?? '—' },
                { key: 'r', label: t('verification.rect.resolution'), children: r.resolution ?? '—' },
                {
                  key: 'e',
                  label: t('verification.rect.evidence'),
                  children: <EvidenceList ids={r.evidence} />,
                },
              ]}
            />
          ),
        }}
        toolbar={
          <>
            <Select<RectificationStatus>
              allowClear
              placeholder={t('verification.rect.status')}
              aria-label={t('verification.rect.status')}
              style={{ width: 120 }}
              value={filters.status}
              onChange={(v) => setFilters((f) => ({ ...f, status: v }))}
              options={RECTIFICATION_STATUSES.map((s) => ({
                value: s,
                label: t(`verification.rect.statuses.${s}`),
              }))}
            />
            {sourceId ? null : (
              <Select
                allowClear
                placeholder={t('verification.rect.source')}
                aria-label={t('verification.rect.source')}
                style={{ width: 130 }}
                value={filters.source}
                onChange={(v) => setFilters((f) => ({ ...f, source: v }))}
                options={RECTIFICATION_SOURCES.map((s) => ({
                  value: s,
                  label: t(`verification.rect.sources.${s}`),
                }))}
              />
            )}
            {isOffice || me.role === 'leader' || me.role === 'department' ? (
              <RegionSelect
                root={me.root_region}
                value={filters.region ?? null}
                onChange={(v) => setFilters((f) => ({ ...f, region: v ?? undefined }))}
                aria-label={t('verification.rect.region')}
                placeholder={t('verification.rect.region')}
                style={{ width: 170 }}
              />
            ) : null}
            <Checkbox
              checked={filters.overdue === true}
              onChange={(e) => setFilters((f) => ({ ...f, overdue: e.target.checked ? true : undefined }))}
              style={{ alignSelf: 'center' }}
            >
              {t('verification.rect.overdueOnly')}
            </Checkbox>
          </>
        }
      />
      {submitting ? <SubmitRectificationModal item={submitting} onClose={() => setSubmitting(null)} /> : null}
      {moving ? <DeadlineModal item={moving} onClose={() => setMoving(null)} /> : null}
    </>
  );
}
