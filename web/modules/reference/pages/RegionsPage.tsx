import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/auth.tsx';
import { api } from '../../../api/client.ts';
import type { Items, Region, RegionDetail } from '../../../api/types.ts';
import { ReferenceBrowser, type RefRow } from '../components/ReferenceBrowser.tsx';

/** GB/T 2260 regions: province → prefecture → county, searchable by name or code prefix. */
export function RegionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const toRow = (r: Region): RefRow => ({
    code: r.code,
    name: r.name,
    level: r.level,
    levelLabel: t(`regionLevels.${r.level}`),
    parent: r.parent,
    hasChildren: r.has_children,
  });

  return (
    <ReferenceBrowser
      kind="regions"
      defaultCode={me.region?.endsWith('0000') ? me.region : me.root_region}
      title={t('reference.regionsTitle')}
      subtitle={t('reference.regionsSubtitle')}
      searchPlaceholder={t('reference.searchRegion')}
      loadChildren={async (parent) =>
        (await api.get<Items<Region>>('/api/v1/regions', { parent })).items.map(toRow)
      }
      search={async (q) => (await api.get<Items<Region>>('/api/v1/regions', { q })).items.map(toRow)}
      loadPath={async (code) => (await api.get<RegionDetail>(`/api/v1/regions/${code}`)).path}
    />
  );
}
