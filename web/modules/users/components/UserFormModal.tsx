import { Alert, App, Checkbox, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/enums.ts';
import { isApiError } from '../../../api/client.ts';
import type { User } from '../../../api/types.ts';
import { useApiError } from '../../../ui/apiErrors.ts';
import { usePasswordPolicyText, usePasswordRules } from '../../auth/hooks/usePasswordPolicy.ts';
import { ROLES_WITH_UNIT, useCreateUser, useUnitOptions, useUpdateUser } from '../hooks/useUsers.ts';
import { PasswordInput } from './PasswordInput.tsx';

interface Values {
  username: string;
  display_name: string;
  role: Role;
  unit_id: string | null;
  password: string;
  must_change_password: boolean;
  active: boolean;
}

export interface UserFormModalProps {
  open: boolean;
  /** The user to edit; a new user when null. */
  user: User | null;
  onClose: () => void;
}

function valuesOf(u: User | null): Partial<Values> {
  return u
    ? {
        username: u.username,
        display_name: u.display_name,
        role: u.role,
        unit_id: u.unit_id,
        active: u.active,
      }
    : { must_change_password: true, unit_id: null, password: '' };
}

/** New user (username, name, role, unit, initial password) or edit (name, role, unit, active; versioned). */
export function UserFormModal({ open, user, onClose }: UserFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const units = useUnitOptions();
  const { handleFormError } = useApiError();
  const [version, setVersion] = useState<number | undefined>(user?.version);
  const [stale, setStale] = useState(false);
  const role = Form.useWatch('role', form);
  const passwordRules = usePasswordRules(() => form.getFieldValue('username') as string | undefined);
  const policyText = usePasswordPolicyText();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(valuesOf(user));
    setVersion(user?.version);
    setStale(false);
  }, [open, user, form]);

  const handleOk = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      if (user) {
        await update.mutateAsync({
          id: user.id,
          input: {
            version: version ?? user.version,
            display_name: v.display_name.trim(),
            role: v.role,
            unit_id: v.unit_id ?? null,
            active: v.active,
          },
        });
        void message.success(t('common.saved'));
      } else {
        await create.mutateAsync({
          username: v.username.trim(),
          display_name: v.display_name.trim(),
          role: v.role,
          unit_id: v.unit_id ?? null,
          password: v.password,
          must_change_password: v.must_change_password,
        });
        void message.success(t('common.created'));
      }
      onClose();
    } catch (e) {
      if (isApiError(e) && e.isStale) {
        const current = (e.details as { current?: User | null } | undefined)?.current;
        void message.warning(t('errors.stale'));
        setStale(true);
        if (current) {
          form.setFieldsValue(valuesOf(current));
          setVersion(current.version);
        }
        return;
      }
      handleFormError(form, e);
    }
  };

  const unitOptions = (units.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.name} · ${t(`unitKinds.${u.kind}`)}`,
  }));
  const needsUnit = !!role && ROLES_WITH_UNIT.includes(role);

  return (
    <Modal
      open={open}
      title={user ? t('users.editTitle') : t('users.createTitle')}
      onOk={handleOk}
      onCancel={onClose}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={560}
    >
      {stale ? <Alert type="warning" showIcon title={t('users.stale')} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" name="user-form">
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { pattern: /^[A-Za-z0-9_.@-]{2,64}$/, message: t('users.usernamePattern') },
          ]}
        >
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="display_name"
          label={t('users.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('users.displayNameRequired') },
            { max: 100 },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[{ required: true, message: t('users.roleRequired') }]}
        >
          <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="unit_id"
          label={t('users.unit')}
          rules={[{ required: needsUnit, message: t('users.unitRequired') }]}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={unitOptions}
            loading={units.isPending}
            placeholder={t('common.none')}
          />
        </Form.Item>
        {user ? (
          <Form.Item name="active" label={t('users.active')} valuePropName="checked">
            <Switch checkedChildren={t('users.activeYes')} unCheckedChildren={t('users.activeNo')} />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="password"
              label={t('users.initialPassword')}
              extra={policyText}
              dependencies={['username']}
              rules={passwordRules.map((r, i) =>
                i === 0 ? { required: true, message: t('users.passwordRequired') } : r,
              )}
            >
              <PasswordInput />
            </Form.Item>
            <Form.Item name="must_change_password" valuePropName="checked">
              <Checkbox>{t('users.mustChangeOnLogin')}</Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
