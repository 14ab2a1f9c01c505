import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Badge, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPITAL_KINDS, STAGES } from '../../../../shared/enums.ts';
import { compareDec } from '../../../../shared/money.ts';
import { NON_NEGATIVE_MONEY_PATTERN } from '../../../../shared/money.ts';
import { INTRODUCER_KINDS, KEY_LEVELS } from '../../../../shared/schemas/projects.ts';
import { useMe } from '../../../app/auth.tsx';
import { CountrySelect } from '../../../ui/CountrySelect.tsx';
import { FilterBar } from '../../../ui/FilterBar.tsx';
import { IndustrySelect } from '../../../ui/IndustrySelect.tsx';
import { RegionSelect } from '../../../ui/RegionSelect.tsx';
import { EnterpriseSelect } from '../../enterprises/components/EnterpriseSelect.tsx';
import { useUnits } from '../../units/hooks/useUnits.ts';
import { useLeaders } from '../hooks/useLeaders.ts';
import {
  FILTER_KEYS,
  filtersFromForm,
  formFromFilters,
  type FilterFormValues,
  type Filters,
} from '../utils/filters.ts';

export interface ProjectFilterBarProps {
  filters: Filters;
  onChange: (filters: Filters) => void;
  /** Only the main filters (board view). */
  compact?: boolean;
}

const TYPED: ReadonlyArray<keyof FilterFormValues> = [
  'q',
  'planned_min',
  'planned_max',
  'contracted_min',
  'contracted_max',
];
const ADVANCED: ReadonlyArray<keyof Filters> = FILTER_KEYS.filter(
  (k) => !['q', 'region', 'stage', 'industry'].includes(k),
);
const item = { style: { marginBottom: 12 } };

const same = (a: Filters, b: Filters) => FILTER_KEYS.every((k) => (a[k] ?? '') === (b[k] ?? ''));

/**
 * Every filter of the project list: the main ones in a row, the others behind “更多筛选”. Choices apply at
 * once, typed text (search, amounts) after a pause; the form follows the URL (saved views, back, reset).
 */
export function ProjectFilterBar({ filters, onChange, compact }: ProjectFilterBarProps) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<FilterFormValues>();
  const advancedCount = ADVANCED.filter((k) => filters[k]).length;
  const [expanded, setExpanded] = useState(!compact && advancedCount > 0);
  const timer = useRef<number | undefined>(undefined);
  const units = useUnits();
  const leaders = useLeaders();
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // follow the URL
  const filterKey = JSON.stringify(filters);
  useEffect(() => {
    const now = filtersFromForm(form.getFieldsValue(true) as FilterFormValues);
    if (!same(now, filters)) form.setFieldsValue(formFromFilters(filters));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterKey stands for filters
  }, [filterKey, form]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const apply = async () => {
    window.clearTimeout(timer.current);
    try {
      await form.validateFields(['planned_min', 'planned_max', 'contracted_min', 'contracted_max']);
    } catch {
      return;
    }
    const next = filtersFromForm(form.getFieldsValue(true) as FilterFormValues);
    if (compact) next.stage = undefined;
    onChangeRef.current(next);
  };

  const handleValuesChange = (changed: Partial<FilterFormValues>) => {
    if ('origin_country' in changed && changed.origin_country) form.setFieldValue('origin_region', null);
    if ('origin_region' in changed && changed.origin_region) form.setFieldValue('origin_country', undefined);
    window.clearTimeout(timer.current);
    const typed = Object.keys(changed).some((k) => TYPED.includes(k as keyof FilterFormValues));
    timer.current = window.setTimeout(() => void apply(), typed ? 450 : 0);
  };

  const handleReset = () => {
    form.setFieldsValue(formFromFilters({}));
    onChangeRef.current({});
  };

  const moneyRule = { pattern: NON_NEGATIVE_MONEY_PATTERN, message: t('projects.filters.amountInvalid') };
  const rangeRule = (minField: 'planned_min' | 'contracted_min') => ({
    validator: async (_r: unknown, max: string | undefined) => {
      const min = form.getFieldValue(minField) as string | undefined;
      if (
        min &&
        max &&
        NON_NEGATIVE_MONEY_PATTERN.test(min) &&
        NON_NEGATIVE_MONEY_PATTERN.test(max) &&
        compareDec(min, max) > 0
      )
        throw new Error(t('projects.filters.rangeInvalid'));
    },
  });
  const yesNo = [
    { value: 'true', label: t('common.yes') },
    { value: 'false', label: t('common.no') },
  ];
  const unitOptions = (units.data?.items ?? []).map((u) => ({
    value: u.id,
    label: u.region_name ? `${u.name}（${u.region_name}）` : u.name,
  }));
  const normalizeMoney = (v: string | undefined) => (v ?? '').replace(/[,，\s]/g, '');

  return (
    <FilterBar<FilterFormValues>
      form={form}
      initialValues={formFromFilters(filters)}
      onSearch={() => void apply()}
      onReset={handleReset}
      onValuesChange={handleValuesChange}
    >
      <Form.Item name="q" label={t('common.keyword')} {...item}>
        <Input
          allowClear
          placeholder={t('projects.filters.q')}
          aria-label={t('projects.filters.q')}
          style={{ width: compact ? 200 : 280 }}
          data-testid="project-search"
        />
      </Form.Item>
      <Form.Item name="region" label={t('projects.fields.region')} {...item}>
        <RegionSelect root={me.region ?? me.root_region} style={{ width: compact ? 150 : 170 }} />
      </Form.Item>
      {compact ? null : (
        <Form.Item name="stage" label={t('projects.fields.stage')} {...item}>
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('common.all')}
            style={{ width: 200 }}
            options={STAGES.map((s) => ({ value: s, label: t(`projects.stage.${s}`) }))}
          />
        </Form.Item>
      )}
      <Form.Item name="industry" label={t('projects.fields.industry')} {...item}>
        <IndustrySelect style={{ width: compact ? 150 : 170 }} />
      </Form.Item>
      <Form.Item {...item}>
        <Button
          type="link"
          onClick={() => setExpanded((e) => !e)}
          aria-expanded={expanded}
          style={{ paddingInline: 4 }}
        >
          <Badge count={advancedCount} size="small" offset={[8, -4]}>
            <span style={{ color: 'inherit' }}>
              {expanded ? t('projects.filters.less') : t('projects.filters.more')}
            </span>
          </Badge>{' '}
          {expanded ? <UpOutlined /> : <DownOutlined />}
        </Button>
      </Form.Item>
      <Form.Item name="capital_kind" label={t('projects.fields.capitalKind')} hidden={!expanded} {...item}>
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 100 }}
          options={CAPITAL_KINDS.map((k) => ({ value: k, label: t(`projects.capitalKind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="key_level" label={t('projects.fields.keyLevel')} hidden={!expanded} {...item}>
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 120 }}
          options={[...KEY_LEVELS, 'any' as const, 'none' as const].map((k) => ({
            value: k,
            label: t(`projects.keyLevel.${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="major" label={t('projects.fields.major')} hidden={!expanded} {...item}>
        <Select allowClear placeholder={t('common.all')} style={{ width: 80 }} options={yesNo} />
      </Form.Item>
      <Form.Item name="investor_id" label={t('projects.fields.investor')} hidden={!expanded} {...item}>
        <EnterpriseSelect placeholder={t('projects.filters.investorPlaceholder')} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="unit_id" label={t('projects.fields.unit')} hidden={!expanded} {...item}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('projects.filters.unitPlaceholder')}
          style={{ width: 200 }}
          options={unitOptions}
        />
      </Form.Item>
      <Form.Item
        name="responsible_unit_id"
        label={t('projects.fields.responsibleUnit')}
        hidden={!expanded}
        {...item}
      >
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('projects.filters.unitPlaceholder')}
          style={{ width: 200 }}
          options={unitOptions}
        />
      </Form.Item>
      <Form.Item
        name="guarantor_id"
        label={t('projects.fields.guarantor')}
        hidden={!expanded || !leaders.available}
        {...item}
      >
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('projects.filters.guarantorPlaceholder')}
          style={{ width: 150 }}
          options={leaders.leaders.map((l) => ({ value: l.id, label: l.display_name }))}
        />
      </Form.Item>
      <Form.Item label={t('projects.filters.origin')} hidden={!expanded} {...item}>
        <Space.Compact>
          <Form.Item name="origin_region" noStyle>
            <RegionSelect style={{ width: 150 }} aria-label={t('projects.form.originRegion')} />
          </Form.Item>
          <Form.Item name="origin_country" noStyle>
            <CountrySelect
              excludeChina
              style={{ width: 140 }}
              placeholder={t('projects.form.originCountry')}
              aria-label={t('projects.form.originCountry')}
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item
        name="introducer_kind"
        label={t('projects.fields.introducerKind')}
        hidden={!expanded}
        {...item}
      >
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 130 }}
          options={INTRODUCER_KINDS.map((k) => ({ value: k, label: t(`projects.introducerKind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="polluting" label={t('projects.fields.polluting')} hidden={!expanded} {...item}>
        <Select allowClear placeholder={t('common.all')} style={{ width: 80 }} options={yesNo} />
      </Form.Item>
      <Form.Item
        name="outdated_capacity"
        label={t('projects.fields.outdatedCapacity')}
        hidden={!expanded}
        {...item}
      >
        <Select allowClear placeholder={t('common.all')} style={{ width: 80 }} options={yesNo} />
      </Form.Item>
      <Form.Item label={t('projects.filters.plannedRange')} hidden={!expanded} {...item}>
        <Space.Compact>
          <Form.Item name="planned_min" noStyle rules={[moneyRule]} normalize={normalizeMoney}>
            <Input
              style={{ width: 100 }}
              placeholder={t('projects.filters.min')}
              aria-label={`${t('projects.filters.plannedRange')} ${t('projects.filters.min')}`}
            />
          </Form.Item>
          <Form.Item
            name="planned_max"
            noStyle
            rules={[moneyRule, rangeRule('planned_min')]}
            dependencies={['planned_min']}
            normalize={normalizeMoney}
          >
            <Input
              style={{ width: 100 }}
              placeholder={t('projects.filters.max')}
              aria-label={`${t('projects.filters.plannedRange')} ${t('projects.filters.max')}`}
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item label={t('projects.filters.contractedRange')} hidden={!expanded} {...item}>
        <Space.Compact>
          <Form.Item name="contracted_min" noStyle rules={[moneyRule]} normalize={normalizeMoney}>
            <Input
              style={{ width: 100 }}
              placeholder={t('projects.filters.min')}
              aria-label={`${t('projects.filters.contractedRange')} ${t('projects.filters.min')}`}
            />
          </Form.Item>
          <Form.Item
            name="contracted_max"
            noStyle
            rules={[moneyRule, rangeRule('contracted_min')]}
            dependencies={['contracted_min']}
            normalize={normalizeMoney}
          >
            <Input
              style={{ width: 100 }}
              placeholder={t('projects.filters.max')}
              aria-label={`${t('projects.filters.contractedRange')} ${t('projects.filters.max')}`}
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="expected" label={t('projects.filters.expectedRange')} hidden={!expanded} {...item}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="stage_dates" label={t('projects.filters.stageDateRange')} hidden={!expanded} {...item}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="created" label={t('projects.filters.createdRange')} hidden={!expanded} {...item}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 240 }} />
      </Form.Item>
    </FilterBar>
  );
}
