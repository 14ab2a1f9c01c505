import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Divider, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { useDebouncedValue } from '../../../ui/useDebouncedValue.ts';
import { useEnterprise } from '../hooks/useEnterprises.ts';
import type { EnterpriseDto } from '../types.ts';

/** Enough of an enterprise to label a chosen value. */
export interface EnterpriseBrief {
  id: string;
  name: string;
  uscc: string | null;
}

export interface EnterpriseSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (id: string | null, enterprise?: EnterpriseBrief) => void;
  /** Labels the value before a search loaded it (e.g. the project's investor). */
  initial?: EnterpriseBrief | null;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  /** Shows “新建企业” under the results; called with what was typed. */
  onCreate?: (typed: string) => void;
  'aria-label'?: string;
}

/** Searches investor enterprises by name or USCC on the server (`GET /api/v1/enterprises?q=`). */
export function EnterpriseSelect({
  id,
  value,
  onChange,
  initial,
  placeholder,
  allowClear = true,
  disabled,
  style,
  onCreate,
  'aria-label': ariaLabel,
}: EnterpriseSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['enterprises', 'pick', q],
    queryFn: ({ signal }) =>
      api.get<Page<EnterpriseDto>>('/api/v1/enterprises', { q: q || undefined, page_size: 20 }, signal),
    staleTime: 30_000,
  });
  const items = found.data?.items ?? [];
  const known = !value || items.some((e) => e.id === value) || initial?.id === value;
  const described = useEnterprise(known ? null : value);
  const current: EnterpriseBrief | null =
    (value && (items.find((e) => e.id === value) ?? (initial?.id === value ? initial : null))) ||
    (described.data ? described.data : null);

  const options = [...(current && !items.some((e) => e.id === current.id) ? [current] : []), ...items].map(
    (e) => ({
      value: e.id,
      label: e.name,
      brief: { id: e.id, name: e.name, uscc: e.uscc },
    }),
  );

  const handleChange = (v: string | undefined) => {
    const o = options.find((x) => x.value === v);
    setSearch('');
    onChange?.(v ?? null, o?.brief);
  };

  return (
    <Select<string>
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={handleChange}
      allowClear={allowClear}
      disabled={disabled}
      style={style}
      placeholder={placeholder}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('ui.searchEmpty')}
      options={options}
      optionRender={(o) => {
        const brief = options.find((x) => x.value === o.value)?.brief;
        return (
          <span>
            {brief?.name}
            {brief?.uscc ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                {brief.uscc}
              </Typography.Text>
            ) : null}
          </span>
        );
      }}
      popupRender={(menu) =>
        onCreate ? (
          <>
            {menu}
            <Divider style={{ margin: '4px 0' }} />
            <Button
              type="link"
              icon={<PlusOutlined />}
              onClick={() => onCreate(search.trim())}
              style={{ width: '100%', textAlign: 'left' }}
            >
              {t('projects.form.investorCreate')}
            </Button>
          </>
        ) : (
          menu
        )
      }
    />
  );
}
