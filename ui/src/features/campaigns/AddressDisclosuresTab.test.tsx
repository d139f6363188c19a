import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../shared/format';
import * as fx from '../../test/campaignFixtures';
import { statusSandbox } from '../../test/fixtures';
import { type Commands, mockEvents, mockIpc, Reject } from '../../test/ipcMock';
import { renderWithProviders } from '../../test/render';
import { SettingsSheet } from '../account/SettingsSheet';
import { AddressDisclosuresTab } from './AddressDisclosuresTab';

function setup(extra: Partial<Commands> = {}) {
  mockEvents();
  const calls = mockIpc({ address_disclosures: () => fx.disclosures, ...extra });
  renderWithProviders(<AddressDisclosuresTab />);
  return { calls };
}

describe('who has my address (R-REVIEW-4)', () => {
  it('each brand, its campaign, when it was sent and the masked details sent', async () => {
    setup();
    const rows = await screen.findAllByTestId('disclosure-row');
    expect(rows.map((r) => r.getAttribute('data-application-id'))).toEqual(['A2', 'A4']);
    const [xiaomi, dyson] = rows as [HTMLElement, HTMLElement];
    expect(within(xiaomi).getByTestId('disclosure-brand')).toHaveTextContent('小米');
    expect(within(xiaomi).getByTestId('disclosure-campaign')).toHaveTextContent(
      '小米手环 9 NFC 版测评',
    );
    expect(within(xiaomi).getByTestId('campaign-status')).toHaveTextContent('待品牌方选择');
    expect(within(xiaomi).getByTestId('disclosure-sent-at')).toHaveTextContent(
      formatInstant('2026-03-14T03:00:00Z'),
    );
    expect(within(xiaomi).getByTestId('disclosure-shipping')).toHaveTextContent(
      '陆小鹿 138****5678 · 浙江省 杭州市 西湖区',
    );
    expect(within(dyson).getByTestId('disclosure-shipping')).toHaveTextContent(
      '陆小鹿 139****4321 · 北京市 市辖区 朝阳区',
    );
    expect(within(dyson).getByTestId('campaign-status')).toHaveTextContent('奖励已发放');
    expect(screen.getByTestId('disclosures-rule')).toHaveTextContent(
      '只用于寄送这次的样品（R-REVIEW-4）。合作结束后，可以请品牌方删除。',
    );
  });

  it('no brand has it yet: says so', async () => {
    setup({ address_disclosures: () => [] });
    expect(await screen.findByTestId('disclosures-empty')).toHaveTextContent(
      '还没有品牌方收到过你的地址',
    );
  });

  it('a failed load says why in words', async () => {
    setup({
      address_disclosures: () => {
        throw new Reject({ code: 'store_failed', message: 'disk I/O error' });
      },
    });
    expect(await screen.findByText('无法读取地址的去向')).toBeInTheDocument();
    expect(screen.getByText('本地数据库出错 (store_failed)')).toBeInTheDocument();
  });

  it('is a tab of 设置, after 收货地址, loaded when first shown', { timeout: 30_000 }, async () => {
    mockEvents();
    const calls = mockIpc({
      app_status: () => statusSandbox,
      address_disclosures: () => fx.disclosures,
    });
    const user = userEvent.setup();
    renderWithProviders(<SettingsSheet visible status={statusSandbox} onClose={() => {}} />);
    const tabs = screen.getAllByTestId(/^settings-tab-/).map((t) => t.getAttribute('data-testid'));
    expect(tabs.indexOf('settings-tab-disclosures')).toBe(
      tabs.indexOf('settings-tab-addresses') + 1,
    );
    expect(screen.getByTestId('settings-tab-disclosures')).toHaveTextContent('谁有我的地址');
    expect(calls.some((c) => c.command === 'address_disclosures')).toBe(false);
    await user.click(screen.getByTestId('settings-tab-disclosures'));
    expect(await screen.findAllByTestId('disclosure-row')).toHaveLength(2);
  });
});
