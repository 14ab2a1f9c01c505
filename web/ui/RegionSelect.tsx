import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Items, Region, RegionDetail } from '../api/types.ts';
import { ReferenceTreeSelect, type RefNode, type RefSource } from './ReferenceTreeSelect.tsx';

export interface RegionSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null) => void;
  /** Start the tree at this region (e.g. the deployment's root region); all of China otherwise. */
  root?: string;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** Picks a GB/T 2260 region: expands province → prefecture → county, or searches names and codes. */
export function RegionSelect({ root, placeholder, ...rest }: RegionSelectProps) {
  const { t, i18n } = useTranslation();
  const sourceKey = `${root ?? 'all'}:${i18n.language}`;
  const source = useMemo<RefSource>(() => {
    const toNode = (r: Region): RefNode => ({
      code: r.code,
      name: r.name,
      parent: r.parent,
      hasChildren: r.has_children,
      hint: t(`regionLevels.${r.level}`),
    });
    const describe = async (code: string): Promise<RefNode | null> => {
      const d = await api.get<RegionDetail>(`/api/v1/regions/${encodeURIComponent(code)}`);
      return {
        code: d.code,
        name: d.path.map((p) => p.name).join(' / '),
        parent: d.parent,
        hasChildren: d.level !== 'county',
        hint: t(`regionLevels.${d.level}`),
      };
    };
    return {
      key: 'regions',
      roots: async () => {
        if (root) {
          const r = await describe(root);
          return r ? [r] : [];
        }
        return (await api.get<Items<Region>>('/api/v1/regions')).items.map(toNode);
      },
      children: async (code) =>
        (await api.get<Items<Region>>('/api/v1/regions', { parent: code })).items.map(toNode),
      search: async (q) =>
        (await api.get<Items<Region>>('/api/v1/regions', { q, parent: root })).items.map(toNode),
      describe,
    };
  }, [root, t]);

  return (
    <ReferenceTreeSelect
      source={source}
      key={sourceKey}
      sourceKey={sourceKey}
      placeholder={placeholder ?? t('ui.regionPlaceholder')}
      {...rest}
    />
  );
}
