import { Card, Col, Empty, Row } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dec } from '../../../../shared/money.ts';
import { parseMonth } from '../../../../shared/month.ts';
import { EChart } from '../../../ui/EChart.tsx';
import { formatPercent } from '../../../ui/Percent.tsx';
import type { Bulletin, BulletinFigures, BulletinTrend, CapitalTab } from '../types.ts';

export interface BulletinChartsProps {
  bulletin: Bulletin;
  kind: CapitalTab;
  /** Absent for roles that may not read the trend (districts see the published bulletin only). */
  trend?: BulletinTrend;
}

const BLUE = '#1677ff';
const RED = '#cf1322';
const GREY = '#bfbfbf';
const GOLD = '#d48806';

/** A ratio string as a chart value in percent; charts only draw, they never compute money. */
const pct = (v: string) => Number(dec(v).times(100).toFixed(2));
/** An amount string as a chart value. */
const num = (v: string) => Number(v);
const figuresOf = (r: Bulletin['rows'][number], kind: CapitalTab): BulletinFigures =>
  kind === 'domestic' ? r : r.foreign;

function axisPercent(): EChartsCoreOption {
  return {
    type: 'value',
    axisLabel: { formatter: '{value}%' },
    splitLine: { lineStyle: { type: 'dashed' } },
  };
}

/** The three charts under the bulletin: completion against schedule, the monthly trend, the Beijing share. */
export function BulletinCharts({ bulletin, kind, trend }: BulletinChartsProps) {
  const { t } = useTranslation();

  const completion = useMemo<EChartsCoreOption | null>(() => {
    const figures = (r: Bulletin['rows'][number]) => figuresOf(r, kind);
    const rows = bulletin.rows
      .filter((r) => r.reported && figures(r).completion !== null)
      .sort((a, b) => (figures(a).rank ?? 999) - (figures(b).rank ?? 999));
    if (!rows.length) return null;
    const schedule = pct(bulletin.schedule);
    return {
      aria: { enabled: true },
      grid: { left: 64, right: 16, top: 28, bottom: 56 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { interval: 0, rotate: rows.length > 8 ? 40 : 0, fontSize: 11 },
      },
      // keep the schedule line in view when every region is far below (or above) it
      yAxis: {
        ...axisPercent(),
        max: (v: { max: number }) => Math.ceil(Math.max(v.max, schedule) / 10) * 10,
      },
      series: [
        {
          name: t('bulletins.charts.completionSeries'),
          type: 'bar',
          barMaxWidth: 22,
          data: rows.map((r) => ({
            value: pct(figures(r).completion!),
            itemStyle: { color: figures(r).behind_schedule ? RED : BLUE },
          })),
          markLine: {
            symbol: 'none',
            lineStyle: { color: GOLD, type: 'dashed', width: 2 },
            label: {
              formatter: t('bulletins.schedule', { value: formatPercent(bulletin.schedule) }),
              position: 'insideEndTop',
            },
            data: [{ yAxis: schedule }],
          },
        },
      ],
    };
  }, [bulletin, kind, t]);

  const trendOption = useMemo<EChartsCoreOption | null>(() => {
    if (!trend) return null;
    const { year, month } = parseMonth(trend.month);
    const labels = Array.from({ length: month }, (_, i) => `${i + 1}`);
    return {
      aria: { enabled: true },
      grid: { left: 72, right: 16, top: 40, bottom: 28 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { formatter: (v: string) => `${v}${t('bulletins.charts.monthSuffix')}` },
      },
      yAxis: {
        type: 'value',
        name: kind === 'domestic' ? t('ui.yuan10k') : t('ui.usd10k'),
        nameTextStyle: { align: 'right' },
        splitLine: { lineStyle: { type: 'dashed' } },
      },
      series: [
        {
          name: t('bulletins.charts.yearSeries', { year }),
          type: 'bar',
          barMaxWidth: 18,
          itemStyle: { color: BLUE },
          data: trend.current.map((p) => num(p[kind])),
        },
        {
          name: t('bulletins.charts.yearSeries', { year: year - 1 }),
          type: 'line',
          itemStyle: { color: GREY },
          lineStyle: { color: GREY, width: 2 },
          data: trend.previous.map((p) => num(p[kind])),
        },
      ],
    };
  }, [trend, kind, t]);

  const beijing = useMemo<EChartsCoreOption | null>(() => {
    const figures = (r: Bulletin['rows'][number]) => figuresOf(r, kind);
    const rows = bulletin.rows.filter((r) => r.reported && figures(r).beijing_share !== null);
    if (!rows.length) return null;
    return {
      aria: { enabled: true },
      grid: { left: 64, right: 16, top: 28, bottom: 56 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { interval: 0, rotate: rows.length > 8 ? 40 : 0, fontSize: 11 },
      },
      yAxis: { ...axisPercent(), max: 100 },
      series: [
        {
          name: t('bulletins.charts.beijingSeries'),
          type: 'bar',
          barMaxWidth: 22,
          data: rows.map((r) => {
            const v = pct(figures(r).beijing_share!);
            return {
              value: v,
              itemStyle: { color: dec(figures(r).beijing_share!).times(3).lessThan(1) ? GREY : BLUE },
            };
          }),
          markLine: {
            symbol: 'none',
            lineStyle: { color: GOLD, type: 'dashed', width: 2 },
            label: { formatter: t('bulletins.charts.goal'), position: 'insideEndTop' },
            data: [{ yAxis: 33.33 }],
          },
        },
      ],
    };
  }, [bulletin, kind, t]);

  const { year, month } = parseMonth(bulletin.month);
  const chartCard = (title: string, option: EChartsCoreOption | null, aria: string, testId: string) => (
    <Card size="small" title={title} styles={{ body: { padding: 8 } }}>
      {option ? (
        <EChart option={option} height={260} ariaLabel={aria} data-testid={testId} />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('bulletins.charts.noData')}
          style={{ height: 244 }}
        />
      )}
    </Card>
  );
  const span = trend ? 8 : 12;
  return (
    <Row gutter={12} style={{ marginTop: 12 }}>
      <Col span={span}>
        {chartCard(
          t('bulletins.charts.completion'),
          completion,
          t('bulletins.charts.completionAria'),
          'chart-completion',
        )}
      </Col>
      {trend ? (
        <Col span={span}>
          {chartCard(
            t('bulletins.charts.trend', { year, prev: year - 1, month }),
            trendOption,
            t('bulletins.charts.trendAria'),
            'chart-trend',
          )}
        </Col>
      ) : null}
      <Col span={span}>
        {chartCard(
          t('bulletins.charts.beijing'),
          beijing,
          t('bulletins.charts.beijingAria'),
          'chart-beijing',
        )}
      </Col>
    </Row>
  );
}
