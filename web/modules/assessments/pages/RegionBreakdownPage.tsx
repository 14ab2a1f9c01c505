import { ArrowLeftOutlined, CheckCircleTwoTone, WarningTwoTone } from '@ant-design/icons';
import {
  Card,
  Col,
  Collapse,
  Descriptions,
  Flex,
  Result,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatMoney } from '../../../ui/Money.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { FlagTags, RunStatusTag } from '../components/Tags.tsx';
import { useRegionDetail } from '../hooks/useAssessments.ts';
import type { ExplainItem, KindFigure, RegionIndicator } from '../types.ts';
import { localName, pct, periodLabel } from '../utils.ts';

function FigureCard({ title, f, unit }: { title: string; f: KindFigure; unit: string }) {
  const { t } = useTranslation();
  const state =
    f.missed === null ? (
      <Tag>{t('assessments.breakdown.noTarget')}</Tag>
    ) : f.missed ? (
      <Tag color="red">{t('assessments.breakdown.missed')}</Tag>
    ) : (
      <Tag color="green">{t('assessments.breakdown.met')}</Tag>
    );
  return (
    <Card size="small" title={title} extra={state}>
      <Row gutter={8}>
        <Col span={8}>
          <Statistic
            title={`${t('assessments.breakdown.actual')}（${unit}）`}
            value={formatMoney(f.actual)}
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={`${t('assessments.breakdown.target')}（${unit}）`}
            value={f.target === null ? '—' : formatMoney(f.target)}
          />
        </Col>
        <Col span={8}>
          <Statistic title={t('assessments.breakdown.completion')} value={pct(f.completion)} />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('assessments.breakdown.annualTarget')}{' '}
        {f.annual_target === null ? '—' : formatMoney(f.annual_target)}
      </Typography.Text>
    </Card>
  );
}

function ItemsTable({ ind }: { ind: RegionIndicator }) {
  const { t } = useTranslation();
  const items = ind.explanation?.items ?? [];
  const label = (l: string) =>
    t(`assessments.breakdown.labels.${l}` as 'assessments.breakdown.labels.top500');
  const counted = (i: ExplainItem) =>
    i.counted ? (
      <Tag color="green">{t('assessments.breakdown.counted')}</Tag>
    ) : (
      <Tag>
        {i.type === 'entry' && i.previous
          ? t('assessments.breakdown.previousYear')
          : t('assessments.breakdown.notCounted')}
      </Tag>
    );
  const project = (i: ExplainItem) => (
    <Link to={`/projects/${i.project_id}`} data-testid={`item-project-${i.project_id}`}>
      {i.project_name}
    </Link>
  );
  if (items.length && items[0].type === 'entry') {
    const columns: TableColumnsType<ExplainItem> = [
      { title: t('assessments.breakdown.project'), key: 'p', render: (_: unknown, i) => project(i) },
      {
        title: t('assessments.breakdown.month'),
        key: 'm',
        width: 90,
        render: (_: unknown, i) => (i.type === 'entry' ? i.month : ''),
      },
      {
        title: t('assessments.breakdown.amount'),
        key: 'a',
        width: 120,
        align: 'right',
        render: (_: unknown, i) => (i.type === 'entry' ? formatMoney(i.amount) : ''),
      },
      { title: t('assessments.breakdown.investor'), dataIndex: 'investor_name', key: 'inv', ellipsis: true },
      {
        title: t('assessments.breakdown.industry'),
        key: 'ind',
        width: 150,
        ellipsis: true,
        render: (_: unknown, i) => (i.type === 'entry' ? `${i.industry} ${i.industry_name ?? ''}` : ''),
      },
      {
        title: '',
        key: 'labels',
        width: 190,
        render: (_: unknown, i) => (
          <Space size={2} wrap>
            {counted(i)}
            {i.labels
              .filter((l) => l !== 'previous_year')
              .map((l) => (
                <Tag key={l} bordered={false} color="blue">
                  {label(l)}
                </Tag>
              ))}
          </Space>
        ),
      },
    ];
    return (
      <Table<ExplainItem>
        size="small"
        rowKey={(i) => (i.type === 'entry' ? i.id : i.project_id)}
        dataSource={items}
        columns={columns}
        pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
        data-testid={`items-${ind.indicator}`}
      />
    );
  }
  const columns: TableColumnsType<ExplainItem> = [
    { title: t('assessments.breakdown.project'), key: 'p', render: (_: unknown, i) => project(i) },
    {
      title: t('assessments.breakdown.date'),
      key: 'd',
      width: 110,
      render: (_: unknown, i) => (i.type === 'project' ? i.date : ''),
    },
    { title: t('assessments.breakdown.investor'), dataIndex: 'investor_name', key: 'inv', ellipsis: true },
    {
      title: t('assessments.breakdown.stage'),
      key: 's',
      width: 160,
      render: (_: unknown, i) =>
        i.type === 'project' ? (
          <Space size={2}>
            <Tag>{i.stage}</Tag>
            {i.key_level ? <Tag color="gold">{i.key_level}</Tag> : null}
            {i.major ? <Tag color="volcano">major</Tag> : null}
          </Space>
        ) : null,
    },
  ];
  return (
    <Table<ExplainItem>
      size="small"
      rowKey={(i) => i.project_id}
      dataSource={items}
      columns={columns}
      pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
      data-testid={`items-${ind.indicator}`}
    />
  );
}

function IndicatorPanel({ ind }: { ind: RegionIndicator }) {
  const { t, i18n } = useTranslation();
  const e = ind.explanation;
  const inputName = (k: string) =>
    t(`assessments.breakdown.inputNames.${k}` as 'assessments.breakdown.inputNames.actual', {
      defaultValue: k,
    });
  return (
    <Flex vertical gap={8}>
      <Descriptions
        size="small"
        column={3}
        bordered
        items={[
          {
            key: 'metric',
            label: t('assessments.schemes.metric'),
            span: 3,
            children: (
              <span>
                <b>{localName(ind.metric_name, i18n.language)}</b>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                  {localName(ind.metric_description, i18n.language)}
                </Typography.Text>
              </span>
            ),
          },
          {
            key: 'value',
            label: t('assessments.breakdown.value'),
            children:
              ind.value === null
                ? '—'
                : ind.metric_unit === 'ratio'
                  ? `${pct(ind.value)}（${ind.value}）`
                  : ind.value,
          },
          { key: 'target', label: t('assessments.breakdown.benchmark'), children: ind.target ?? '—' },
          {
            key: 'points',
            label: t('assessments.breakdown.points'),
            children: (
              <b>
                {ind.points} / {ind.weight}
              </b>
            ),
          },
          { key: 'formula', label: t('assessments.breakdown.formula'), span: 3, children: ind.formula },
          {
            key: 'inputs',
            label: t('assessments.breakdown.inputs'),
            span: 3,
            children: (
              <Space size={[12, 4]} wrap>
                {Object.entries(ind.inputs).map(([k, v]) => (
                  <span key={k}>
                    {inputName(k)}：
                    <b>
                      {v === null
                        ? '—'
                        : k === 'factor'
                          ? v
                          : typeof v === 'number'
                            ? v
                            : formatMoney(String(v))}
                    </b>
                  </span>
                ))}
                {ind.exempt ? <Tag color="green">{t('assessments.breakdown.exempt')}</Tag> : null}
                {ind.note ? (
                  <Tag>
                    {t(`assessments.breakdown.notes.${ind.note}` as 'assessments.breakdown.notes.no_target', {
                      defaultValue: ind.note,
                    })}
                  </Tag>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {e ? (
        <>
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('assessments.breakdown.basis')}：{localName(e.basis, i18n.language)}
            </Typography.Text>
            {ind.matches_run === null ? null : ind.matches_run ? (
              <Space size={4}>
                <CheckCircleTwoTone twoToneColor="#52c41a" />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('assessments.breakdown.matches')}
                </Typography.Text>
              </Space>
            ) : (
              <Space size={4}>
                <WarningTwoTone twoToneColor="#fa8c16" />
                <Typography.Text type="warning" style={{ fontSize: 12 }}>
                  {t('assessments.breakdown.differs')}
                </Typography.Text>
              </Space>
            )}
          </Flex>
          {e.truncated ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('assessments.breakdown.itemsTruncated', { shown: e.items.length, count: e.total_items })}
            </Typography.Text>
          ) : null}
          <ItemsTable ind={ind} />
        </>
      ) : null}
    </Flex>
  );
}

/** One region's score opened: indicator → metric value and figures → the entries and projects behind it. */
export function RegionBreakdownPage() {
  const { id, region } = useParams();
  const { t, i18n } = useTranslation();
  const detail = useRegionDetail(id, region);
  if (detail.isLoading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (detail.isError || !detail.data) return <Result status="404" title={t('ui.notFoundTitle')} />;
  const d = detail.data;
  const groups = ['scale', 'quality'] as const;
  return (
    <>
      <PageHeader
        title={
          <Space>
            <Link to={`/assessments/runs/${d.run.id}`} aria-label={t('assessments.breakdown.back')}>
              <ArrowLeftOutlined />
            </Link>
            {t('assessments.breakdown.title', { name: d.name })}
          </Space>
        }
        subtitle={`${periodLabel(d.run.period, i18n.language)} · ${t('assessments.schemeVersion', {
          name: d.run.scheme_name,
          version: d.run.scheme_version,
        })}`}
        extra={<RunStatusTag status={d.run.status} />}
      />
      <Flex vertical gap={12}>
        <Row gutter={12}>
          <Col span={6}>
            <Card size="small" style={{ height: '100%' }}>
              <Statistic title={t('assessments.score')} value={d.score} valueStyle={{ fontSize: 30 }} />
              <Flex gap={12} style={{ marginTop: 4 }}>
                <Typography.Text type="secondary">
                  {t('assessments.rank')} <b>{d.rank}</b> / {d.run.rows}
                </Typography.Text>
                <FlagTags flags={d.flags} reasons={d.interview_reasons} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('assessments.scaleScore')} {d.scale_score} · {t('assessments.qualityScore')}{' '}
                {d.quality_score}
              </Typography.Text>
            </Card>
          </Col>
          <Col span={9}>
            <FigureCard
              title={t('assessments.domesticCompletion')}
              f={d.figures.domestic}
              unit={t('ui.yuan10k')}
            />
          </Col>
          <Col span={9}>
            <FigureCard
              title={t('assessments.foreignCompletion')}
              f={d.figures.foreign}
              unit={t('ui.usd10k')}
            />
          </Col>
        </Row>
        {groups.map((g) => {
          const inds = d.indicators.filter((i) => i.group === g);
          if (!inds.length) return null;
          return (
            <Card key={g} size="small" title={t(`assessments.groups.${g}`)}>
              <Collapse
                size="small"
                items={inds.map((ind) => ({
                  key: ind.indicator,
                  label: (
                    <Flex
                      justify="space-between"
                      style={{ width: '100%' }}
                      data-testid={`indicator-${ind.indicator}`}
                    >
                      <span>
                        {ind.name}
                        <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                          {ind.value === null
                            ? '—'
                            : ind.metric_unit === 'ratio'
                              ? pct(ind.value)
                              : ind.value}
                        </Typography.Text>
                      </span>
                      <Tooltip title={ind.formula}>
                        <span>
                          <b>{ind.points}</b>
                          <Typography.Text type="secondary"> / {ind.weight}</Typography.Text>
                        </span>
                      </Tooltip>
                    </Flex>
                  ),
                  children: <IndicatorPanel ind={ind} />,
                }))}
              />
            </Card>
          );
        })}
      </Flex>
    </>
  );
}
