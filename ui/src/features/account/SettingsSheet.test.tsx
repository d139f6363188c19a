import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Providers } from '../../app/Providers';
import type { AppStatus } from '../../bindings';
import { statusSandbox } from '../../test/fixtures';
import { type Commands, mockEvents, mockIpc, Reject } from '../../test/ipcMock';
import * as lx from '../../test/logisticsFixtures';
import { homeAddress, reminderDefaults } from '../../test/profileFixtures';
import { renderWithProviders } from '../../test/render';
import { SettingsSheet } from './SettingsSheet';

function setup(status: AppStatus, extra: Partial<Commands>) {
  mockEvents();
  const calls = mockIpc({ app_status: () => status, ...extra });
  const onClose = vi.fn();
  const user = userEvent.setup();
  renderWithProviders(<SettingsSheet visible status={status} onClose={onClose} />);
  return { calls, onClose, user };
}

describe('settings', () => {
  it('saves a platform account with url and token', async () => {
    const platform: AppStatus = {
      ...statusSandbox,
      source: { kind: 'platform', url: 'https://api.xingtu.example' },
    };
    const { calls, onClose, user } = setup(statusSandbox, {
      settings_set_platform: () => platform,
    });
    await user.click(screen.getByText('平台账号'));
    await user.type(screen.getByTestId('platform-url'), 'https://api.xingtu.example');
    await user.type(screen.getByTestId('platform-token'), 'st_live_abc');
    expect(screen.getByTestId('platform-token')).toHaveAttribute('type', 'password');
    await user.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.filter((c) => c.command === 'settings_set_platform').map((c) => c.args)).toEqual([
      { account: { url: 'https://api.xingtu.example', token: 'st_live_abc' } },
    ]);
  });

  it('shows invalid_input from the error code and stays open', async () => {
    const { onClose, user } = setup(statusSandbox, {
      settings_set_platform: () => {
        throw new Reject({ code: 'invalid_input', message: 'relative URL without a base' });
      },
    });
    await user.click(screen.getByText('平台账号'));
    await user.type(screen.getByTestId('platform-url'), 'not a url');
    await user.type(screen.getByTestId('platform-token'), 't');
    await user.click(screen.getByTestId('settings-save'));
    expect(await screen.findByTestId('settings-error')).toHaveTextContent(
      '平台地址或访问令牌格式不正确',
    );
    expect(screen.queryByText(/relative URL/)).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('refuses to send an empty url or token', async () => {
    const { calls, user } = setup(statusSandbox, {});
    await user.click(screen.getByText('平台账号'));
    await user.click(screen.getByTestId('settings-save'));
    expect(await screen.findByTestId('settings-error')).toHaveTextContent(
      '请填写平台地址和访问令牌',
    );
    expect(calls.some((c) => c.command === 'settings_set_platform')).toBe(false);
  });

  it('switches back to the sandbox', async () => {
    const platform: AppStatus = {
      ...statusSandbox,
      source: { kind: 'platform', url: 'https://api.xingtu.example' },
    };
    const { calls, user } = setup(platform, { settings_use_sandbox: () => statusSandbox });
    await user.click(screen.getByText('内置沙盒'));
    await user.click(screen.getByTestId('settings-save'));
    await waitFor(() =>
      expect(calls.filter((c) => c.command === 'settings_use_sandbox')).toHaveLength(1),
    );
    expect(calls.some((c) => c.command === 'settings_set_platform')).toBe(false);
  });

  it('shows where data lives, and warns when the keychain is unavailable', async () => {
    setup({ ...statusSandbox, key_store: 'key_file' }, {});
    expect(screen.getByTestId('data-dir')).toHaveTextContent('/home/lu/.local/share/stardesk');
    expect(screen.getByTestId('key-store')).toHaveTextContent('受保护的密钥文件');
    expect(screen.getByText(/系统钥匙串不可用/)).toBeInTheDocument();
  });

  it('no warning with the keychain', async () => {
    setup(statusSandbox, {});
    expect(screen.getByTestId('key-store')).toHaveTextContent('系统钥匙串');
    expect(screen.queryByText(/系统钥匙串不可用/)).toBeNull();
  });

  it('opens on 账号; the profile tabs load when first shown; each opening starts on 账号', async () => {
    mockEvents();
    const calls = mockIpc({
      app_status: () => statusSandbox,
      addresses: () => [homeAddress],
      reminder_settings: () => reminderDefaults,
    });
    const user = userEvent.setup();
    const sheet = (visible: boolean) => (
      <SettingsSheet visible={visible} status={statusSandbox} onClose={() => {}} />
    );
    const { client, rerender } = renderWithProviders(sheet(true));
    const accountShown = () =>
      screen
        .getByTestId('settings-modal')
        .closest('[role="tabpanel"]')
        ?.getAttribute('aria-hidden');
    expect(screen.getByText('设置')).toBeInTheDocument();
    expect(screen.getByTestId('settings-modal')).toBeInTheDocument();
    expect(screen.getByTestId('settings-tab-account')).toHaveTextContent('账号');
    expect(screen.getByTestId('settings-tab-snippets')).toHaveTextContent('常用文案');
    expect(calls.some((c) => c.command === 'addresses')).toBe(false);

    await user.click(screen.getByTestId('settings-tab-addresses'));
    expect(await screen.findByTestId('address-row')).toHaveTextContent('138****5678');
    await user.click(screen.getByTestId('settings-tab-reminders'));
    expect(await screen.findByTestId('reminder-lead-3')).toBeInTheDocument();
    expect(calls.some((c) => c.command === 'snippets')).toBe(false);

    expect(accountShown()).toBe('true');
    rerender(<Providers client={client}>{sheet(false)}</Providers>);
    rerender(<Providers client={client}>{sheet(true)}</Providers>);
    await waitFor(() => expect(accountShown()).toBe('false'));
  });

  it('a page may open it on 物流跟踪', async () => {
    mockEvents();
    const calls = mockIpc({
      app_status: () => statusSandbox,
      tracking_settings: () => lx.trackingNone,
      alert_thresholds: () => lx.thresholdDefaults,
    });
    renderWithProviders(
      <SettingsSheet visible initialTab="tracking" status={statusSandbox} onClose={() => {}} />,
    );
    expect(screen.getByTestId('settings-tab-tracking')).toHaveTextContent('物流跟踪');
    expect(await screen.findByTestId('tracking-status')).toHaveAttribute('data-status', 'none');
    expect(calls.some((c) => c.command === 'tracking_settings')).toBe(true);
  });
});
