import { Spin, TreeSelect, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One node of a reference code tree (regions, industries). */
export interface RefNode {
  code: string;
  name: string;
  parent: string | null;
  hasChildren: boolean;
  /** A short word shown after the name (level). */
  hint?: string;
}

export interface RefSource {
  /** Cache key prefix, e.g. 'regions'. */
  key: string;
  roots: () => Promise<RefNode[]>;
  children: (code: string) => Promise<RefNode[]>;
  search: (q: string) => Promise<RefNode[]>;
  /** One node by code, to label a value not loaded yet. */
  describe: (code: string) => Promise<RefNode | null>;
}

export interface ReferenceTreeSelectProps {
  source: RefSource;
  /** Part of the cache key: changes when `source` would load other roots. */
  sourceKey: string;
  id?: string;
  value?: string | null;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

interface TreeNode {
  id: string;
  pId?: string;
  value: string;
  title: ReactNode;
  label: string;
  isLeaf: boolean;
}

interface Labeled {
  value: string;
  label: ReactNode;
}

function labelOf(n: RefNode) {
  return `${n.name}（${n.code}）`;
}

function titleOf(n: RefNode): ReactNode {
  return (
    <span>
      {n.name}{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {n.code}
        {n.hint ? ` · ${n.hint}` : ''}
      </Typography.Text>
    </span>
  );
}

function useDebounced(value: string, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** An async tree select over a reference code list: expands level by level, searches on the server. */
export function ReferenceTreeSelect({
  source,
  sourceKey,
  id,
  value,
  onChange,
  placeholder,
  disabled,
  allowClear = true,
  style,
  'aria-label': ariaLabel,
}: ReferenceTreeSelectProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [childrenOf, setChildrenOf] = useState<Record<string, RefNode[]>>({});
  const q = useDebounced(search.trim(), 250);
  const searching = search.trim().length > 0;

  const roots = useQuery({
    queryKey: [source.key, 'roots', sourceKey],
    queryFn: source.roots,
    staleTime: Infinity,
  });
  const found = useQuery({
    queryKey: [source.key, 'search', sourceKey, q],
    queryFn: () => source.search(q),
    enabled: q.length > 0,
    staleTime: Infinity,
  });

  const known = useMemo(() => {
    const m = new Map<string, RefNode>();
    for (const n of roots.data ?? []) m.set(n.code, n);
    for (const list of Object.values(childrenOf)) for (const n of list) m.set(n.code, n);
    for (const n of found.data ?? []) m.set(n.code, n);
    return m;
  }, [roots.data, childrenOf, found.data]);

  const described = useQuery({
    queryKey: [source.key, 'describe', sourceKey, value],
    queryFn: () => source.describe(value!),
    enabled: !!value && !known.has(value),
    staleTime: Infinity,
  });

  const treeData = useMemo<TreeNode[]>(() => {
    const out: TreeNode[] = [];
    const add = (n: RefNode, pId?: string) => {
      out.push({
        id: n.code,
        pId,
        value: n.code,
        title: titleOf(n),
        label: labelOf(n),
        isLeaf: !n.hasChildren,
      });
      for (const c of childrenOf[n.code] ?? []) add(c, n.code);
    };
    for (const r of roots.data ?? []) add(r);
    return out;
  }, [roots.data, childrenOf]);

  const searchData = useMemo<TreeNode[]>(
    () =>
      (found.data ?? []).map((n) => ({
        id: n.code,
        value: n.code,
        title: titleOf(n),
        label: labelOf(n),
        isLeaf: true,
      })),
    [found.data],
  );

  const handleLoad = async (node: { value?: unknown }) => {
    const code = String(node.value);
    if (childrenOf[code]) return;
    const list = await queryClient.fetchQuery({
      queryKey: [source.key, 'children', sourceKey, code],
      queryFn: () => source.children(code),
      staleTime: Infinity,
    });
    setChildrenOf((prev) => ({ ...prev, [code]: list }));
  };

  const handleChange = (v: Labeled | undefined | null) => {
    setSearch('');
    onChange?.(v ? v.value : null);
  };

  const handleOpenChange = (open: boolean) => {
    if (!open) setSearch('');
  };

  const current = value ? (known.get(value) ?? described.data ?? null) : null;
  const labeled: Labeled | undefined = value
    ? { value, label: current ? labelOf(current) : value }
    : undefined;
  const loading = roots.isPending || (searching && (found.isFetching || q !== search.trim()));

  return (
    <TreeSelect<Labeled>
      id={id}
      aria-label={ariaLabel}
      style={style}
      value={labeled}
      labelInValue
      onChange={handleChange}
      onOpenChange={handleOpenChange}
      treeDataSimpleMode
      treeData={searching ? searchData : treeData}
      loadData={searching ? undefined : handleLoad}
      treeNodeLabelProp="label"
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder}
      notFoundContent={loading ? <Spin size="small" /> : t('ui.searchEmpty')}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
      listHeight={360}
    />
  );
}
