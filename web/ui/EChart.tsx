import { Flex, Spin } from 'antd';
import type { ECharts, EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, useState, type CSSProperties } from 'react';

export interface EChartProps {
  /** The chart's option (ECharts); replaced as a whole when it changes. */
  option: EChartsCoreOption;
  height?: number;
  /** What the chart shows, for screen readers. */
  ariaLabel: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** An ECharts chart, loaded lazily with the chart library on first use, resized with its box. */
export function EChart({ option, height = 280, ariaLabel, style, ...rest }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    let disposed = false;
    void import('./echarts.ts').then(({ echarts }) => {
      if (disposed) return;
      chart.current = echarts.init(el, undefined, { renderer: 'canvas' });
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
    <div style={{ position: 'relative', height, ...style }} {...rest}>
      <div ref={box} role="img" aria-label={ariaLabel} style={{ position: 'absolute', inset: 0 }} />
      {ready ? null : (
        <Flex align="center" justify="center" style={{ position: 'absolute', inset: 0 }}>
          <Spin />
        </Flex>
      )}
    </div>
  );
}
