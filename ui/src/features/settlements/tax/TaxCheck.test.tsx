import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TaxCheckView } from '../../../bindings';
import i18n from '../../../i18n';
import { type Call, mockEvents, mockIpc, Reject } from '../../../test/ipcMock';
import { renderWithProviders } from '../../../test/render';
import * as fx from '../../../test/settlementFixtures';
import { SettlementsPage } from '../SettlementsPage';

function setup(tax: (year: number | null) => TaxCheckView = fx.taxCheck) {
  mockEvents();
  const calls = mockIpc({
    import_files: () => fx.files,
    mapping_profiles: () => [],
    reconcile_saved: () => fx.view,
    reconcile_discrepancies: ({ query }) => fx.discrepancyPage(query),
    reconcile_matches: ({ query }) => fx.matchPage(query),
    monthly_income: () => fx.months,
    decisions: () => [],
    contract_account: () => null,
    settlement_tax: ({ year }) => tax(year),
  });
  const user = userEvent.setup();
  renderWithProviders(<SettlementsPage />);
  return { calls, user };
}

const section = () => screen.getByTestId('tax-check');
const rows = () => within(section()).getAllByTestId('tax-row');
const rowOf = (month: string) => {
  const row = rows().find((r) => r.getAttribute('data-month') === month);
  if (!row) throw new Error(`no ${month} row`);
  return row;
};
const cells = (month: string) =>
  Array.from(rowOf(month).querySelectorAll('td')).map((td) => td.textContent);
const yearsAsked = (calls: Call[]) =>
  calls.filter((c) => c.command === 'settlement_tax').map((c) => c.args?.year);

describe('the tax check on the settlements page', () => {
  it('a row per month with the four amounts; a non-zero difference is coloured and explained', async () => {
    const { calls } = setup();
    await within(await screen.findByTestId('tax-check')).findAllByTestId('tax-row');
    expect(section()).toHaveTextContent('个税核对');
    expect(yearsAsked(calls)[0]).toBeNull();
    expect(rows().map((r) => r.getAttribute('data-month'))).toEqual([
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2026-01',
    ]);
    // Month, income, withheld, expected, difference.
    expect(cells('2025-10').slice(0, 5)).toEqual([
      '2025-10',
      '¥10,000.00',
      '¥1,520.00',
      '¥78.00',
      '+¥1,442.00',
    ]);
    expect(cells('2025-11').slice(0, 5)).toEqual([
      '2025-11',
      '¥20,000.00',
      '¥300.00',
      '¥306.00',
      '-¥6.00',
    ]);

    const difference = (month: string) => within(rowOf(month)).getByTestId('tax-difference');
    expect(difference('2025-08').className).toContain('semi-typography-danger');
    expect(difference('2025-11').className).toContain('semi-typography-warning');
    expect(difference('2025-09').className).not.toMatch(/danger|warning/);
    expect(rowOf('2025-08')).toHaveAttribute('data-verdict', 'over_withheld');
    expect(rowOf('2025-09')).toHaveAttribute('data-verdict', 'exact');

    // The explanation: the verdict, what it means and the method's steps.
    const august = rowOf('2025-08');
    expect(august).toHaveTextContent('多扣');
    expect(within(august).getByTestId('tax-outcome').textContent).toBe(
      '平台多扣了 ¥90.00。个人所得税按年度汇算清缴，多退少补。',
    );
    expect(within(august).getByTestId('tax-working')).toHaveTextContent('按次预扣');
    expect(within(rowOf('2025-10')).getByTestId('tax-working')).toHaveTextContent(
      '累计预扣法（2025-10-01 起，国家税务总局公告2025年第16号）',
    );
    expect(within(rowOf('2025-09')).getByTestId('tax-outcome').textContent).toBe(
      '平台代扣与计算一致。',
    );
    expect(within(section()).getByTestId('tax-totals')).toHaveTextContent(
      '合计：税前收入 ¥48,000.00，平台代扣 ¥3,840.00，应扣 ¥2,314.00，差额 +¥1,526.00',
    );
  });

  it('the year selector asks core for that year and shows its months only', async () => {
    const { calls, user } = setup();
    await within(await screen.findByTestId('tax-check')).findAllByTestId('tax-row');
    const years = within(section()).getByTestId('tax-year');
    expect(years).toHaveTextContent('全部年份');
    expect(years).toHaveTextContent('2025');

    await user.click(within(years).getByText('2026'));
    await waitFor(() =>
      expect(rows().map((r) => r.getAttribute('data-month'))).toEqual(['2026-01']),
    );
    expect(yearsAsked(calls)).toContain(2026);
    expect(rowOf('2026-01')).toHaveAttribute('data-verdict', 'not_stated');
    expect(within(section()).getByTestId('tax-totals')).toHaveTextContent('差额 ¥0.00');

    await user.click(within(years).getByText('2025'));
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(yearsAsked(calls)).toContain(2025);

    await user.click(within(years).getByText('全部年份'));
    await waitFor(() => expect(rows()).toHaveLength(5));
  });

  it('a year that cannot be read says so, with Retry and the way back to every year', async () => {
    const { user } = setup((year) => {
      if (year === 2026) throw new Reject({ code: 'store_failed', message: 'disk I/O error' });
      return fx.taxCheck(year);
    });
    await within(await screen.findByTestId('tax-check')).findAllByTestId('tax-row');
    await user.click(within(section()).getByText('2026'));
    const failed = await within(section()).findByTestId('tax-check-failed');
    expect(failed).toHaveTextContent('本地数据库出错');
    expect(within(failed).getByRole('button', { name: '重试' })).toBeInTheDocument();
    await user.click(within(failed).getByRole('button', { name: '全部年份' }));
    await waitFor(() => expect(rows()).toHaveLength(5));
  });

  it('with no statement imported: the empty state, no table', async () => {
    setup(() => fx.taxCheckEmpty);
    const empty = await within(await screen.findByTestId('tax-check')).findByTestId(
      'tax-check-empty',
    );
    expect(empty).toHaveTextContent('还没有导入结算单');
    expect(within(section()).queryByTestId('tax-row')).toBeNull();
    expect(within(section()).queryByTestId('tax-year')).toBeNull();
  });

  it('the explanation follows the language', async () => {
    setup();
    await within(await screen.findByTestId('tax-check')).findAllByTestId('tax-row');
    await act(() => i18n.changeLanguage('en'));
    expect(section()).toHaveTextContent('Tax check');
    expect(within(rowOf('2025-11')).getByTestId('tax-outcome')).toHaveTextContent(
      'The platform withheld ¥6.00 too little.',
    );
    expect(rowOf('2025-11')).toHaveTextContent('Under-withheld');
    expect(within(rowOf('2025-11')).getByTestId('tax-working')).toHaveTextContent(
      'Cumulative method (from 2025-10-01, SAT Announcement 2025 No. 16)',
    );
    await act(() => i18n.changeLanguage('zh-CN'));
  });
});
