import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { Industry, Items } from '../../../api/types.ts';
import { ReferenceBrowser, type RefRow } from '../components/ReferenceBrowser.tsx';

/** The codes above an industry code: section letter, then 2, 3 digits. */
function ancestorsOf(code: string, section: string): Array<{ code: string; level: number }> {
  if (/^[A-T]$/.test(code)) return [];
  const out = [{ code: section, level: 1 }];
  for (let n = 2; n < code.length; n++) out.push({ code: code.slice(0, n), level: n });
  return out;
}

/** GB/T 4754-2017 industries in four levels, searchable by name or code. */
export function IndustriesPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toRow = (i: Industry): RefRow => ({
    code: i.code,
    name: i.name,
    level: String(i.level),
    levelLabel: t(`industryLevels.${i.level}`),
    parent: i.parent,
    hasChildren: i.has_children,
  });
  const list = async (query: Record<string, string | number | undefined>) =>
    (await api.get<Items<Industry>>('/api/v1/industries', query)).items;
  const level = (n: number) =>
    queryClient.fetchQuery({
      queryKey: ['industries', 'level', n],
      queryFn: () => list({ level: n }),
      staleTime: Infinity,
    });

  const loadPath = async (code: string) => {
    const self = (await list({ q: code })).find((i) => i.code === code);
    if (!self) return [];
    const chain = await Promise.all(
      ancestorsOf(code, self.section).map(async (a) => (await level(a.level)).find((i) => i.code === a.code)),
    );
    return [...chain.filter((i): i is Industry => !!i), self].map((i) => ({
      code: i.code,
      name: `${i.code} ${i.name}`,
    }));
  };

  return (
    <ReferenceBrowser
      kind="industries"
      title={t('reference.industriesTitle')}
      subtitle={t('reference.industriesSubtitle')}
      searchPlaceholder={t('reference.searchIndustry')}
      loadChildren={async (parent) => (await list({ parent })).map(toRow)}
      search={async (q) => (await list({ q })).map(toRow)}
      loadPath={loadPath}
    />
  );
}
