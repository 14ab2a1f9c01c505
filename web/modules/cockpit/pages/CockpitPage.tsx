import {
  Card,
  Col,
  Empty,
  Flex,
  InputNumber,
  List,
  Progress,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { dec } from '../../../../shared/money.ts';
import { currentMonthCst } from '../../../../shared/month.ts';
import { formatMoney } from '../../../ui/Money.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { CockpitChart } from '../components/CockpitChart.tsx';
import { useCockpit } from '../hooks/useCockpit.ts';
import { drillHref, type Cockpit, type KindSummary } from '../types.ts';

const num = (v: string | null | undefined) => (v === null || v === undefined ? 0 : dec(v).toNumber());
const pct = (v: string | null | undefined, d = 1) =>
  v === null || v === undefined ? '—' : `${dec(v).times(100).toFixed(d)}%`;
const pctNumber = (v: string | null | undefined) =>
  v === null || v === undefined ? 0 : dec(v).times(100).toNumber();

const PALETTE = [
  '#1677ff',
  '#13c2c2',
  '#52c41a',
  '#faad14',
  '#eb2f96',
  '#722ed1',
  '#fa541c',
  '#2f54eb',
  '#a0d911',
];

function KindCard({
  title,
  unit,
  k,
  schedule,
  testId,
}: {
  title: string;
  unit: string;
  k: KindSummary;
  schedule: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const completion = pctNumber(k.completion);
  return (
    <Card
      size="small"
      hoverable
      onClick={() => navigate(drillHref(k.drill))}
      data-testid={testId}
      styles={{ body: { padding: '10px 14px' } }}
    >
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div style={{ fontSize: 24, fontWeight: 600, lineHeight: 1.3, fontVariantNumeric: 'tabular-nums' }}>
        {formatMoney(k.ytd ?? '0')}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
          {unit}
        </Typography.Text>
      </div>
      <Progress
        percent={Math.min(100, completion)}
        success={{ percent: Math.min(100, pctNumber(schedule)), strokeColor: 'rgba(0,0,0,0.25)' }}
        showInfo={false}
        size="small"
        status={k.behind_schedule ? 'exception' : 'normal'}
      />
      <Flex justify="space-between" style={{ fontSize: 12 }}>
        <span>
          {k.target ? t('cockpit.completion', { value: pct(k.completion) }) : t('cockpit.noTarget')}
          {k.target ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              · {t('cockpit.target', { value: formatMoney(k.target, 0) })}
            </Typography.Text>
          ) : null}
        </span>
        <span style={{ color: k.yoy && dec(k.yoy).isNegative() ? '#cf1322' : '#389e0d' }}>
          {k.yoy ? t('cockpit.yoy', { value: pct(k.yoy) }) : ''}
        </span>
      </Flex>
    </Card>
  );
}

function useOptions(c: Cockpit | undefined) {
  const { t } = useTranslation();
  return useMemo(() => {
    if (!c) return null;
    const ranking = c.ranking;
    const axisTop = Math.max(0, ...ranking.map((r) => pctNumber(r.completion)));
    const rankingOption: EChartsCoreOption = {
      aria: { enabled: true },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => `${v.toFixed(1)}%`,
      },
      xAxis: {
        type: 'category',
        data: ranking.map((r) => r.name),
        axisLabel: { interval: 0, rotate: ranking.length > 10 ? 40 : 0, fontSize: 11 },
      },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: '{value}%' },
        name: t('cockpit.completionAxis'),
        // a region far ahead would flatten every other bar: the axis stops at 200% and the bar says how far
        max: Math.ceil(Math.max(120, Math.min(axisTop, 200)) / 20) * 20,
      },
      series: [
        {
          type: 'bar',
          data: ranking.map((r) => ({
            value: pctNumber(r.completion),
            itemStyle: { color: !r.reported ? '#d9d9d9' : r.behind_schedule ? '#fa8c16' : '#1677ff' },
            // beyond the axis: an arrow on the bar; the tooltip has the figure
            label: {
              show: pctNumber(r.completion) > 200,
              position: 'insideTop',
              color: '#fff',
              fontSize: 12,
              formatter: '↑',
            },
          })),
          barMaxWidth: 28,
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#cf1322', type: 'dashed' },
            label: {
              formatter: t('cockpit.schedule', { value: pct(c.schedule, 0) }),
              position: 'insideEndTop',
            },
            data: [{ yAxis: pctNumber(c.schedule) }],
          },
        },
      ],
    };
    const months = c.trend.current.map((m) => t('cockpit.monthLabel', { m: Number(m.month.slice(5)) }));
    const trendOption: EChartsCoreOption = {
      aria: { enabled: true },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value' },
      series: [
        {
          name: t('cockpit.thisYear', { year: c.year }),
          type: 'bar',
          data: c.trend.current.map((m) => num(m.domestic)),
          itemStyle: { color: '#1677ff' },
          barMaxWidth: 22,
        },
        {
          name: t('cockpit.lastYear', { year: c.year - 1 }),
          type: 'line',
          data: c.trend.previous.map((m) => num(m.domestic)),
          itemStyle: { color: '#faad14' },
          smooth: true,
        },
      ],
    };
    const industryOption: EChartsCoreOption = {
      aria: { enabled: true },
      tooltip: { trigger: 'item', formatter: '{b}<br/>{c} 万元（{d}%）' },
      series: [
        {
          type: 'pie',
          radius: ['30%', '56%'],
          center: ['50%', '52%'],
          minShowLabelAngle: 6,
          label: {
            fontSize: 11,
            formatter: (p: { name: string; percent: number }) =>
              `${p.name.length > 6 ? `${p.name.slice(0, 6)}…` : p.name}\n${p.percent.toFixed(1)}%`,
          },
          data: c.by_industry.map((s, i) => ({
            name: s.name,
            value: num(s.amount),
            itemStyle: { color: PALETTE[i % PALETTE.length] },
          })),
        },
      ],
    };
    const originOption: EChartsCoreOption = {
      aria: { enabled: true },
      tooltip: { trigger: 'item', formatter: '{b}<br/>{c} 万元（{d}%）' },
      series: [
        {
          type: 'pie',
          radius: ['30%', '56%'],
          center: ['50%', '52%'],
          label: { fontSize: 11, formatter: '{b}\n{d}%' },
          data: c.by_origin.groups.map((g) => ({
            name: t(`cockpit.origins.${g.key}`),
            value: num(g.amount),
            itemStyle: {
              color:
                g.key === 'beijing'
                  ? '#cf1322'
                  : g.key === 'hebei'
                    ? '#faad14'
                    : g.key === 'local'
                      ? '#1677ff'
                      : '#8c8c8c',
            },
          })),
        },
      ],
    };
    const funnelStages = c.funnel.filter((f) => f.stage !== 'dropped');
    const funnelOption: EChartsCoreOption = {
      aria: { enabled: true },
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [
        {
          type: 'funnel',
          left: '8%',
          right: '8%',
          top: 8,
          bottom: 8,
          sort: 'none',
          minSize: '12%',
          label: { position: 'inside', formatter: '{b} {c}' },
          data: funnelStages.map((f, i) => ({
            name: t(`cockpit.stages.${f.stage}`),
            value: f.projects,
            itemStyle: { color: PALETTE[i % PALETTE.length] },
          })),
        },
      ],
    };
    return { rankingOption, trendOption, industryOption, originOption, funnelOption, funnelStages };
  }, [c, t]);
}

/** 驾驶舱: the year at a glance for leaders; every chart opens the list behind it. */
export function CockpitPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const thisYear = Number(currentMonthCst().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const cockpit = useCockpit(year);
  const c = cockpit.data;
  const options = useOptions(c);

  return (
    <>
      <PageHeader
        title={t('cockpit.title')}
        subtitle={c ? t('cockpit.subtitle', { year: c.year, month: c.month }) : undefined}
        extra={
          <Space>
            <Typography.Text>{t('cockpit.year')}</Typography.Text>
            <InputNumber
              min={2000}
              max={thisYear}
              value={year}
              onChange={(v) => v && setYear(v)}
              style={{ width: 96 }}
              aria-label={t('cockpit.year')}
            />
          </Space>
        }
      />
      {!c || !options ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <Flex vertical gap={12} data-testid="cockpit">
          <Row gutter={12}>
            <Col span={7}>
              <KindCard
                title={t('cockpit.domestic')}
                unit={t('cockpit.yuan10k')}
                k={c.summary.domestic}
                schedule={c.schedule}
                testId="kpi-domestic"
              />
            </Col>
            <Col span={7}>
              <KindCard
                title={t('cockpit.foreign')}
                unit={t('cockpit.usd10k')}
                k={c.summary.foreign}
                schedule={c.schedule}
                testId="kpi-foreign"
              />
            </Col>
            <Col span={5}>
              <Card
                size="small"
                hoverable
                onClick={() =>
                  navigate(
                    drillHref(
                      c.by_origin.groups.find((g) => g.key === 'beijing')?.drill ?? { path: '/projects' },
                    ),
                  )
                }
                styles={{ body: { padding: '10px 14px' } }}
                data-testid="kpi-beijing"
              >
                <Typography.Text type="secondary">{t('cockpit.beijingShare')}</Typography.Text>
                <div style={{ fontSize: 24, fontWeight: 600, lineHeight: 1.3 }}>
                  {pct(c.by_origin.beijing_share)}
                </div>
                <Progress
                  percent={Math.min(100, pctNumber(c.by_origin.beijing_share))}
                  success={{ percent: pctNumber(c.by_origin.beijing_goal), strokeColor: 'rgba(0,0,0,0.25)' }}
                  showInfo={false}
                  size="small"
                  status={c.by_origin.beijing_met === false ? 'exception' : 'normal'}
                />
                <Flex justify="space-between" style={{ fontSize: 12 }}>
                  <span>{t('cockpit.beijingGoal', { value: pct(c.by_origin.beijing_goal) })}</span>
                  {c.by_origin.beijing_met === null ? null : (
                    <Tag color={c.by_origin.beijing_met ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
                      {c.by_origin.beijing_met ? t('cockpit.beijingMet') : t('cockpit.beijingNotMet')}
                    </Tag>
                  )}
                </Flex>
              </Card>
            </Col>
            <Col span={5}>
              <Card
                size="small"
                hoverable={!!c.assessment}
                onClick={() => c.assessment && navigate(drillHref(c.assessment.drill))}
                styles={{ body: { padding: '10px 14px' } }}
                data-testid="kpi-assessment"
              >
                <Typography.Text type="secondary">{t('cockpit.assessment')}</Typography.Text>
                {c.assessment ? (
                  <>
                    <div style={{ fontSize: 18, fontWeight: 600, lineHeight: 1.6 }}>
                      {c.assessment.period}{' '}
                      <Tag color={c.assessment.status === 'final' ? 'green' : 'default'}>
                        {t(`assessments.runStatus.${c.assessment.status}`)}
                      </Tag>
                    </div>
                    <div style={{ fontSize: 12 }}>
                      {t('assessments.summary', {
                        award: c.assessment.summary.award,
                        interview: c.assessment.summary.interview,
                      })}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                      {(c.assessment.summary.top ?? []).map((x) => `${x.name} ${x.score}`).join(' · ')}
                    </Typography.Text>
                  </>
                ) : (
                  <div style={{ marginTop: 8 }}>{t('cockpit.noAssessment')}</div>
                )}
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                  {t('cockpit.reported', { reported: c.summary.reported, regions: c.summary.regions })}
                </div>
              </Card>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={14}>
              <Card
                size="small"
                title={t('cockpit.ranking')}
                extra={<Hint text={t('cockpit.rankingHint')} />}
              >
                <CockpitChart
                  option={options.rankingOption}
                  height={250}
                  ariaLabel={t('cockpit.ranking')}
                  data-testid="chart-ranking"
                  onItemClick={(e) => navigate(drillHref(c.ranking[e.dataIndex].drill))}
                />
              </Card>
            </Col>
            <Col span={10}>
              <Card size="small" title={t('cockpit.trend')} extra={<Hint text={t('cockpit.trendHint')} />}>
                <CockpitChart
                  option={options.trendOption}
                  height={250}
                  ariaLabel={t('cockpit.trend')}
                  data-testid="chart-trend"
                  onItemClick={(e) =>
                    navigate(
                      drillHref({ path: '/bulletins', query: { month: c.trend.current[e.dataIndex].month } }),
                    )
                  }
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={8}>
              <Card
                size="small"
                title={t('cockpit.industry')}
                extra={<Hint text={t('cockpit.industryHint')} />}
              >
                {c.by_industry.length ? (
                  <CockpitChart
                    option={options.industryOption}
                    height={230}
                    ariaLabel={t('cockpit.industry')}
                    data-testid="chart-industry"
                    onItemClick={(e) => navigate(drillHref(c.by_industry[e.dataIndex].drill))}
                  />
                ) : (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('cockpit.empty')}
                    style={{ height: 230 }}
                  />
                )}
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small" title={t('cockpit.origin')} extra={<Hint text={t('cockpit.originHint')} />}>
                {c.by_origin.groups.length ? (
                  <CockpitChart
                    option={options.originOption}
                    height={230}
                    ariaLabel={t('cockpit.origin')}
                    data-testid="chart-origin"
                    onItemClick={(e) => navigate(drillHref(c.by_origin.groups[e.dataIndex].drill))}
                  />
                ) : (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('cockpit.empty')}
                    style={{ height: 230 }}
                  />
                )}
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small" title={t('cockpit.funnel')} extra={<Hint text={t('cockpit.funnelHint')} />}>
                <CockpitChart
                  option={options.funnelOption}
                  height={230}
                  ariaLabel={t('cockpit.funnel')}
                  data-testid="chart-funnel"
                  onItemClick={(e) => navigate(drillHref(options.funnelStages[e.dataIndex].drill))}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={16}>
              <Card
                size="small"
                title={t('cockpit.keyProjects')}
                extra={<Link to={drillHref(c.key_projects.drill)}>{t('cockpit.keyProjectsAll')}</Link>}
                styles={{ body: { padding: 0 } }}
              >
                <Space size={4} wrap style={{ padding: '8px 12px 4px' }}>
                  {c.key_projects.stages
                    .filter((x) => x.projects > 0)
                    .map((x) => (
                      <Tag key={x.stage}>
                        {t(`cockpit.stages.${x.stage}`)} {x.projects}
                      </Tag>
                    ))}
                </Space>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={c.key_projects.items}
                  scroll={{ y: 260 }}
                  data-testid="key-projects"
                  columns={[
                    {
                      title: t('cockpit.project'),
                      key: 'name',
                      ellipsis: true,
                      render: (_: unknown, p) => (
                        <Link to={drillHref(p.drill)}>
                          {p.name}
                          {p.major ? (
                            <Tag color="volcano" style={{ marginInlineStart: 4 }}>
                              {t('cockpit.major')}
                            </Tag>
                          ) : null}
                        </Link>
                      ),
                    },
                    { title: t('cockpit.region'), dataIndex: 'region_name', width: 90 },
                    {
                      title: t('cockpit.stage'),
                      dataIndex: 'stage',
                      width: 80,
                      render: (s: Cockpit['funnel'][number]['stage']) => (
                        <Tag>{t(`cockpit.stages.${s}`)}</Tag>
                      ),
                    },
                    {
                      title: t('cockpit.planned'),
                      dataIndex: 'planned_amount',
                      width: 120,
                      align: 'right',
                      render: (v: string) => formatMoney(v),
                    },
                    {
                      title: t('cockpit.funds'),
                      dataIndex: 'funds_in_place',
                      width: 120,
                      align: 'right',
                      render: (v: string) => formatMoney(v),
                    },
                    {
                      title: t('cockpit.guarantor'),
                      dataIndex: 'guarantor',
                      width: 100,
                      render: (v) => v ?? '—',
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small" title={t('cockpit.interviews')}>
                {c.interviews.length ? (
                  <List
                    size="small"
                    dataSource={c.interviews}
                    renderItem={(i) => (
                      <List.Item
                        extra={
                          <Tag color={i.status === 'closed' ? 'green' : 'orange'}>
                            {t(`assessments.interviews.status.${i.status}`)}
                          </Tag>
                        }
                      >
                        <Link to={drillHref(i.drill)}>
                          {i.region_name ?? i.region} · {i.period}
                        </Link>
                        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                          {i.reasons.map((r) => t(`assessments.reasons.${r}`)).join('、')}
                        </div>
                      </List.Item>
                    )}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.noInterviews')} />
                )}
              </Card>
            </Col>
          </Row>
        </Flex>
      )}
    </>
  );
}

function Hint({ text }: { text: string }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {text}
    </Typography.Text>
  );
}
