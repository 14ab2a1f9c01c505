import { EditOutlined, KeyOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Badge, Button, Form, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/enums.ts';
import type { User } from '../../../api/types.ts';
import { useApiError } from '../../../ui/apiErrors.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { FilterBar } from '../../../ui/FilterBar.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { ResetPasswordModal } from '../components/ResetPasswordModal.tsx';
import { UserFormModal } from '../components/UserFormModal.tsx';
import { useUnitOptions, useUnlockUser, useUsers, type UserFilters } from '../hooks/useUsers.ts';

interface FilterValues {
  role?: Role;
  unit_id?: string;
  q?: string;
}

/** Accounts: create, change role/unit/active, reset the password, unlock after failed sign-ins. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const [filterForm] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<UserFilters>({ page: 1, page_size: 20 });
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const users = useUsers(filters);
  const units = useUnitOptions();
  const unlock = useUnlockUser();

  const handleSearch = (v: FilterValues) =>
    setFilters((f) => ({ ...f, page: 1, role: v.role, unit_id: v.unit_id, q: v.q?.trim() || undefined }));
  const handlePageChange = (page: number, pageSize: number) =>
    setFilters((f) => ({ ...f, page: pageSize === f.page_size ? page : 1, page_size: pageSize }));

  const handleUnlock = async (u: User) => {
    try {
      await unlock.mutateAsync(u.id);
      void message.success(t('users.unlocked'));
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('users.displayName'), dataIndex: 'display_name', key: 'display_name' },
    {
      title: t('users.role'),
      dataIndex: 'role',
      key: 'role',
      render: (r: Role) => <Tag>{t(`roles.${r}`)}</Tag>,
    },
    { title: t('users.unit'), dataIndex: 'unit_name', key: 'unit', render: (v: string | null) => v ?? '—' },
    {
      title: t('users.active'),
      key: 'status',
      render: (_: unknown, u) => (
        <Space size={4} wrap>
          <Badge
            status={u.active ? 'success' : 'default'}
            text={u.active ? t('users.activeYes') : t('users.activeNo')}
          />
          {u.locked ? <Tag color="red">{t('users.locked')}</Tag> : null}
          {u.must_change_password ? <Tag color="orange">{t('users.mustChange')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'last_login_at',
      key: 'last_login_at',
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, u) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ user: u })}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
            {t('users.resetPassword')}
          </Button>
          {u.locked ? (
            <Button type="link" size="small" icon={<UnlockOutlined />} onClick={() => handleUnlock(u)}>
              {t('users.unlock')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })}>
            {t('users.create')}
          </Button>
        }
      />
      <FilterBar<FilterValues> form={filterForm} onSearch={handleSearch}>
        <Form.Item name="role" label={t('users.role')} style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 190 }}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="unit_id" label={t('users.unit')} style={{ marginBottom: 12 }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('common.all')}
            style={{ width: 220 }}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="q" label={t('common.keyword')} style={{ marginBottom: 12 }}>
          <Input allowClear placeholder={t('users.searchPlaceholder')} style={{ width: 190 }} />
        </Form.Item>
      </FilterBar>
      <DataTable<User>
        rowKey="id"
        rows={users.data?.items}
        loading={users.isFetching}
        columns={columns}
        pagination={{
          page: filters.page,
          pageSize: filters.page_size,
          total: users.data?.total ?? 0,
          onChange: handlePageChange,
        }}
      />
      {editing ? <UserFormModal open user={editing.user} onClose={() => setEditing(null)} /> : null}
      {resetting ? <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} /> : null}
    </>
  );
}
