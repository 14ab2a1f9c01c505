import { Button } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

/** What shows when even the error page's chunk cannot load (offline, or a release replaced the files). */
function PlainPageError() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: '48px 32px', textAlign: 'center' }}>
      <h3 style={{ fontSize: 24, fontWeight: 500, margin: '0 0 8px' }}>{t('ui.errorTitle')}</h3>
      <p style={{ color: 'rgba(0,0,0,0.45)', margin: '0 0 24px' }}>{t('ui.errorDesc')}</p>
      <Button type="primary" onClick={() => window.location.reload()}>
        {t('common.refresh')}
      </Button>
    </div>
  );
}

// antd's Result brings its 403/404/500 illustrations: it loads when an error shows, not with the first page
const ResultPageError = lazy(() =>
  import('./Results.tsx').then(
    (m) => ({ default: m.PageError }),
    () => ({ default: PlainPageError }),
  ),
);

/** The router's error page (`errorElement`): “页面出错了” and a reload button. */
export function PageError() {
  return (
    <Suspense fallback={null}>
      <ResultPageError />
    </Suspense>
  );
}
