import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UNIT_KINDS, type UnitKind } from '../../../../shared/enums.ts';
import type { Unit } from '../../../api/types.ts';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { FilterBar } from '../../../ui/FilterBar.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { RegionSelect } from '../../../ui/RegionSelect.tsx';
import { UnitFormModal } from '../components/UnitFormModal.tsx';
import { useDeleteUnit, useUnits, type UnitFilters } from '../hooks/useUnits.ts';

const KIND_COLORS: Record<UnitKind, string> = {
  office: 'red',
  department: 'blue',
  district: 'green',
  zone: 'cyan',
  street: 'lime',
  liaison: 'purple',
  other: 'default',
};

interface FilterValues {
  kind?: UnitKind;
  q?: string;
  region?: string | null;
}

/** The organisation chart: everyone on staff reads it (districts see their own region), admins maintain it. */
export function UnitsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const isAdmin = me.role === 'admin';
  const { message } = App.useApp();
  const { showError } = useApiError();
  const [filterForm] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<UnitFilters>({});
  const [editing, setEditing] = useState<{ unit: Unit | null } | null>(null);
  const units = useUnits(filters);
  const remove = useDeleteUnit();

  const handleSearch = (v: FilterValues) =>
    setFilters({ kind: v.kind || undefined, q: v.q?.trim() || undefined, region: v.region || undefined });

  const handleDelete = async (u: Unit) => {
    try {
      await remove.mutateAsync(u.id);
      void message.success(t('common.deleted'));
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<Unit> = [
    {
      title: t('units.name'),
      dataIndex: 'name',
      key: 'name',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: t('units.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 150,
      render: (k: UnitKind) => <Tag color={KIND_COLORS[k]}>{t(`unitKinds.${k}`)}</Tag>,
    },
    {
      title: t('units.region'),
      key: 'region',
      width: 180,
      render: (_: unknown, u) => (
        <span>
          {u.region_name ?? ''}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.region}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('units.parent'),
      dataIndex: 'parent_name',
      key: 'parent',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('units.updatedAt'),
      dataIndex: 'updated_at',
      key: 'updated_at',
      width: 150,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
  ];
  if (isAdmin) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, u) => (
        <Space size={4}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ unit: u })}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('common.confirmDelete', { name: u.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => handleDelete(u)}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('units.title')}
        subtitle={t('units.subtitle')}
        extra={
          isAdmin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ unit: null })}>
              {t('units.create')}
            </Button>
          ) : null
        }
      />
      {isAdmin ? null : (
        <Alert type="info" showIcon title={t('units.readOnlyHint')} style={{ marginBottom: 12 }} />
      )}
      <FilterBar<FilterValues> form={filterForm} onSearch={handleSearch}>
        <Form.Item name="kind" label={t('units.kind')} style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 170 }}
            options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="region" label={t('units.region')} style={{ marginBottom: 12 }}>
          <RegionSelect root={me.region ?? me.root_region} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="q" label={t('common.keyword')} style={{ marginBottom: 12 }}>
          <Input allowClear placeholder={t('units.searchPlaceholder')} style={{ width: 200 }} />
        </Form.Item>
      </FilterBar>
      <DataTable<Unit>
        rowKey="id"
        rows={units.data?.items}
        loading={units.isFetching}
        columns={columns}
        countLabel={t('units.count', { count: units.data?.items.length ?? 0 })}
        data-testid="units-table"
      />
      {editing ? <UnitFormModal open unit={editing.unit} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
