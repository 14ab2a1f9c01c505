import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { dec } from '../../../../shared/money.ts';
import {
  SCHEME_STATUSES,
  type Indicator,
  type IndicatorGroup,
  type RuleType,
  type SchemeStatus,
  type ScoringRule,
} from '../../../../shared/schemas/assessments.ts';
import { useMe } from '../../../app/auth.tsx';
import { isApiError } from '../../../api/client.ts';
import { useApiError } from '../../../ui/apiErrors.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { useMetrics, useSaveScheme, useScheme } from '../hooks/useAssessments.ts';
import type { MetricInfo, Scheme } from '../types.ts';
import { cstDateTime, localName } from '../utils.ts';

interface HeadValues {
  name: string;
  effective_year: number;
  status: SchemeStatus;
  description?: string | null;
  note?: string | null;
}

const DECIMAL = /^\d{1,6}(\.\d{1,4})?$/;

function defaultRule(type: RuleType): ScoringRule {
  if (type === 'linear') return { type, target_value: null, cap: '1' };
  if (type === 'steps') return { type, steps: [['1', '0']] };
  return { type, points: ['10', '8', '6'], default: '0' };
}

function weightTotal(inds: Indicator[]): string {
  return inds.reduce((s, i) => (DECIMAL.test(i.weight) ? s.plus(dec(i.weight)) : s), dec(0)).toString();
}

/** The parameters of a scoring rule, edited in place. */
function RuleEditor({
  rule,
  disabled,
  onChange,
  testId,
}: {
  rule: ScoringRule;
  disabled: boolean;
  onChange: (r: ScoringRule) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  if (rule.type === 'linear') {
    return (
      <Space size={4}>
        <Input
          size="small"
          style={{ width: 118 }}
          placeholder={t('assessments.schemes.ownBenchmark')}
          title={t('assessments.schemes.targetValueHint')}
          value={rule.target_value ?? ''}
          disabled={disabled}
          aria-label={t('assessments.schemes.targetValue')}
          addonBefore="÷"
          onChange={(e) => onChange({ ...rule, target_value: e.target.value.trim() || null })}
        />
        <Input
          size="small"
          style={{ width: 104 }}
          value={rule.cap}
          disabled={disabled}
          aria-label={t('assessments.schemes.cap')}
          addonBefore={t('assessments.schemes.capShort')}
          onChange={(e) => onChange({ ...rule, cap: e.target.value.trim() })}
        />
      </Space>
    );
  }
  if (rule.type === 'steps') {
    return (
      <Flex vertical gap={2} data-testid={`${testId}-steps`}>
        {rule.steps.map(([min, points], i) => (
          <Space key={i} size={4}>
            <Input
              size="small"
              style={{ width: 70 }}
              addonBefore="≥"
              value={min}
              disabled={disabled}
              aria-label={`${t('assessments.schemes.steps')} ${i + 1}`}
              onChange={(e) =>
                onChange({
                  ...rule,
                  steps: rule.steps.map((s, j) => (j === i ? [e.target.value.trim(), s[1]] : s)),
                })
              }
            />
            <Input
              size="small"
              style={{ width: 70 }}
              addonBefore="→"
              value={points}
              disabled={disabled}
              aria-label={`${t('assessments.breakdown.points')} ${i + 1}`}
              onChange={(e) =>
                onChange({
                  ...rule,
                  steps: rule.steps.map((s, j) => (j === i ? [s[0], e.target.value.trim()] : s)),
                })
              }
            />
            {disabled ? null : (
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('assessments.schemes.remove')}
                disabled={rule.steps.length === 1}
                onClick={() => onChange({ ...rule, steps: rule.steps.filter((_, j) => j !== i) })}
              />
            )}
          </Space>
        ))}
        {disabled ? null : (
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            style={{ width: 120 }}
            onClick={() => onChange({ ...rule, steps: [...rule.steps, ['', '']] })}
          >
            {t('assessments.schemes.addStep')}
          </Button>
        )}
      </Flex>
    );
  }
  return (
    <Space size={4}>
      <Input
        size="small"
        style={{ width: 170 }}
        value={rule.points.join(', ')}
        disabled={disabled}
        aria-label={t('assessments.schemes.rankPoints')}
        placeholder={t('assessments.schemes.rankPoints')}
        onChange={(e) =>
          onChange({
            ...rule,
            points: e.target.value
              .split(/[,，\s]+/)
              .map((x) => x.trim())
              .filter(Boolean),
          })
        }
      />
      <Input
        size="small"
        style={{ width: 100 }}
        addonBefore={t('assessments.schemes.rankDefault')}
        value={rule.default}
        disabled={disabled}
        onChange={(e) => onChange({ ...rule, default: e.target.value.trim() })}
      />
    </Space>
  );
}

function IndicatorGroupCard({
  group,
  indicators,
  metrics,
  disabled,
  onChange,
}: {
  group: IndicatorGroup;
  indicators: Indicator[];
  metrics: MetricInfo[];
  disabled: boolean;
  onChange: (next: Indicator[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const rows = indicators.map((ind, index) => ({ ind, index })).filter((r) => r.ind.group === group);
  const update = (index: number, patch: Partial<Indicator>) =>
    onChange(indicators.map((x, i) => (i === index ? { ...x, ...patch } : x)));
  const handleAdd = () => {
    const metric = metrics.find((m) => !indicators.some((i) => i.metric === m.id)) ?? metrics[0];
    let key = metric.id;
    for (let n = 2; indicators.some((i) => i.key === key); n++) key = `${metric.id}_${n}`;
    onChange([
      ...indicators,
      {
        key,
        name: localName(metric.name, 'zh'),
        group,
        metric: metric.id,
        weight: '0',
        rule: metric.benchmark ? defaultRule('linear') : { type: 'linear', target_value: '1', cap: '1' },
      },
    ]);
  };
  const subtotal = weightTotal(rows.map((r) => r.ind));
  const columns: TableColumnsType<{ ind: Indicator; index: number }> = [
    {
      title: t('assessments.breakdown.indicator'),
      key: 'name',
      width: 180,
      render: (_: unknown, { ind, index }) => (
        <Input
          size="small"
          value={ind.name}
          disabled={disabled}
          aria-label={t('assessments.breakdown.indicator')}
          onChange={(e) => update(index, { name: e.target.value })}
        />
      ),
    },
    {
      title: t('assessments.schemes.metric'),
      key: 'metric',
      width: 180,
      render: (_: unknown, { ind, index }) => (
        <Select
          size="small"
          style={{ width: '100%' }}
          value={ind.metric}
          disabled={disabled}
          aria-label={t('assessments.schemes.metric')}
          options={metrics.map((m) => ({ value: m.id, label: localName(m.name, i18n.language) }))}
          onChange={(metric: string) => update(index, { metric })}
        />
      ),
    },
    {
      title: t('assessments.breakdown.weight'),
      key: 'weight',
      width: 70,
      render: (_: unknown, { ind, index }) => (
        <Input
          size="small"
          value={ind.weight}
          disabled={disabled}
          status={DECIMAL.test(ind.weight) ? undefined : 'error'}
          aria-label={`${t('assessments.breakdown.weight')} ${ind.name}`}
          data-testid={`weight-${ind.key}`}
          onChange={(e) => update(index, { weight: e.target.value.trim() })}
        />
      ),
    },
    {
      title: t('assessments.schemes.rule'),
      key: 'rule',
      render: (_: unknown, { ind, index }) => (
        <Flex gap={6} align="flex-start">
          <Select<RuleType>
            size="small"
            style={{ width: 92 }}
            value={ind.rule.type}
            disabled={disabled}
            aria-label={t('assessments.schemes.rule')}
            options={(['linear', 'steps', 'rank'] as const).map((r) => ({
              value: r,
              label: t(`assessments.schemes.ruleTypes.${r}`),
            }))}
            onChange={(type) => update(index, { rule: defaultRule(type) })}
          />
          <RuleEditor
            rule={ind.rule}
            disabled={disabled}
            testId={`rule-${ind.key}`}
            onChange={(rule) => update(index, { rule })}
          />
        </Flex>
      ),
    },
    ...(disabled
      ? []
      : [
          {
            title: '',
            key: 'remove',
            width: 44,
            render: (_: unknown, { index }: { index: number }) => (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('assessments.schemes.remove')}
                onClick={() => onChange(indicators.filter((_, i) => i !== index))}
              />
            ),
          },
        ]),
  ];
  return (
    <Card
      size="small"
      title={
        <Space>
          <Tag color={group === 'scale' ? 'blue' : 'green'}>{t(`assessments.groups.${group}`)}</Tag>
          <Typography.Text type="secondary">
            {t('assessments.schemes.weightTotal')} {subtotal}
          </Typography.Text>
        </Space>
      }
      extra={
        disabled ? null : (
          <Button size="small" icon={<PlusOutlined />} onClick={handleAdd}>
            {t('assessments.schemes.addIndicator')}
          </Button>
        )
      }
    >
      <Table size="small" rowKey={(r) => r.ind.key} dataSource={rows} columns={columns} pagination={false} />
    </Card>
  );
}

/** Creates or edits a scheme: name, year, status, the scale and quality indicators with weights and rules. */
export function SchemeEditorPage() {
  const { id } = useParams();
  const isNew = id === 'new';
  const [params, setParams] = useSearchParams();
  const viewVersion = params.get('version') ? Number(params.get('version')) : undefined;
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { handleFormError, showError } = useApiError();
  const scheme = useScheme(isNew ? undefined : id, viewVersion);
  const metrics = useMetrics();
  const save = useSaveScheme();
  const [form] = Form.useForm<HeadValues>();
  const [indicators, setIndicators] = useState<Indicator[]>([]);
  const canEdit = (me.role === 'admin' || me.role === 'office') && !scheme.data?.historical;
  const catalog = useMemo(() => metrics.data?.items ?? [], [metrics.data]);

  useEffect(() => {
    if (scheme.data) {
      setIndicators(scheme.data.indicators);
      form.setFieldsValue({
        name: scheme.data.name,
        effective_year: scheme.data.effective_year,
        status: scheme.data.status,
        description: scheme.data.description,
        note: null,
      });
    }
  }, [scheme.data, form]);

  if (!isNew && scheme.isLoading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (!isNew && (scheme.isError || !scheme.data))
    return <Result status="404" title={t('ui.notFoundTitle')} />;
  const s: Scheme | undefined = scheme.data;
  const total = weightTotal(indicators);

  const handleSave = async (head: HeadValues) => {
    const input = {
      name: head.name,
      effective_year: head.effective_year,
      status: head.status,
      description: head.description || null,
      note: head.note || null,
      indicators,
    };
    try {
      const saved = await save.mutateAsync(isNew ? { input } : { id: s!.id, revision: s!.revision, input });
      void message.success(
        saved.new_version
          ? t('assessments.schemes.savedNewVersion', { version: saved.version })
          : t('assessments.schemes.saved'),
      );
      if (isNew) navigate(`/assessments/schemes/${saved.id}`, { replace: true });
      else void scheme.refetch();
    } catch (e) {
      if (isApiError(e) && e.status === 400 && e.fieldProblems.some((p) => p.path.startsWith('indicators')))
        showError(e);
      else handleFormError(form, e);
    }
  };

  return (
    <>
      <PageHeader
        title={
          <Space>
            <Link to="/assessments?tab=schemes" aria-label={t('common.back')}>
              <ArrowLeftOutlined />
            </Link>
            {isNew
              ? t('assessments.schemes.create')
              : t('assessments.schemeVersion', { name: s!.name, version: s!.version })}
          </Space>
        }
        subtitle={isNew ? undefined : `${t('assessments.schemes.effectiveYear')} ${s!.effective_year}`}
        extra={
          canEdit ? (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={save.isPending}
              onClick={() => form.submit()}
              data-testid="scheme-save"
            >
              {t('common.save')}
            </Button>
          ) : null
        }
      />
      {s?.historical ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('assessments.schemes.viewingOld', { version: s.version })}
          action={
            <Button size="small" onClick={() => setParams({})}>
              {t('assessments.schemes.backToCurrent')}
            </Button>
          }
        />
      ) : s && canEdit ? (
        <Alert
          type={s.used ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          title={
            s.used
              ? t('assessments.schemes.usedHint', { next: s.version + 1 })
              : t('assessments.schemes.notUsedHint')
          }
        />
      ) : null}
      <Row gutter={12}>
        <Col span={19}>
          <Flex vertical gap={12}>
            <Card size="small">
              <Form<HeadValues>
                form={form}
                layout="inline"
                onFinish={handleSave}
                disabled={!canEdit}
                initialValues={{ effective_year: new Date().getFullYear(), status: 'active' }}
              >
                <Form.Item
                  name="name"
                  label={t('assessments.schemes.name')}
                  rules={[{ required: true, max: 100 }]}
                >
                  <Input style={{ width: 220 }} />
                </Form.Item>
                <Form.Item
                  name="effective_year"
                  label={t('assessments.schemes.effectiveYear')}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={2000} max={2100} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name="status" label={t('assessments.status')}>
                  <Select
                    style={{ width: 110 }}
                    options={SCHEME_STATUSES.map((x) => ({
                      value: x,
                      label: t(`assessments.schemeStatus.${x}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name="description"
                  label={t('assessments.schemes.description')}
                  style={{ marginTop: 8, width: '100%' }}
                >
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={2000} />
                </Form.Item>
                {canEdit && !isNew ? (
                  <Form.Item
                    name="note"
                    label={t('assessments.schemes.note')}
                    style={{ marginTop: 8, width: '100%' }}
                  >
                    <Input maxLength={500} />
                  </Form.Item>
                ) : null}
              </Form>
            </Card>
            {total !== '100' ? (
              <Alert type="error" showIcon title={t('assessments.schemes.weightTotalBad', { total })} />
            ) : null}
            {(['scale', 'quality'] as const).map((g) => (
              <IndicatorGroupCard
                key={g}
                group={g}
                indicators={indicators}
                metrics={catalog}
                disabled={!canEdit}
                onChange={setIndicators}
              />
            ))}
          </Flex>
        </Col>
        <Col span={5}>
          <Flex vertical gap={12}>
            <Card size="small">
              <Typography.Text type="secondary">{t('assessments.schemes.weightTotal')}</Typography.Text>
              <div style={{ fontSize: 28, fontWeight: 600, color: total === '100' ? '#389e0d' : '#cf1322' }}>
                {total}
              </div>
            </Card>
            {s?.versions ? (
              <Card size="small" title={t('assessments.schemes.versions')}>
                <Flex vertical gap={6}>
                  {s.versions.map((v) => (
                    <div key={v.version} style={{ fontSize: 12 }}>
                      <Space size={4}>
                        <Link to={`/assessments/schemes/${s.id}?version=${v.version}`}>
                          {t('assessments.version')} {v.version}
                        </Link>
                        {v.used_at ? <Tag>{t('assessments.schemes.used')}</Tag> : null}
                        <Typography.Text type="secondary">
                          {t('assessments.schemes.runs')} {v.runs}
                        </Typography.Text>
                      </Space>
                      <div style={{ color: 'rgba(0,0,0,0.45)' }}>
                        {cstDateTime(v.created_at)} {v.created_by ?? ''} {v.note ?? ''}
                      </div>
                    </div>
                  ))}
                </Flex>
              </Card>
            ) : null}
            <Card size="small" title={t('assessments.schemes.metricCatalog')}>
              <Flex vertical gap={4} style={{ fontSize: 12 }}>
                {catalog.map((m) => (
                  <div key={m.id}>
                    <b>{localName(m.name, i18n.language)}</b>
                    {m.benchmark ? (
                      <Typography.Text type="secondary">
                        {' '}
                        · {localName(m.benchmark, i18n.language)}
                      </Typography.Text>
                    ) : null}
                  </div>
                ))}
              </Flex>
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
