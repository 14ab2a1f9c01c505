import { EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Indicator, ScoringRule } from '../../../../shared/schemas/assessments.ts';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { useMetrics, useSaveSettings, useSchemes, useSettings } from '../hooks/useAssessments.ts';
import type { MetricInfo, Scheme } from '../types.ts';
import { localName } from '../utils.ts';

/** A scoring rule in a few words: `线性：÷0.3，封顶 1` / `分档：≥1 → 4 …` / `按名次：10, 8, 6 …`. */
export function useRuleText() {
  const { t } = useTranslation();
  return (rule: ScoringRule) => {
    const type = t(`assessments.schemes.ruleTypes.${rule.type}`);
    if (rule.type === 'linear')
      return `${type} · ${t('assessments.schemes.targetValue')} ${rule.target_value ?? t('assessments.schemes.ownBenchmark')} · ${t('assessments.schemes.cap')} ${rule.cap}`;
    if (rule.type === 'steps') return `${type} · ${rule.steps.map(([m, p]) => `≥${m}→${p}`).join('，')}`;
    return `${type} · ${rule.points.join(', ')}（${t('assessments.schemes.rankDefault')} ${rule.default}）`;
  };
}

function IndicatorTable({ indicators, metrics }: { indicators: Indicator[]; metrics: MetricInfo[] }) {
  const { t, i18n } = useTranslation();
  const ruleText = useRuleText();
  return (
    <Table<Indicator>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={indicators}
      columns={[
        {
          title: t('assessments.groups.scale') + ' / ' + t('assessments.groups.quality'),
          dataIndex: 'group',
          width: 90,
          render: (g: Indicator['group']) => (
            <Tag color={g === 'scale' ? 'blue' : 'green'}>{t(`assessments.groups.${g}`)}</Tag>
          ),
        },
        { title: t('assessments.breakdown.indicator'), dataIndex: 'name' },
        {
          title: t('assessments.schemes.metric'),
          dataIndex: 'metric',
          render: (m: string) => localName(metrics.find((x) => x.id === m)?.name, i18n.language) || m,
        },
        { title: t('assessments.breakdown.weight'), dataIndex: 'weight', width: 70, align: 'right' },
        { title: t('assessments.schemes.rule'), key: 'rule', render: (_: unknown, i) => ruleText(i.rule) },
      ]}
    />
  );
}

function SettingsCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useApiError();
  const settings = useSettings();
  const save = useSaveSettings();
  const [editing, setEditing] = useState<string[] | null>(null);

  const handleSave = async () => {
    if (!editing) return;
    try {
      await save.mutateAsync(editing.map((c) => c.trim().toUpperCase()).filter(Boolean));
      void message.success(t('assessments.schemes.saved'));
      setEditing(null);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      size="small"
      title={t('assessments.schemes.settings')}
      extra={
        canEdit ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(settings.data?.strategic_industries.map((s) => s.code) ?? [])}
          >
            {t('assessments.schemes.editSettings')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('assessments.schemes.settingsHint')}
      </Typography.Paragraph>
      <Space size={[4, 6]} wrap>
        {settings.data?.strategic_industries.map((s) => (
          <Tag key={s.code}>
            {s.code} {s.name}
          </Tag>
        ))}
      </Space>
      <Modal
        open={editing !== null}
        title={t('assessments.schemes.settings')}
        onCancel={() => setEditing(null)}
        onOk={handleSave}
        confirmLoading={save.isPending}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        <Typography.Paragraph type="secondary">{t('assessments.schemes.settingsHint')}</Typography.Paragraph>
        <Select
          mode="tags"
          style={{ width: '100%' }}
          value={editing ?? []}
          onChange={(v: string[]) => setEditing(v)}
          tokenSeparators={[',', '，', ' ']}
          aria-label={t('assessments.schemes.codes')}
        />
      </Modal>
    </Card>
  );
}

/** The schemes (current versions) with their indicators, the metric catalog and the strategic industry list. */
export function SchemesTab() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const canEdit = me.role === 'admin' || me.role === 'office';
  const schemes = useSchemes();
  const metrics = useMetrics();
  const catalog = metrics.data?.items ?? [];

  return (
    <Row gutter={[12, 12]}>
      <Col span={24}>
        <Flex justify="flex-end">
          {canEdit ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/assessments/schemes/new')}
            >
              {t('assessments.schemes.create')}
            </Button>
          ) : null}
        </Flex>
      </Col>
      {(schemes.data?.items ?? []).map((s: Scheme) => (
        <Col span={24} key={s.id}>
          <Card
            size="small"
            data-testid={`scheme-${s.id}`}
            title={
              <Space>
                <span>{t('assessments.schemeVersion', { name: s.name, version: s.version })}</span>
                {s.is_default ? <Tag color="blue">{t('assessments.schemes.default')}</Tag> : null}
                <Tag color={s.status === 'active' ? 'green' : 'default'}>
                  {t(`assessments.schemeStatus.${s.status}`)}
                </Tag>
                {s.used ? <Tag>{t('assessments.schemes.used')}</Tag> : null}
              </Space>
            }
            extra={
              <Space>
                <Typography.Text type="secondary">
                  {t('assessments.schemes.effectiveYear')} {s.effective_year} ·{' '}
                  {t('assessments.schemes.runs')} {s.runs}
                </Typography.Text>
                <Link to={`/assessments/schemes/${s.id}`}>
                  <Button size="small" icon={canEdit ? <EditOutlined /> : <EyeOutlined />}>
                    {canEdit ? t('assessments.schemes.edit') : t('assessments.schemes.view')}
                  </Button>
                </Link>
              </Space>
            }
          >
            {s.description ? (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {s.description}
              </Typography.Paragraph>
            ) : null}
            <IndicatorTable indicators={s.indicators} metrics={catalog} />
          </Card>
        </Col>
      ))}
      <Col span={12}>
        <SettingsCard canEdit={canEdit} />
      </Col>
      <Col span={12}>
        <Card size="small" title={t('assessments.schemes.metricCatalog')}>
          <Flex vertical gap={6}>
            {catalog.map((m) => (
              <div key={m.id}>
                <Typography.Text strong>{localName(m.name, i18n.language)}</Typography.Text>{' '}
                <Typography.Text type="secondary" code style={{ fontSize: 11 }}>
                  {m.id}
                </Typography.Text>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                  {localName(m.description, i18n.language)}
                </div>
              </div>
            ))}
          </Flex>
        </Card>
      </Col>
    </Row>
  );
}
