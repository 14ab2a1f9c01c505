import { Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../../app/auth.tsx';
import { LanguageSwitch } from '../../../ui/LanguageSwitch.tsx';
import { ChangePasswordForm } from '../components/ChangePasswordForm.tsx';

/** While `must_change_password`, the API refuses everything else (403 PASSWORD_CHANGE_REQUIRED). */
export function ForcedPasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh, logout } = useAuth();

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 24 }} vertical gap={16}>
      <Flex align="center" gap={10}>
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('app.title')}
        </Typography.Text>
      </Flex>
      <Card style={{ width: 440 }}>
        <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
          {t('password.forcedTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('password.forcedHint')}</Typography.Paragraph>
        <Typography.Paragraph>
          {me.display_name} · {me.username}
        </Typography.Paragraph>
        <ChangePasswordForm username={me.username} onChanged={() => void refresh()} />
      </Card>
      <Flex gap={8}>
        <LanguageSwitch />
        <Button type="text" onClick={() => void logout()}>
          {t('userMenu.logout')}
        </Button>
      </Flex>
    </Flex>
  );
}
