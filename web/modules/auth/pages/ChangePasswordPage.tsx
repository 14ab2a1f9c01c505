import { App, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/auth.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { ChangePasswordForm } from '../components/ChangePasswordForm.tsx';

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();

  const handleChanged = () => {
    void message.success(t('password.otherSessions'));
  };

  return (
    <>
      <PageHeader title={t('password.title')} subtitle={`${me.display_name} · ${me.username}`} />
      <Card style={{ maxWidth: 480 }}>
        <ChangePasswordForm username={me.username} onChanged={handleChanged} />
      </Card>
    </>
  );
}
