import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  ENTERPRISE_TAGS,
  OWNERSHIPS,
  type EnterpriseTag,
  type Ownership,
} from '../../../../shared/schemas/enterprises.ts';
import { useMe } from '../../../app/auth.tsx';
import { CountrySelect } from '../../../ui/CountrySelect.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { useDownload } from '../../../ui/download.ts';
import { ExcelImport } from '../../../ui/ExcelImport.tsx';
import { FilterBar } from '../../../ui/FilterBar.tsx';
import { IndustrySelect } from '../../../ui/IndustrySelect.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { RegionSelect } from '../../../ui/RegionSelect.tsx';
import { useDebouncedValue } from '../../../ui/useDebouncedValue.ts';
import { EnterpriseTags } from '../components/EnterpriseTags.tsx';
import { useEnterpriseList, useInvalidateEnterprises } from '../hooks/useEnterprises.ts';
import type { EnterpriseDto } from '../types.ts';
import { useCountryLabel } from '../utils.ts';

const WRITERS = ['admin', 'office', 'department', 'district'];
const FILTERS = ['q', 'ownership', 'tag', 'hq_region', 'country', 'industry'] as const;
type FilterName = (typeof FILTERS)[number];
const SORTS = ['name', '-created_at', '-updated_at'] as const;
type Sort = (typeof SORTS)[number];

interface FilterValues {
  q?: string;
  ownership?: Ownership;
  tag?: EnterpriseTag;
  hq_region?: string | null;
  country?: string;
  industry?: string | null;
}

function readFilters(sp: URLSearchParams): Partial<Record<FilterName, string>> {
  const f: Partial<Record<FilterName, string>> = {};
  for (const k of FILTERS) {
    const v = sp.get(k);
    if (v) f[k] = v;
  }
  return f;
}

/** 企业库: search, filters, pages, Excel out and in. */
export function EnterpriseListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const writer = WRITERS.includes(me.role);
  const [sp, setSp] = useSearchParams();
  const filters = readFilters(sp);
  const sort: Sort = (SORTS as readonly string[]).includes(sp.get('sort') ?? '')
    ? (sp.get('sort') as Sort)
    : 'name';
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = [20, 50, 100].includes(Number(sp.get('page_size'))) ? Number(sp.get('page_size')) : 20;
  const [form] = Form.useForm<FilterValues>();
  const [q, setQ] = useState(filters.q ?? '');
  const debouncedQ = useDebouncedValue(q.trim(), 350);
  const [importOpen, setImportOpen] = useState(false);
  const { download, downloading } = useDownload();
  const invalidate = useInvalidateEnterprises();
  const countryLabel = useCountryLabel();

  const update = (
    next: Partial<Record<FilterName, string | undefined>>,
    extra: Record<string, string | undefined> = {},
  ) => {
    const n = new URLSearchParams(sp);
    for (const [k, v] of Object.entries({ ...next, ...extra })) {
      if (v) n.set(k, v);
      else n.delete(k);
    }
    if (!('page' in extra)) n.delete('page');
    setSp(n, { replace: true });
  };

  useEffect(() => {
    if ((filters.q ?? '') !== debouncedQ) update({ q: debouncedQ || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the debounced text drives this
  }, [debouncedQ]);

  // the form follows the URL (back/forward, reset, links)
  const filterKey = FILTERS.map((k) => filters[k] ?? '').join('|');
  useEffect(() => {
    form.setFieldsValue({
      ownership: filters.ownership as Ownership | undefined,
      tag: filters.tag as EnterpriseTag | undefined,
      hq_region: filters.hq_region ?? null,
      country: filters.country,
      industry: filters.industry ?? null,
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterKey stands for the filters
  }, [filterKey, form]);

  const query = { ...filters, sort, page, page_size: pageSize };
  const list = useEnterpriseList(query);

  const handleSearch = (v: FilterValues) =>
    update({
      ownership: v.ownership,
      tag: v.tag,
      hq_region: v.hq_region ?? undefined,
      country: v.country,
      industry: v.industry ?? undefined,
      q: q.trim() || undefined,
    });
  const handleReset = () => {
    setQ('');
    setSp(new URLSearchParams(), { replace: true });
  };

  const columns: TableColumnsType<EnterpriseDto> = [
    {
      title: t('enterprises.fields.name'),
      key: 'name',
      width: 250,
      render: (_: unknown, e) => (
        <Link to={`/enterprises/${e.id}`} style={{ fontWeight: 500 }}>
          {e.name}
        </Link>
      ),
    },
    {
      title: t('enterprises.fields.uscc'),
      dataIndex: 'uscc',
      key: 'uscc',
      width: 180,
      render: (v: string | null) =>
        v ? (
          <Typography.Text style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('enterprises.fields.ownership'),
      dataIndex: 'ownership',
      key: 'ownership',
      width: 100,
      render: (o: Ownership) => t(`enterprises.ownership.${o}`),
    },
    {
      title: t('enterprises.fields.hqRegion'),
      key: 'hq',
      width: 110,
      render: (_: unknown, e) =>
        e.country === 'CN' ? (e.hq_region_name ?? '—') : countryLabel(e.country, e.country_name),
    },
    {
      title: t('enterprises.fields.industry'),
      dataIndex: 'industry_name',
      key: 'industry',
      width: 150,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('enterprises.fields.tags'),
      key: 'tags',
      render: (_: unknown, e) => <EnterpriseTags tags={e.tags} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('enterprises.title')}
        subtitle={t('enterprises.subtitle')}
        extra={
          writer ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/enterprises/new')}>
              {t('enterprises.list.create')}
            </Button>
          ) : null
        }
      />
      <FilterBar<FilterValues> form={form} onSearch={handleSearch} onReset={handleReset}>
        <Form.Item label={t('common.keyword')} style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('enterprises.list.search')}
            aria-label={t('enterprises.list.search')}
            style={{ width: 280 }}
            data-testid="enterprise-search"
          />
        </Form.Item>
        <Form.Item name="ownership" label={t('enterprises.fields.ownership')} style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 140 }}
            options={OWNERSHIPS.map((o) => ({ value: o, label: t(`enterprises.ownership.${o}`) }))}
          />
        </Form.Item>
        <Form.Item name="tag" label={t('enterprises.fields.tags')} style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 150 }}
            options={ENTERPRISE_TAGS.map((k) => ({ value: k, label: t(`enterprises.tag.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="hq_region" label={t('enterprises.fields.hqRegion')} style={{ marginBottom: 12 }}>
          <RegionSelect style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="country" label={t('enterprises.fields.country')} style={{ marginBottom: 12 }}>
          <CountrySelect style={{ width: 150 }} placeholder={t('common.all')} />
        </Form.Item>
        <Form.Item name="industry" label={t('enterprises.fields.industry')} style={{ marginBottom: 12 }}>
          <IndustrySelect style={{ width: 180 }} />
        </Form.Item>
      </FilterBar>
      <DataTable<EnterpriseDto>
        rowKey="id"
        rows={list.data?.items}
        loading={list.isFetching}
        columns={columns}
        countLabel={t('enterprises.list.total', { total: list.data?.total ?? 0 })}
        data-testid="enterprises-table"
        pagination={{
          page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: (p, s) =>
            update({}, { page: p > 1 ? String(p) : undefined, page_size: s !== 20 ? String(s) : undefined }),
        }}
        toolbar={
          <>
            <Select<Sort>
              value={sort}
              onChange={(s) => update({}, { sort: s === 'name' ? undefined : s })}
              style={{ width: 190 }}
              aria-label={t('enterprises.list.sortName')}
              options={[
                { value: 'name', label: t('enterprises.list.sortName') },
                { value: '-created_at', label: t('enterprises.list.sortCreated') },
                { value: '-updated_at', label: t('enterprises.list.sortUpdated') },
              ]}
            />
            {writer ? (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
                {t('enterprises.list.import')}
              </Button>
            ) : null}
          </>
        }
        exportSlot={
          <Button
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={() => {
              const { page: _p, page_size: _s, ...rest } = query;
              void download('/api/v1/enterprises.xlsx', t('enterprises.list.exportName'), rest);
            }}
          >
            {t('enterprises.list.export')}
          </Button>
        }
      />
      <ExcelImport
        open={importOpen}
        title={t('enterprises.list.importTitle')}
        importPath="/api/v1/enterprises/import"
        templatePath="/api/v1/enterprises/import-template.xlsx"
        templateName={t('enterprises.list.templateName')}
        onClose={() => setImportOpen(false)}
        onImported={() => void invalidate()}
      />
    </>
  );
}
