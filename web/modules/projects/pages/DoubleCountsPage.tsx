import { CheckOutlined, MergeCellsOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Pagination,
  Radio,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiError } from '../../../ui/apiErrors.ts';
import { Money } from '../../../ui/Money.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { ProjectViewSwitch } from '../components/ProjectViewSwitch.tsx';
import { StageTag } from '../components/StageTag.tsx';
import { useConfirmDistinct, useDoubleCounts, useMergeEnterprises } from '../hooks/useDoubleCounts.ts';
import type { DoubleCountItem, DoubleCountKind } from '../types.ts';

type Reviewed = 'hide' | 'only' | 'all';
const KINDS: DoubleCountKind[] = ['similar_investors', 'similar_projects', 'investor_regions'];
const KIND_COLORS: Record<DoubleCountKind, string> = {
  similar_investors: 'volcano',
  similar_projects: 'gold',
  investor_regions: 'blue',
};

type Action = { kind: 'confirm'; item: DoubleCountItem } | { kind: 'merge'; item: DoubleCountItem };

function ActionDialog({ action, onClose }: { action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { handleFormError } = useApiError();
  const [form] = Form.useForm<{ note: string; keep_id?: string }>();
  const confirm = useConfirmDistinct();
  const merge = useMergeEnterprises();
  const item = action.item;

  const handleOk = async () => {
    let v: { note: string; keep_id?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      if (action.kind === 'confirm') {
        await confirm.mutateAsync({ key: item.key, note: v.note.trim() });
        void message.success(t('projects.doubleCounts.confirmed'));
      } else {
        const keep = v.keep_id!;
        const r = await merge.mutateAsync({
          keep_id: keep,
          merge_ids: item.enterprises.map((e) => e.id).filter((id) => id !== keep),
          note: v.note.trim(),
        });
        void message.success(t('projects.doubleCounts.merged', { count: r.projects_repointed }));
      }
      onClose();
    } catch (e) {
      handleFormError(form, e);
    }
  };

  return (
    <Modal
      open
      title={
        action.kind === 'confirm'
          ? t('projects.doubleCounts.confirmTitle')
          : t('projects.doubleCounts.mergeTitle')
      }
      onOk={handleOk}
      onCancel={onClose}
      okText={
        action.kind === 'confirm' ? t('projects.doubleCounts.confirm') : t('projects.doubleCounts.merge')
      }
      okButtonProps={{ danger: action.kind === 'merge' }}
      confirmLoading={confirm.isPending || merge.isPending}
      destroyOnHidden
      width={600}
    >
      <Form
        form={form}
        layout="vertical"
        name="double-count-action"
        initialValues={{ keep_id: item.enterprises[0]?.id }}
      >
        {action.kind === 'merge' ? (
          <Form.Item
            name="keep_id"
            label={t('projects.doubleCounts.keep')}
            extra={t('projects.doubleCounts.mergeHint')}
            rules={[{ required: true }]}
          >
            <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
              {item.enterprises.map((e) => (
                <Radio key={e.id} value={e.id}>
                  {e.name}{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.uscc ?? t('projects.doubleCounts.noUscc')} ·{' '}
                    {item.projects.filter((p) => p.investor_id === e.id).length}{' '}
                    {t('projects.doubleCounts.projects')}
                  </Typography.Text>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={
            action.kind === 'confirm' ? t('projects.doubleCounts.note') : t('projects.doubleCounts.mergeNote')
          }
          rules={[
            {
              required: true,
              whitespace: true,
              message:
                action.kind === 'confirm'
                  ? t('projects.doubleCounts.noteRequired')
                  : t('projects.doubleCounts.mergeNoteRequired'),
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={action.kind === 'confirm' ? t('projects.doubleCounts.notePlaceholder') : undefined}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 重复统计核查 (office): candidate double counts with their reason; confirm distinct or merge, audited. */
export function DoubleCountsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<DoubleCountKind | undefined>(undefined);
  const [reviewed, setReviewed] = useState<Reviewed>('hide');
  const [page, setPage] = useState(1);
  const [action, setAction] = useState<Action | null>(null);
  const q = useDoubleCounts({ kind, reviewed, page, page_size: 10 });

  const projectColumns: TableColumnsType<DoubleCountItem['projects'][number]> = [
    {
      title: t('projects.fields.name'),
      key: 'name',
      render: (_: unknown, p) => <Link to={`/projects/${p.id}`}>{p.name}</Link>,
    },
    { title: t('projects.fields.code'), dataIndex: 'code', key: 'code', width: 200 },
    { title: t('projects.fields.region'), dataIndex: 'region_name', key: 'region', width: 110 },
    {
      title: t('projects.fields.stage'),
      key: 'stage',
      width: 100,
      render: (_: unknown, p) => <StageTag stage={p.stage} />,
    },
    {
      title: t('projects.fields.plannedAmount'),
      key: 'planned',
      align: 'right',
      width: 150,
      render: (_: unknown, p) => <Money value={p.planned_amount} />,
    },
  ];

  const reason = (c: DoubleCountItem) =>
    t(`projects.doubleCounts.reason.${c.kind}`, {
      count: c.regions.length,
      similarity: c.similarity === null ? '' : c.similarity.toFixed(2),
    });

  return (
    <>
      <PageHeader
        title={t('projects.doubleCounts.title')}
        subtitle={t('projects.doubleCounts.subtitle')}
        extra={<ProjectViewSwitch value="doubleCounts" />}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} align="center" wrap>
          <Segmented<Reviewed>
            value={reviewed}
            onChange={(v) => {
              setReviewed(v);
              setPage(1);
            }}
            options={(['hide', 'only', 'all'] as const).map((v) => ({
              value: v,
              label: t(`projects.doubleCounts.reviewed.${v}`),
            }))}
          />
          <Select<DoubleCountKind>
            allowClear
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            placeholder={t('projects.doubleCounts.allKinds')}
            style={{ width: 200 }}
            options={KINDS.map((k) => ({ value: k, label: t(`projects.doubleCounts.kind.${k}`) }))}
          />
          <Typography.Text type="secondary">
            {t('projects.doubleCounts.total', { total: q.data?.total ?? 0 })}
          </Typography.Text>
        </Flex>
      </Card>
      {q.isPending ? (
        <Skeleton active />
      ) : !q.data?.items.length ? (
        <Card>
          <Empty description={t('projects.doubleCounts.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={12} data-testid="double-counts">
          {q.data.items.map((c) => (
            <Card
              key={c.key}
              size="small"
              title={
                <Flex align="center" gap={8} wrap>
                  <Tag color={KIND_COLORS[c.kind]}>{t(`projects.doubleCounts.kind.${c.kind}`)}</Tag>
                  <span style={{ fontWeight: 500, whiteSpace: 'normal' }}>{reason(c)}</span>
                  {c.reviewed ? <Tag color="green">{t('projects.doubleCounts.reviewedTag')}</Tag> : null}
                </Flex>
              }
              extra={
                <Space>
                  {c.kind === 'similar_investors' && c.enterprises.length > 1 ? (
                    <Button
                      size="small"
                      icon={<MergeCellsOutlined />}
                      onClick={() => setAction({ kind: 'merge', item: c })}
                    >
                      {t('projects.doubleCounts.merge')}
                    </Button>
                  ) : null}
                  {!c.reviewed ? (
                    <Button
                      size="small"
                      type="primary"
                      icon={<CheckOutlined />}
                      onClick={() => setAction({ kind: 'confirm', item: c })}
                    >
                      {t('projects.doubleCounts.confirm')}
                    </Button>
                  ) : null}
                </Space>
              }
            >
              <Flex gap={24} wrap style={{ marginBottom: 8 }}>
                <div>
                  <Typography.Text type="secondary">
                    {t('projects.doubleCounts.enterprises')}：
                  </Typography.Text>
                  {c.enterprises.map((e, i) => (
                    <span key={e.id}>
                      {i > 0 ? t('projects.sep') : ''}
                      <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {' '}
                        {e.uscc ?? t('projects.doubleCounts.noUscc')}
                      </Typography.Text>
                    </span>
                  ))}
                </div>
                <div>
                  <Typography.Text type="secondary">{t('projects.doubleCounts.regions')}：</Typography.Text>
                  {c.regions.map((r) => r.name ?? r.code).join(t('projects.sep'))}
                </div>
              </Flex>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={c.projects}
                columns={projectColumns}
              />
            </Card>
          ))}
          <Pagination
            align="end"
            current={page}
            pageSize={10}
            total={q.data.total}
            onChange={setPage}
            showSizeChanger={false}
            showTotal={(n) => t('projects.doubleCounts.total', { total: n })}
          />
        </Flex>
      )}
      {action ? <ActionDialog action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
}
