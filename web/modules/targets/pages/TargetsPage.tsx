import { CloseOutlined, EditOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { dec, NON_NEGATIVE_MONEY_PATTERN, sumMoney } from '../../../../shared/money.ts';
import { currentMonthCst } from '../../../../shared/month.ts';
import { api } from '../../../api/client.ts';
import type { RegionDetail } from '../../../api/types.ts';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { Money } from '../../../ui/Money.tsx';
import { YearPicker } from '../../../ui/MonthPicker.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { TargetsExcel } from '../../assessments/components/TargetsExcel.tsx';
import { Percent } from '../../../ui/Percent.tsx';
import { useSaveTarget, useTargets } from '../hooks/useTargets.ts';
import type { TargetItem } from '../types.ts';

interface Row extends TargetItem {
  /** the deployment's root itself (the city's own goals) */
  own: boolean;
}

interface EditValues {
  domestic: string;
  foreign: string;
  growth_rate?: string;
  beijing_share?: string;
  top500_count?: number | null;
}

const PERCENT = /^-?\d{1,5}(\.\d{1,2})?$/;
const toPercentText = (ratio: string | null) => (ratio === null ? '' : dec(ratio).times(100).toFixed());
const toRatio = (percent: string | undefined) =>
  percent && percent.trim() ? dec(percent.trim()).div(100).toFixed(4) : null;

/** 年度目标: targets of the year for the regions under the root and the city's own goals; office edits inline. */
export function TargetsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const [search, setSearch] = useSearchParams();
  const thisYear = Number(currentMonthCst().slice(0, 4));
  const wanted = Number(search.get('year'));
  const year = Number.isInteger(wanted) && wanted >= 2000 && wanted <= thisYear + 1 ? wanted : thisYear;
  const canEdit = me.role === 'office' || me.role === 'admin';
  const targets = useTargets(year);
  const save = useSaveTarget();
  const [form] = Form.useForm<EditValues>();
  const [editing, setEditing] = useState<string | null>(null);
  const root = targets.data?.parent ?? me.root_region;
  const rootRegion = useQuery({
    queryKey: ['regions', 'detail', root],
    queryFn: ({ signal }) => api.get<RegionDetail>(`/api/v1/regions/${root}`, undefined, signal),
  });

  const d = targets.data;
  const own: Row | null =
    d && canEdit
      ? {
          year,
          region: d.parent,
          name: rootRegion.data?.name ?? d.parent,
          domestic: d.parent_target?.domestic ?? null,
          foreign: d.parent_target?.foreign ?? null,
          growth_rate: d.parent_target?.growth_rate ?? null,
          beijing_share: d.parent_target?.beijing_share ?? null,
          top500_count: d.parent_target?.top500_count ?? null,
          updated_at: null,
          version: 0,
          own: true,
        }
      : null;
  const rows: Row[] = [...(own ? [own] : []), ...(d?.items ?? []).map((i) => ({ ...i, own: false }))];
  const items = d?.items ?? [];

  const handleEdit = (r: Row) => {
    form.setFieldsValue({
      domestic: r.domestic ?? '',
      foreign: r.foreign ?? '',
      growth_rate: toPercentText(r.growth_rate),
      beijing_share: toPercentText(r.beijing_share),
      top500_count: r.top500_count,
    });
    setEditing(r.region);
  };

  const handleSave = async (r: Row) => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync({
        year,
        region: r.region,
        input: {
          domestic: v.domestic.trim(),
          foreign: v.foreign.trim(),
          growth_rate: toRatio(v.growth_rate),
          beijing_share: toRatio(v.beijing_share),
          top500_count: v.top500_count ?? null,
        },
      });
      void message.success(t('targets.saved', { name: r.name, year }));
      setEditing(null);
    } catch (e) {
      showError(e);
    }
  };

  const amountRules = [
    { required: true, whitespace: true, message: t('targets.amountRequired') },
    { pattern: NON_NEGATIVE_MONEY_PATTERN, message: t('targets.amountInvalid') },
  ];
  const percentRules = [{ pattern: PERCENT, message: t('targets.percentInvalid') }];

  const cell = (r: Row, view: ReactNode, edit: ReactNode) => (editing === r.region ? edit : view);
  const columns: TableColumnsType<Row> = [
    {
      title: t('targets.region'),
      key: 'region',
      render: (_: unknown, r) => (
        <span>
          <Typography.Text strong={r.own}>{r.name}</Typography.Text>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.region}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('targets.domestic'),
      key: 'domestic',
      width: 170,
      align: 'right',
      render: (_: unknown, r) =>
        cell(
          r,
          r.domestic === null ? (
            <Typography.Text type="secondary">{t('targets.notSet')}</Typography.Text>
          ) : (
            <Money value={r.domestic} />
          ),
          <Form.Item name="domestic" rules={amountRules} style={{ margin: 0 }}>
            <Input inputMode="decimal" aria-label={t('targets.domestic')} style={{ textAlign: 'right' }} />
          </Form.Item>,
        ),
    },
    {
      title: t('targets.foreign'),
      key: 'foreign',
      width: 170,
      align: 'right',
      render: (_: unknown, r) =>
        cell(
          r,
          r.foreign === null ? (
            <Typography.Text type="secondary">{t('targets.notSet')}</Typography.Text>
          ) : (
            <Money value={r.foreign} />
          ),
          <Form.Item name="foreign" rules={amountRules} style={{ margin: 0 }}>
            <Input inputMode="decimal" aria-label={t('targets.foreign')} style={{ textAlign: 'right' }} />
          </Form.Item>,
        ),
    },
    {
      title: t('targets.growthRate'),
      key: 'growth_rate',
      width: 118,
      align: 'right',
      render: (_: unknown, r) =>
        cell(
          r,
          <Percent value={r.growth_rate} />,
          <Form.Item name="growth_rate" rules={percentRules} style={{ margin: 0 }}>
            <Input suffix="%" inputMode="decimal" aria-label={t('targets.growthRate')} />
          </Form.Item>,
        ),
    },
    {
      title: t('targets.beijingShare'),
      key: 'beijing_share',
      width: 128,
      align: 'right',
      render: (_: unknown, r) =>
        cell(
          r,
          <Percent value={r.beijing_share} />,
          <Form.Item name="beijing_share" rules={percentRules} style={{ margin: 0 }}>
            <Input suffix="%" inputMode="decimal" aria-label={t('targets.beijingShare')} />
          </Form.Item>,
        ),
    },
    {
      title: t('targets.top500'),
      key: 'top500',
      width: 120,
      align: 'right',
      render: (_: unknown, r) =>
        cell(
          r,
          r.top500_count ?? <Typography.Text type="secondary">—</Typography.Text>,
          <Form.Item name="top500_count" style={{ margin: 0 }}>
            <InputNumber
              min={0}
              max={100000}
              precision={0}
              aria-label={t('targets.top500')}
              style={{ width: '100%' }}
            />
          </Form.Item>,
        ),
    },
    {
      title: t('targets.updatedAt'),
      key: 'updated_at',
      width: 128,
      render: (_: unknown, r) => (r.updated_at ? dayjs(r.updated_at).format('YYYY-MM-DD') : '—'),
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, r) =>
        editing === r.region ? (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              icon={<SaveOutlined />}
              loading={save.isPending}
              onClick={() => handleSave(r)}
            >
              {t('targets.save')}
            </Button>
            <Button type="link" size="small" icon={<CloseOutlined />} onClick={() => setEditing(null)}>
              {t('targets.cancel')}
            </Button>
          </Space>
        ) : (
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            disabled={editing !== null}
            onClick={() => handleEdit(r)}
            aria-label={`${t('targets.edit')} ${r.name}`}
          >
            {t('targets.edit')}
          </Button>
        ),
    });
  }

  const setCount = items.filter((i) => i.domestic !== null).length;
  const sum = (k: 'domestic' | 'foreign') => sumMoney(items.map((i) => i[k]));

  return (
    <>
      <PageHeader
        title={t('targets.title')}
        subtitle={t('targets.subtitle')}
        extra={
          <>
            <YearPicker
              value={year}
              onChange={(y) => {
                setEditing(null);
                setSearch({ year: String(y) });
              }}
              max={thisYear + 1}
              aria-label={t('targets.year')}
            />
            <TargetsExcel year={year} canImport={canEdit} />
          </>
        }
      />
      {canEdit ? null : (
        <Alert type="info" showIcon title={t('targets.readOnly')} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} component={false}>
        <DataTable<Row>
          rowKey="region"
          rows={rows}
          loading={targets.isFetching}
          columns={columns}
          pagination={undefined}
          data-testid="targets-table"
          countLabel={t('targets.setCount', { set: setCount, total: items.length })}
          onRow={(r) => ({ style: r.own ? { background: '#f0f5ff' } : undefined })}
          summary={() =>
            items.length > 1 ? (
              <Table.Summary>
                <Table.Summary.Row style={{ background: '#fafafa' }}>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('targets.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <Typography.Text strong>
                      <Money value={sum('domestic')} />
                    </Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <Typography.Text strong>
                      <Money value={sum('foreign')} />
                    </Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} colSpan={canEdit ? 5 : 4} />
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Form>
    </>
  );
}
