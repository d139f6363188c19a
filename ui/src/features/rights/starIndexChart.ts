//! The star index chart's option (R-LEVEL-9): the index and its five sub-indices over the
//! days recorded, a pure function of the points so it is testable without a canvas.

import type { EChartsCoreOption } from 'echarts/core';
import type { StarIndexPoint } from '../../bindings';
import type { TFor } from '../../i18n';
import { escapeHtml } from '../../shared/format';
import { formatIndex } from './rightsText';

/** The series of a point, the blend first. */
export const STAR_INDEX_FIELDS = [
  'index',
  'reach',
  'cooperation',
  'growth',
  'value_for_money',
  'seeding',
] as const satisfies readonly (keyof StarIndexPoint)[];
export type StarIndexField = (typeof STAR_INDEX_FIELDS)[number];

const COLORS: Record<StarIndexField, string> = {
  index: '#3370ff',
  reach: '#5b8ff9',
  cooperation: '#30bf78',
  growth: '#f6bd16',
  value_for_money: '#e86452',
  seeding: '#9661bc',
};

interface AxisParam {
  dataIndex: number;
  seriesIndex: number;
  seriesName: string;
  marker: string;
}

export function starIndexChartOption(
  points: readonly StarIndexPoint[],
  t: TFor<'rights'>,
): EChartsCoreOption {
  const names = STAR_INDEX_FIELDS.map((f) => t(`starIndex.fields.${f}`));
  return {
    animation: false,
    color: STAR_INDEX_FIELDS.map((f) => COLORS[f]),
    legend: { data: names, top: 0 },
    // The first and last days sit on the plot's edges with their labels centred there:
    // `containLabel` makes room for the y axis's labels only, so half a date's width on
    // each side keeps "2026-09-07" whole (at 8 px it read "026-09-07"). Aligning the end
    // labels inwards instead made ECharts hide them as overlapping their neighbours.
    grid: { left: 32, right: 40, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (params: AxisParam | AxisParam[]) => {
        const list = Array.isArray(params) ? params : [params];
        const point = points[list[0]?.dataIndex ?? -1];
        if (point === undefined) return '';
        const lines = list.map((p) => {
          const field = STAR_INDEX_FIELDS[p.seriesIndex];
          const value = field === undefined ? '' : formatIndex(point[field]);
          return `${p.marker}${escapeHtml(p.seriesName)}&nbsp;&nbsp;<b>${escapeHtml(value)}</b>`;
        });
        return [escapeHtml(point.day), ...lines].join('<br/>');
      },
    },
    xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => p.day) },
    yAxis: { type: 'value', scale: true },
    series: STAR_INDEX_FIELDS.map((field, i) => ({
      name: names[i],
      type: 'line',
      showSymbol: points.length <= 31,
      symbolSize: 5,
      // The blend stands out; the sub-indices are the context.
      lineStyle: { width: field === 'index' ? 3 : 1.5 },
      data: points.map((p) => p[field]),
    })),
  };
}
