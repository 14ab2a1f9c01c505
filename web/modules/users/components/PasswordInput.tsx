import { Button, Input, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { generatePassword, usePasswordPolicy } from '../../auth/hooks/usePasswordPolicy.ts';

export interface PasswordInputProps {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

/** A visible password field with 生成 (a random password that meets the policy). */
export function PasswordInput({ id, value, onChange }: PasswordInputProps) {
  const { t } = useTranslation();
  const policy = usePasswordPolicy();
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input id={id} value={value} onChange={(e) => onChange?.(e.target.value)} autoComplete="new-password" />
      <Tooltip title={t('users.generateHint')}>
        <Button onClick={() => onChange?.(generatePassword(policy.min_length))}>
          {t('common.generate')}
        </Button>
      </Tooltip>
    </Space.Compact>
  );
}
