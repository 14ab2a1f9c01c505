import { ArrowLeftOutlined, DownloadOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Collapse,
  Dropdown,
  Flex,
  Result,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { useDownload } from '../../../ui/download.ts';
import { Money } from '../../../ui/Money.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { RecordResultModal } from '../components/RecordResultModal.tsx';
import { RectificationTable } from '../components/RectificationTable.tsx';
import { OpenClosedTag, ResultTag } from '../components/Tags.tsx';
import { useCloseVerification, useVerification } from '../hooks/useVerification.ts';
import type { VerificationItem } from '../types.ts';

/** One half-year verification: the sampled entries grouped by region, their results, the findings notice. */
export function VerificationDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const me = useMe();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const { showError } = useApiError();
  const { download, busy } = useDownload();
  const v = useVerification(id);
  const close = useCloseVerification();
  const [recording, setRecording] = useState<VerificationItem | null>(null);
  const isOffice = me.role === 'office' || me.role === 'admin';

  if (v.isPending) return <Spin style={{ display: 'block', margin: '96px auto' }} />;
  if (v.isError) return <Result status="404" title={v.error.message} />;
  const d = v.data;
  const open = d.status === 'open';

  const groups = new Map<string, { name: string; items: VerificationItem[] }>();
  for (const i of d.items) {
    const g = groups.get(i.region) ?? { name: i.region_name ?? i.region, items: [] };
    g.items.push(i);
    groups.set(i.region, g);
  }
  const count = (r: VerificationItem['result']) => d.items.filter((i) => i.result === r).length;

  const handleClose = () =>
    modal.confirm({
      title: t('verification.verification.close'),
      content: t('verification.verification.closeConfirm'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await close.mutateAsync(d.id);
          void message.success(t('verification.verification.closed'));
        } catch (e) {
          showError(e);
        }
      },
    });

  const columns: TableColumnsType<VerificationItem> = [
    {
      title: t('verification.verification.project'),
      key: 'project',
      render: (_: unknown, i) => (
        <div>
          <div>{i.project_name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.project_code} · {i.investor_name}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('verification.verification.month'), dataIndex: 'month', key: 'month', width: 84 },
    {
      title: t('verification.verification.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 70,
      render: (k: VerificationItem['kind']) => t(`verification.verification.${k}`),
    },
    {
      title: t('verification.verification.amount'),
      key: 'amount',
      width: 150,
      align: 'right',
      render: (_: unknown, i) => (
        <span>
          <Money value={i.amount} />{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.kind === 'domestic'
              ? t('verification.verification.unitYuan')
              : t('verification.verification.unitUsd')}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('verification.verification.result'),
      key: 'result',
      width: 150,
      render: (_: unknown, i) => (
        <Space size={2}>
          <ResultTag result={i.result} />
          {i.entry_status === 'false' && i.result !== 'false' ? (
            <Tag color="red">{t('verification.verification.markedFalse')}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('verification.verification.finding'),
      dataIndex: 'finding',
      key: 'finding',
      ellipsis: true,
      render: (f: string | null) => f ?? '—',
    },
  ];
  if (isOffice && open) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, i) =>
        i.result === 'pending' ? (
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setRecording(i)}>
            {t('verification.verification.record')}
          </Button>
        ) : null,
    });
  }

  return (
    <>
      <PageHeader
        title={
          <Space>
            {d.title}
            <OpenClosedTag status={d.status} />
          </Space>
        }
        subtitle={`${d.period} · ${t('verification.verification.colSample')} ${d.sample_size} · ${t('verification.verification.colSeed')} ${d.seed}`}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/verification?tab=verifications')}>
              {t('verification.verification.back')}
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'pdf', label: t('verification.verification.noticePdf') },
                  { key: 'docx', label: t('verification.verification.noticeDocx') },
                ],
                onClick: ({ key }) =>
                  void download(`/api/v1/verifications/${d.id}/notice.${key}`, `findings-${d.period}.${key}`),
              }}
            >
              <Button icon={<DownloadOutlined />} loading={busy !== null}>
                {t('verification.verification.notice')}
              </Button>
            </Dropdown>
            {isOffice && open ? (
              <Button danger icon={<StopOutlined />} onClick={handleClose}>
                {t('verification.verification.close')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={40} wrap>
          <Statistic title={t('verification.verification.totalSampled')} value={d.items.length} />
          <Statistic
            title={t('verification.verification.colProgress')}
            value={d.items.length - count('pending')}
            suffix={`/ ${d.items.length}`}
          />
          {(['confirmed', 'issue', 'false'] as const).map((r) => (
            <Statistic
              key={r}
              title={t(`verification.results.${r}`)}
              value={count(r)}
              styles={{
                content: { color: r === 'confirmed' ? '#389e0d' : count(r) ? '#cf1322' : undefined },
              }}
            />
          ))}
        </Flex>
      </Card>
      {d.items.length === 0 ? (
        <Card>
          <Result status="info" title={t('verification.verification.noItems')} />
        </Card>
      ) : (
        <Collapse
          defaultActiveKey={[...groups]
            .filter(([, g]) => g.items.some((i) => i.result === 'pending'))
            .slice(0, 3)
            .map(([region]) => region)}
          data-testid="verification-groups"
          items={[...groups].map(([region, g]) => {
            const checked = g.items.filter((i) => i.result !== 'pending').length;
            const findings = g.items.filter((i) => i.result === 'issue' || i.result === 'false').length;
            return {
              key: region,
              label: (
                <Space size={12}>
                  <Typography.Text strong>
                    {t('verification.verification.itemsOf', { region: g.name, count: g.items.length })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('verification.verification.checkedOf', { checked, total: g.items.length })}
                  </Typography.Text>
                  {findings ? (
                    <Tag color="red">{t('verification.verification.findingsOf', { count: findings })}</Tag>
                  ) : null}
                </Space>
              ),
              children: (
                <Table<VerificationItem>
                  size="small"
                  rowKey="id"
                  columns={columns}
                  dataSource={g.items}
                  pagination={false}
                />
              ),
            };
          })}
        />
      )}
      <Typography.Title level={2} style={{ fontSize: 16, margin: '20px 0 8px' }}>
        {t('verification.rect.title')}
      </Typography.Title>
      <RectificationTable sourceId={d.id} />
      {recording ? (
        <RecordResultModal verificationId={d.id} item={recording} onClose={() => setRecording(null)} />
      ) : null}
    </>
  );
}
