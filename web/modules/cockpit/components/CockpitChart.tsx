import { Flex, Spin } from 'antd';
import type { ECharts, EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';

/** What a click on a chart reports: the series and the data item's index and name. */
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  name: string;
}

export interface CockpitChartProps {
  option: EChartsCoreOption;
  height?: number;
  ariaLabel: string;
  /** A click on a data item (a bar, a slice, a point): the drill-down. */
  onItemClick?: (e: ChartClick) => void;
  'data-testid'?: string;
}

/** An ECharts chart that loads the library on first use, resizes with its box and reports item clicks. */
export function CockpitChart({ option, height = 260, ariaLabel, onItemClick, ...rest }: CockpitChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const clickRef = useRef(onItemClick);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    clickRef.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    let disposed = false;
    void import('../echarts.ts').then(({ echarts }) => {
      if (disposed) return;
      const c = echarts.init(el, undefined, { renderer: 'canvas' });
      c.on('click', (p) => {
        const e = p as { seriesIndex?: number; dataIndex?: number; name?: string };
        clickRef.current?.({
          seriesIndex: e.seriesIndex ?? 0,
          dataIndex: e.dataIndex ?? 0,
          name: e.name ?? '',
        });
      });
      chart.current = c;
      setReady(true);
    });
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(el);
    return () => {
      disposed = true;
      observer.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption(option, { notMerge: true });
  }, [ready, option]);

  return (
    <div style={{ position: 'relative', height, cursor: onItemClick ? 'pointer' : undefined }} {...rest}>
      <div ref={box} role="img" aria-label={ariaLabel} style={{ position: 'absolute', inset: 0 }} />
      {ready ? null : (
        <Flex align="center" justify="center" style={{ position: 'absolute', inset: 0 }}>
          <Spin />
        </Flex>
      )}
    </div>
  );
}
