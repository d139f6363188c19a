import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { months } from '../../test/settlementFixtures';
import { incomeChartOption, partialMonths } from './incomeChart';

interface Series {
  name: string;
  type: string;
  data: number[];
}

describe('income chart option', () => {
  it('maps months to the x axis and each amount to its series', () => {
    const option = incomeChartOption(months, i18n.getFixedT(null, 'settlements')) as {
      xAxis: { data: string[] };
      legend: { data: string[] };
      series: Series[];
      tooltip: { formatter: (p: unknown) => string };
    };
    expect(option.xAxis.data).toEqual(['2026-01', '2026-02']);
    expect(option.legend.data).toEqual(['税前', '服务费', '代扣税', '实发']);
    expect(option.series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['税前', 'bar', [3000, 1288.5]],
      ['服务费', 'bar', [150, 64.43]],
      ['代扣税', 'bar', [120, 0]],
      ['实发', 'line', [2730, 4238.5]],
    ]);
    // The tooltip shows the exact strings, formatted.
    const tip = option.tooltip.formatter([
      { dataIndex: 1, seriesIndex: 1, seriesName: '服务费', marker: '' },
      { dataIndex: 1, seriesIndex: 3, seriesName: '实发', marker: '' },
    ]);
    expect(tip).toContain('2026-02');
    expect(tip).toContain('¥64.43');
    expect(tip).toContain('¥4,238.50');
  });

  it('the legend follows the language', () => {
    const en = i18n.getFixedT('en', 'settlements');
    const option = incomeChartOption(months, en) as { legend: { data: string[] } };
    expect(option.legend.data).toEqual(['Gross', 'Fees', 'Tax', 'Net']);
  });

  it('months whose statements lack a component column are partial', () => {
    expect(partialMonths(months)).toEqual(['2026-02']);
    expect(partialMonths([])).toEqual([]);
  });
});
