import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { starPoints } from '../../test/rightsFixtures';
import { starIndexChartOption } from './starIndexChart';

interface Series {
  name: string;
  type: string;
  data: number[];
}

describe('star index chart option (R-LEVEL-9)', () => {
  it('the days on the x axis; the index and its five sub-indices as lines', () => {
    const option = starIndexChartOption(starPoints, i18n.getFixedT('zh-CN', 'rights')) as {
      xAxis: { data: string[] };
      legend: { data: string[] };
      series: Series[];
      tooltip: { formatter: (p: unknown) => string };
    };
    expect(option.xAxis.data).toHaveLength(14);
    expect(option.xAxis.data[0]).toBe('2026-03-15');
    expect(option.legend.data).toEqual(['星图指数', '传播', '合作', '成长', '性价比', '种草']);
    expect(option.series.map((s) => s.type)).toEqual(Array(6).fill('line'));
    expect(option.series[0]?.data.at(-1)).toBe(83.2);
    expect(option.series[5]?.data.at(-1)).toBe(65.4);
    const tip = option.tooltip.formatter([
      { dataIndex: 13, seriesIndex: 0, seriesName: '星图指数', marker: '' },
      { dataIndex: 13, seriesIndex: 5, seriesName: '种草', marker: '' },
    ]);
    expect(tip).toContain('2026-03-28');
    expect(tip).toContain('83.2');
    expect(tip).toContain('65.4');
  });

  it('the legend follows the language', () => {
    const option = starIndexChartOption(starPoints, i18n.getFixedT('en', 'rights')) as {
      legend: { data: string[] };
    };
    expect(option.legend.data).toEqual([
      'Star index',
      'Reach',
      'Cooperation',
      'Growth',
      'Value for money',
      'Seeding',
    ]);
  });
});
