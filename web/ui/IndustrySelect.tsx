import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Industry, Items } from '../api/types.ts';
import { ReferenceTreeSelect, type RefNode, type RefSource } from './ReferenceTreeSelect.tsx';

export interface IndustrySelectProps {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** Picks a GB/T 4754-2017 industry: section → division → group → class, or searches names and codes. */
export function IndustrySelect({ placeholder, ...rest }: IndustrySelectProps) {
  const { t, i18n } = useTranslation();
  const sourceKey = `all:${i18n.language}`;
  const source = useMemo<RefSource>(() => {
    const toNode = (i: Industry): RefNode => ({
      code: i.code,
      name: i.name,
      parent: i.parent,
      hasChildren: i.has_children,
      hint: t(`industryLevels.${i.level}`),
    });
    const list = async (query: Record<string, string | undefined>) =>
      (await api.get<Items<Industry>>('/api/v1/industries', query)).items.map(toNode);
    return {
      key: 'industries',
      roots: () => list({}),
      children: (code) => list({ parent: code }),
      search: (q) => list({ q }),
      describe: async (code) => (await list({ q: code })).find((n) => n.code === code) ?? null,
    };
  }, [t]);

  return (
    <ReferenceTreeSelect
      source={source}
      key={sourceKey}
      sourceKey={sourceKey}
      placeholder={placeholder ?? t('ui.industryPlaceholder')}
      {...rest}
    />
  );
}
