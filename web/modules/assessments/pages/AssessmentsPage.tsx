import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../../app/auth.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { AwardsTab } from '../components/AwardsTab.tsx';
import { InterviewsTab } from '../components/InterviewsTab.tsx';
import { RunsTab } from '../components/RunsTab.tsx';
import { SchemesTab } from '../components/SchemesTab.tsx';

const TABS = ['runs', 'schemes', 'interviews', 'awards'] as const;
type TabKey = (typeof TABS)[number];

/** 考核: results (runs), schemes, interviews and awards, one tab each (`?tab=`). */
export function AssessmentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TabKey)
    : 'runs';

  const handleTab = (key: string) => setParams(key === 'runs' ? {} : { tab: key }, { replace: true });

  return (
    <>
      <PageHeader title={t('assessments.title')} subtitle={t('assessments.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={handleTab}
        destroyOnHidden
        items={[
          { key: 'runs', label: t('assessments.tabs.runs'), children: <RunsTab /> },
          ...(me.role === 'district'
            ? []
            : [{ key: 'schemes', label: t('assessments.tabs.schemes'), children: <SchemesTab /> }]),
          { key: 'interviews', label: t('assessments.tabs.interviews'), children: <InterviewsTab /> },
          { key: 'awards', label: t('assessments.tabs.awards'), children: <AwardsTab /> },
        ]}
      />
    </>
  );
}
