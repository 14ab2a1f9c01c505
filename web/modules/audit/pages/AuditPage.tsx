import { DatePicker, Form, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../api/types.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { FilterBar } from '../../../ui/FilterBar.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { AuditDiff } from '../components/AuditDiff.tsx';
import { useAudit, useAuditEntities, type AuditFilters } from '../hooks/useAudit.ts';

interface FilterValues {
  user?: string;
  entity?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function actionColor(action: string) {
  if (/\.(delete|lock|reopen)/.test(action)) return 'red';
  if (/\.create/.test(action)) return 'green';
  if (/\.(update|password|reset)/.test(action)) return 'blue';
  return 'default';
}

/** Every change: who, when, what; before/after on expanding a row. */
export function AuditPage() {
  const { t } = useTranslation();
  const [filterForm] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<AuditFilters>({ page: 1, page_size: 20 });
  const audit = useAudit(filters);
  const entities = useAuditEntities();

  const handleSearch = (v: FilterValues) =>
    setFilters((f) => ({
      page: 1,
      page_size: f.page_size,
      user: v.user?.trim() || undefined,
      entity: v.entity || undefined,
      action: v.action?.trim() || undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    }));
  const handlePageChange = (page: number, pageSize: number) =>
    setFilters((f) => ({ ...f, page: pageSize === f.page_size ? page : 1, page_size: pageSize }));

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: 170,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('audit.user'),
      dataIndex: 'username',
      key: 'user',
      width: 130,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: 190,
      render: (v: string) => <Tag color={actionColor(v)}>{v}</Tag>,
    },
    { title: t('audit.entity'), dataIndex: 'entity', key: 'entity', width: 110 },
    {
      title: t('audit.entityId'),
      dataIndex: 'entity_id',
      key: 'entity_id',
      render: (v: string | null) =>
        v ? (
          <Typography.Text copyable={{ text: v }} style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {v.length > 13 ? `${v.slice(0, 8)}…` : v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <FilterBar<FilterValues> form={filterForm} onSearch={handleSearch}>
        <Form.Item name="user" label={t('audit.user')} style={{ marginBottom: 12 }}>
          <Input allowClear placeholder={t('audit.userPlaceholder')} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="entity" label={t('audit.entity')} style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 120 }}
            options={(entities.data?.items ?? []).map((e) => ({ value: e, label: e }))}
          />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')} style={{ marginBottom: 12 }}>
          <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.dateRange')} style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 220 }} />
        </Form.Item>
      </FilterBar>
      <DataTable<AuditEntry>
        rowKey="id"
        rows={audit.data?.items}
        loading={audit.isFetching}
        columns={columns}
        expandable={{
          expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} />,
          rowExpandable: (r) => r.before !== null || r.after !== null,
        }}
        pagination={{
          page: filters.page,
          pageSize: filters.page_size,
          total: audit.data?.total ?? 0,
          onChange: handlePageChange,
        }}
      />
    </>
  );
}
