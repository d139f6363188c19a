//! The monthly income chart's option, a pure function of the months so it is testable
//! without a canvas.

import type { EChartsCoreOption } from 'echarts/core';
import type { MonthIncome } from '../../bindings';
import type { TFor } from '../../i18n';
import { escapeHtml, formatMoney } from '../../shared/format';

/** Plotting only: the bar heights. Every amount shown as text keeps the exact string. */
const plot = (amount: string): number => Number(amount);

/** Months whose statements lacked a gross, fee or tax column on some line. */
export function partialMonths(months: readonly MonthIncome[]): string[] {
  return months
    .filter((m) => m.gross_lines < m.lines || m.fee_lines < m.lines || m.tax_lines < m.lines)
    .map((m) => m.month);
}

interface AxisParam {
  dataIndex: number;
  seriesIndex: number;
  seriesName: string;
  marker: string;
}

export function incomeChartOption(
  months: readonly MonthIncome[],
  t: TFor<'settlements'>,
): EChartsCoreOption {
  const names = {
    gross: t('chart.gross'),
    fees: t('chart.fees'),
    tax: t('chart.tax'),
    net: t('chart.net'),
  };
  const fields = ['gross', 'fees', 'tax', 'net'] as const;
  return {
    animation: false,
    color: ['#5b8ff9', '#f6bd16', '#e86452', '#30bf78'],
    legend: { data: fields.map((f) => names[f]), top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // The exact strings, not the plotted numbers.
      formatter: (params: AxisParam | AxisParam[]) => {
        const list = Array.isArray(params) ? params : [params];
        const month = months[list[0]?.dataIndex ?? -1];
        if (month === undefined) return '';
        const lines = list.map((p) => {
          const field = fields[p.seriesIndex];
          const value = field === undefined ? '' : formatMoney(month[field]);
          return `${p.marker}${escapeHtml(p.seriesName)}&nbsp;&nbsp;<b>${escapeHtml(value)}</b>`;
        });
        return [escapeHtml(month.month), ...lines].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', axisLabel: { formatter: '¥{value}' } },
    series: [
      { name: names.gross, type: 'bar', data: months.map((m) => plot(m.gross)) },
      { name: names.fees, type: 'bar', data: months.map((m) => plot(m.fees)) },
      { name: names.tax, type: 'bar', data: months.map((m) => plot(m.tax)) },
      {
        name: names.net,
        type: 'line',
        symbolSize: 7,
        data: months.map((m) => plot(m.net)),
      },
    ],
  };
}
