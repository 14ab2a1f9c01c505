import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../../app/auth.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { InspectionList } from '../components/InspectionList.tsx';
import { RectificationTable } from '../components/RectificationTable.tsx';
import { VerificationList } from '../components/VerificationList.tsx';

type Tab = 'verifications' | 'inspections' | 'rectifications';
const TABS: readonly Tab[] = ['verifications', 'inspections', 'rectifications'];
const isTab = (v: string | null): v is Tab => !!v && (TABS as readonly string[]).includes(v);

/** 核查整改: half-year verifications, quarterly inspections and rectification items, one tab each (`?tab=`). */
export function VerificationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const isOffice = me.role === 'office' || me.role === 'admin';
  const wanted = search.get('tab');
  const tab: Tab = isTab(wanted) ? wanted : isOffice ? 'verifications' : 'rectifications';

  return (
    <>
      <PageHeader title={t('verification.title')} subtitle={t('verification.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearch({ tab: k })}
        destroyOnHidden
        items={TABS.map((k) => ({
          key: k,
          label: t(`verification.tabs.${k}`),
          children:
            k === 'verifications' ? (
              <VerificationList canCreate={isOffice} />
            ) : k === 'inspections' ? (
              <InspectionList canCreate={isOffice} />
            ) : (
              <RectificationTable />
            ),
        }))}
      />
    </>
  );
}
