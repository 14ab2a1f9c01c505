import { CalculatorOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  InputNumber,
  Select,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { currentMonthCst } from '../../../../shared/month.ts';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { useCreateRun, useRuns, useSchemes } from '../hooks/useAssessments.ts';
import type { RunHead } from '../types.ts';
import { cstDateTime, PERIOD_PARTS, periodLabel, periodOf, type PeriodPart } from '../utils.ts';
import { RunStatusTag } from './Tags.tsx';

/** The results list, and (for the office) the form that runs a scheme for a period. */
export function RunsTab() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const canRun = me.role === 'admin' || me.role === 'office';
  const thisYear = Number(currentMonthCst().slice(0, 4));
  const [year, setYear] = useState<number>(thisYear);
  const runs = useRuns({ year });
  const schemes = useSchemes();
  const create = useCreateRun();
  const [form] = Form.useForm<{ scheme_id: string; part: PeriodPart }>();

  const schemeOptions = useMemo(
    () =>
      (schemes.data?.items ?? [])
        .filter((s) => s.status !== 'archived')
        .map((s) => ({
          value: s.id,
          label: t('assessments.schemeVersion', { name: s.name, version: s.version }),
        })),
    [schemes.data, t],
  );

  useEffect(() => {
    if (schemeOptions.length && !form.getFieldValue('scheme_id')) {
      form.setFieldValue('scheme_id', schemeOptions[0].value);
    }
  }, [schemeOptions, form]);

  const handleRun = async (v: { scheme_id: string; part: PeriodPart }) => {
    try {
      const run = await create.mutateAsync({ scheme_id: v.scheme_id, period: periodOf(year, v.part) });
      void message.success(t('assessments.runCreated', { period: periodLabel(run.period, i18n.language) }));
      navigate(`/assessments/runs/${run.id}`);
    } catch (e) {
      showError(e);
    }
  };

  const columns: TableColumnsType<RunHead> = [
    {
      title: t('assessments.period'),
      key: 'period',
      render: (_: unknown, r) => (
        <Link to={`/assessments/runs/${r.id}`} data-testid={`run-${r.period}`}>
          {periodLabel(r.period, i18n.language)}
        </Link>
      ),
    },
    {
      title: t('assessments.scheme'),
      key: 'scheme',
      render: (_: unknown, r) =>
        t('assessments.schemeVersion', { name: r.scheme_name, version: r.scheme_version }),
    },
    {
      title: t('assessments.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (s: RunHead['status']) => <RunStatusTag status={s} />,
    },
    {
      title: t('assessments.result'),
      key: 'summary',
      render: (_: unknown, r) =>
        t('assessments.summary', { award: r.summary.award, interview: r.summary.interview }),
    },
    {
      title: t('assessments.createdAt'),
      dataIndex: 'created_at',
      key: 'created_at',
      width: 150,
      render: (v: string) => cstDateTime(v),
    },
    { title: t('assessments.createdBy'), dataIndex: 'created_by', key: 'created_by', width: 160 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_: unknown, r) => <Link to={`/assessments/runs/${r.id}`}>{t('assessments.open')}</Link>,
    },
  ];

  return (
    <Flex vertical gap={12}>
      {canRun ? (
        <Card size="small">
          <Form form={form} layout="inline" onFinish={handleRun} initialValues={{ part: 'H1' }}>
            <Form.Item label={t('assessments.scheme')} name="scheme_id" rules={[{ required: true }]}>
              <Select options={schemeOptions} style={{ width: 260 }} aria-label={t('assessments.scheme')} />
            </Form.Item>
            <Form.Item label={t('assessments.period')} required>
              <Flex gap={8}>
                <InputNumber
                  min={2000}
                  max={thisYear}
                  value={year}
                  onChange={(v) => v && setYear(v)}
                  style={{ width: 96 }}
                  aria-label={t('assessments.period')}
                />
                <Form.Item name="part" noStyle>
                  <Select
                    style={{ width: 120 }}
                    aria-label={t('assessments.period')}
                    data-testid="period-part"
                    options={PERIOD_PARTS.map((p) => ({
                      value: p,
                      label: t(`assessments.periodParts.${p}`),
                    }))}
                  />
                </Form.Item>
              </Flex>
            </Form.Item>
            <Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                icon={<CalculatorOutlined />}
                loading={create.isPending}
                data-testid="run-assessment"
              >
                {t('assessments.run')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
            {t('assessments.runHint')}
          </Typography.Text>
        </Card>
      ) : (
        <Flex align="center" gap={8}>
          <Typography.Text>{t('assessments.period')}</Typography.Text>
          <InputNumber min={2000} max={thisYear} value={year} onChange={(v) => v && setYear(v)} />
        </Flex>
      )}
      {me.role === 'district' ? (
        <Alert type="info" showIcon title={t('assessments.districtRunsHint')} />
      ) : null}
      <DataTable<RunHead>
        rowKey="id"
        rows={runs.data?.items}
        loading={runs.isFetching}
        columns={columns}
        locale={{ emptyText: t('assessments.noRuns') }}
        data-testid="runs-table"
      />
    </Flex>
  );
}
