import { describe, expect, it } from 'vitest';
import i18n from '../../../i18n';
import * as fx from '../../../test/settlementFixtures';
import { taxOutcomeText, taxWorkingText } from './taxText';

const zh = i18n.getFixedT('zh-CN', 'settlements');
const en = i18n.getFixedT('en', 'settlements');
const FROM = '2025-10-01';

describe('a month of the tax check in words, from its codes and figures', () => {
  it('per payment before 2025-10-01: the fixed or proportional expenses, the rate, the tax', () => {
    expect(taxWorkingText(zh, fx.taxAugust.explanation.working, FROM)).toBe(
      '按次预扣（2025-10-01 前，国家税务总局公告2018年第61号）：收入 ¥2850.00（税前减服务费），' +
        '定额减除费用 ¥800.00，应纳税所得额 ¥2050.00 × 20% − 速算扣除数 ¥0.00 = ¥410.00。',
    );
    expect(taxWorkingText(en, fx.taxSeptember.explanation.working, FROM)).toBe(
      'Per payment (before 2025-10-01, SAT Announcement 2018 No. 61): income ¥9500.00 (gross less fees), ' +
        'proportional expense deduction ¥1900.00, taxable ¥7600.00 × 20% − quick deduction ¥0.00 = ¥1520.00.',
    );
  });

  it('cumulative from 2025-10-01: the running total, the months deducted, what earlier months owed', () => {
    expect(taxWorkingText(zh, fx.taxNovember.explanation.working, FROM)).toBe(
      '累计预扣法（2025-10-01 起，国家税务总局公告2025年第16号）：本年累计收入 ¥28500.00 − 累计费用 ¥5700.00 − ' +
        '累计减除费用 ¥10000.00（2 个月）= ¥12800.00，× 3% − 速算扣除数 ¥0.00 = 累计应扣 ¥384.00，' +
        '减去此前各月应扣 ¥78.00，本月应扣 ¥306.00。',
    );
    expect(taxWorkingText(en, fx.taxOctober.explanation.working, FROM)).toBe(
      'Cumulative method (from 2025-10-01, SAT Announcement 2025 No. 16): income this year ¥9500.00 − ' +
        'expenses ¥1900.00 − basic deduction ¥5000.00 (paid months in a row: 1) = ¥2600.00, × 3% − quick deduction ¥0.00 = ' +
        '¥78.00 due to date, less ¥0.00 due in earlier months: ¥78.00 this month.',
    );
  });

  it('over- and under-withheld say by how much, the sign being the verdict', () => {
    expect(taxOutcomeText(zh, fx.taxOctober)).toBe(
      '平台多扣了 ¥1442.00。个人所得税按年度汇算清缴，多退少补。',
    );
    expect(taxOutcomeText(zh, fx.taxNovember)).toBe(
      '平台少扣了 ¥6.00。个人所得税按年度汇算清缴，多退少补。1 笔未列个税，按 0 计。',
    );
    expect(taxOutcomeText(en, fx.taxNovember)).toBe(
      'The platform withheld ¥6.00 too little. Individual income tax is settled in the annual ' +
        'reconciliation: overpaid tax is refunded, underpaid tax is due. 1 line states no tax and counts as 0.',
    );
  });

  it('exact says so alone; a month without any tax cannot be checked', () => {
    expect(taxOutcomeText(zh, fx.taxSeptember)).toBe('平台代扣与计算一致。');
    expect(taxOutcomeText(en, fx.taxSeptember)).toBe(
      'The platform withheld exactly what was computed.',
    );
    expect(taxOutcomeText(zh, fx.taxJanuary)).toBe(
      '结算单没有列出本月的个税，无法核对（应扣 ¥0.00）。1 笔未列税前金额，按实发 + 服务费 + 个税计。',
    );
  });
});
