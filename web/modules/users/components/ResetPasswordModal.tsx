import { App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../api/types.ts';
import { useApiError } from '../../../ui/apiErrors.ts';
import { usePasswordPolicyText, usePasswordRules } from '../../auth/hooks/usePasswordPolicy.ts';
import { useResetPassword } from '../hooks/useUsers.ts';
import { PasswordInput } from './PasswordInput.tsx';

export interface ResetPasswordModalProps {
  user: User;
  onClose: () => void;
}

/** Sets a new password; the user must change it at the next sign-in. */
export function ResetPasswordModal({ user, onClose }: ResetPasswordModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetPassword();
  const { handleFormError } = useApiError();
  const rules = usePasswordRules(() => user.username);
  const policyText = usePasswordPolicyText();

  const handleOk = async () => {
    let v: { password: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      await reset.mutateAsync({ id: user.id, password: v.password });
      void message.success(t('users.resetDone'));
      onClose();
    } catch (e) {
      handleFormError(form, e);
    }
  };

  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.display_name })}
      onOk={handleOk}
      onCancel={onClose}
      okText={t('common.save')}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="reset-password-form">
        <Form.Item name="password" label={t('password.new')} extra={policyText} rules={rules}>
          <PasswordInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
