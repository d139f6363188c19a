//! A minimal ECharts host: only the chart types and components this app draws are
//! registered (tree-shaken `echarts/core`), painted on a canvas (no eval, nothing remote).

import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, type EChartsCoreOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/**
 * Whether this document can paint on a 2D canvas. jsdom has none (tests stub
 * `getContext` with an inert object), and a chart without one would only throw.
 */
function canvasWorks(): boolean {
  try {
    const ctx = document.createElement('canvas').getContext('2d');
    return typeof ctx?.measureText('0')?.width === 'number';
  } catch {
    return false;
  }
}

export function EChart({
  option,
  className,
  testId,
}: {
  option: EChartsCoreOption;
  className?: string;
  testId?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const el = host.current;
    if (el === null || !canvasWorks()) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current = null;
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    // `notMerge`: a month or a series that went away must not linger from the last option.
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={host} className={className} data-testid={testId} />;
}
