import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../../../ui/apiErrors.ts';
import { useChangePassword } from '../hooks/useChangePassword.ts';
import { usePasswordPolicyText, usePasswordRules } from '../hooks/usePasswordPolicy.ts';

interface Values {
  current_password: string;
  new_password: string;
  confirm: string;
}

export interface ChangePasswordFormProps {
  username: string;
  onChanged: () => void;
}

/** Current password, new password twice; the policy shown; the server's answer under the fields. */
export function ChangePasswordForm({ username, onChanged }: ChangePasswordFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const { handleFormError } = useApiError();
  const newRules = usePasswordRules(() => username);
  const policyText = usePasswordPolicyText();

  const handleFinish = async (values: Values) => {
    try {
      await change.mutateAsync({
        current_password: values.current_password,
        new_password: values.new_password,
      });
      form.resetFields();
      onChanged();
    } catch (e) {
      handleFormError(form, e, { password: 'new_password' });
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={handleFinish}
      requiredMark={false}
      autoComplete="off"
    >
      <Alert type="info" showIcon title={policyText} style={{ marginBottom: 16 }} />
      <Form.Item
        name="current_password"
        label={t('password.current')}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="new_password"
        label={t('password.new')}
        dependencies={['current_password']}
        rules={[
          ...newRules,
          ({ getFieldValue }) => ({
            validator: async (_r, value: unknown) => {
              if (value && value === getFieldValue('current_password'))
                throw new Error(t('password.sameAsCurrent'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['new_password']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_r, value: unknown) => {
              if (value && value !== getFieldValue('new_password')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} block>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
