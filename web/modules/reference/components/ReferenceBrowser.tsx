import {
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Row,
  Table,
  Tag,
  Tree,
  Typography,
  type TreeDataNode,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader.tsx';

/** One reference code (a region or an industry) as the browser shows it. */
export interface RefRow {
  code: string;
  name: string;
  level: string;
  levelLabel: string;
  parent: string | null;
  hasChildren: boolean;
}

export interface ReferenceBrowserProps {
  /** Cache key prefix. */
  kind: 'regions' | 'industries';
  title: string;
  subtitle: string;
  searchPlaceholder: string;
  /** Children of a code; the top level without one. */
  loadChildren: (parent?: string) => Promise<RefRow[]>;
  search: (q: string) => Promise<RefRow[]>;
  /** The chain from the top level down to the code, for the detail panel. */
  loadPath: (code: string) => Promise<Array<{ code: string; name: string }>>;
  /** Extra lines in the detail panel. */
  extraDetail?: (row: RefRow) => Array<{ key: string; label: string; children: ReactNode }>;
  /** A top-level code to show first (the deployment's root region). */
  defaultCode?: string;
}

const SEARCH_LIMIT = 200;

function useDebounced(value: string, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** Browse a reference code list as a lazy tree, or search it by name or code; details on the right. */
export function ReferenceBrowser(props: ReferenceBrowserProps) {
  const {
    kind,
    title,
    subtitle,
    searchPlaceholder,
    loadChildren,
    search,
    loadPath,
    extraDetail,
    defaultCode,
  } = props;
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [childrenOf, setChildrenOf] = useState<Record<string, RefRow[]>>({});
  const [selected, setSelected] = useState<RefRow | null>(null);
  const lang = i18n.language;

  const top = useQuery({ queryKey: [kind, 'browse', lang, 'top'], queryFn: () => loadChildren() });
  const found = useQuery({
    queryKey: [kind, 'browse', lang, 'search', q],
    queryFn: () => search(q),
    enabled: q.length > 0,
  });
  const children = useQuery({
    queryKey: [kind, 'browse', lang, 'children', selected?.code],
    queryFn: () => loadChildren(selected!.code),
    enabled: !!selected?.hasChildren,
  });
  const path = useQuery({
    queryKey: [kind, 'browse', 'path', selected?.code],
    queryFn: () => loadPath(selected!.code),
    enabled: !!selected,
  });

  useEffect(() => {
    setChildrenOf({});
  }, [lang]);

  const first = top.data?.find((r) => r.code === defaultCode);
  useEffect(() => {
    if (first) setSelected((s) => s ?? first);
  }, [first]);

  const byCode = useMemo(() => {
    const m = new Map<string, RefRow>();
    for (const r of top.data ?? []) m.set(r.code, r);
    for (const list of Object.values(childrenOf)) for (const r of list) m.set(r.code, r);
    return m;
  }, [top.data, childrenOf]);

  const treeData = useMemo<TreeDataNode[]>(() => {
    const build = (r: RefRow): TreeDataNode => ({
      key: r.code,
      isLeaf: !r.hasChildren,
      title: (
        <span>
          <Typography.Text code style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>{' '}
          {r.name}
        </span>
      ),
      children: childrenOf[r.code]?.map(build),
    });
    return (top.data ?? []).map(build);
  }, [top.data, childrenOf]);

  const handleLoad = async (node: TreeDataNode) => {
    const code = String(node.key);
    if (childrenOf[code]) return;
    const list = await queryClient.fetchQuery({
      queryKey: [kind, 'browse', lang, 'children', code],
      queryFn: () => loadChildren(code),
    });
    setChildrenOf((prev) => ({ ...prev, [code]: list }));
  };

  const handleSelect = (keys: React.Key[]) => {
    const row = keys.length ? byCode.get(String(keys[0])) : undefined;
    if (row) setSelected(row);
  };

  const rowColumns = [
    { title: t('reference.code'), dataIndex: 'code', key: 'code', width: 100 },
    { title: t('reference.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('reference.level'),
      dataIndex: 'levelLabel',
      key: 'level',
      width: 90,
      render: (v: string) => <Tag>{v}</Tag>,
    },
  ];

  const searching = text.trim().length > 0;

  return (
    <>
      <PageHeader title={title} subtitle={subtitle} />
      <Row gutter={16}>
        <Col span={11}>
          <Card size="small" styles={{ body: { padding: 12 } }}>
            <Input.Search
              allowClear
              placeholder={searchPlaceholder}
              aria-label={searchPlaceholder}
              value={text}
              onChange={(e) => setText(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {searching ? (
              <>
                <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
                  {t('reference.results', { count: found.data?.length ?? 0 })}
                  {(found.data?.length ?? 0) >= SEARCH_LIMIT ? ` · ${t('reference.tooMany')}` : ''}
                </Typography.Text>
                <Table<RefRow>
                  size="small"
                  rowKey="code"
                  loading={found.isFetching || q !== text.trim()}
                  dataSource={found.data}
                  columns={rowColumns}
                  pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
                  onRow={(r) => ({ onClick: () => setSelected(r), style: { cursor: 'pointer' } })}
                  rowClassName={(r) => (r.code === selected?.code ? 'ant-table-row-selected' : '')}
                  data-testid="reference-results"
                />
              </>
            ) : (
              <Tree
                aria-label={t('reference.browse')}
                treeData={treeData}
                loadData={handleLoad}
                onSelect={handleSelect}
                selectedKeys={selected ? [selected.code] : []}
                height={470}
                blockNode
              />
            )}
          </Card>
        </Col>
        <Col span={13}>
          <Card
            size="small"
            title={selected ? selected.name : t('common.detail')}
            data-testid="reference-detail"
          >
            {selected ? (
              <>
                <Descriptions
                  column={2}
                  size="small"
                  bordered
                  styles={{ label: { whiteSpace: 'nowrap', width: 96 } }}
                  items={[
                    { key: 'code', label: t('reference.code'), children: selected.code },
                    { key: 'name', label: t('reference.name'), children: selected.name },
                    { key: 'level', label: t('reference.level'), children: selected.levelLabel },
                    ...(extraDetail?.(selected) ?? []),
                    {
                      key: 'path',
                      label: t('reference.path'),
                      span: 2,
                      children: path.data ? path.data.map((p) => p.name).join(' / ') : '…',
                    },
                  ]}
                />
                <Typography.Title level={3} style={{ fontSize: 14, margin: '16px 0 8px' }}>
                  {t('reference.children')}
                </Typography.Title>
                {selected.hasChildren ? (
                  <Table<RefRow>
                    size="small"
                    rowKey="code"
                    loading={children.isFetching}
                    dataSource={children.data}
                    columns={rowColumns}
                    pagination={{
                      pageSize: 8,
                      hideOnSinglePage: true,
                      showSizeChanger: false,
                      size: 'small',
                    }}
                    onRow={(r) => ({ onClick: () => setSelected(r), style: { cursor: 'pointer' } })}
                  />
                ) : (
                  <Typography.Text type="secondary">{t('reference.noChildren')}</Typography.Text>
                )}
              </>
            ) : (
              <Empty description={t('reference.pickHint')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
