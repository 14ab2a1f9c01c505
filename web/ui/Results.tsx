import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('ui.notFoundTitle')}
      subTitle={t('ui.notFoundDesc')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('ui.backHome')}
        </Button>
      }
    />
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('ui.forbiddenTitle')}
      subTitle={t('ui.forbiddenDesc')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('ui.backHome')}
        </Button>
      }
    />
  );
}

export function PageError() {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('ui.errorTitle')}
      subTitle={t('ui.errorDesc')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.refresh')}
        </Button>
      }
    />
  );
}
