import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AlertThresholdsView, TrackingSettings } from '../../bindings';
import i18n from '../../i18n';
import { type Call, type Commands, mockEvents, mockIpc, Reject } from '../../test/ipcMock';
import * as fx from '../../test/logisticsFixtures';
import { renderWithProviders } from '../../test/render';
import { TrackingTab } from './TrackingTab';

const SLOW = { timeout: 30_000 };

function setup(initial: TrackingSettings, extra: Partial<Commands> = {}) {
  const events = mockEvents();
  let thresholds = fx.thresholdDefaults;
  const calls = mockIpc({
    tracking_settings: () => initial,
    alert_thresholds: () => thresholds,
    set_alert_thresholds: ({ thresholds: next }) => {
      thresholds = next;
      events.emit('data_changed', { areas: ['logistics'] });
      return next;
    },
    ...extra,
  });
  const user = userEvent.setup();
  renderWithProviders(<TrackingTab />);
  return { calls, user };
}

const argsOf = (calls: Call[], command: string) =>
  calls.filter((c) => c.command === command).map((c) => c.args);

describe('settings: parcel tracking', () => {
  it('shows where tracking comes from: the demo, an account, or nothing', async () => {
    setup(fx.trackingSandbox);
    const status = await screen.findByTestId('tracking-status');
    expect(status).toHaveAttribute('data-status', 'sandbox');
    expect(status).toHaveTextContent('演示模式');
    expect(screen.queryByTestId('tracking-clear')).toBeNull();
  });

  it(
    'saves the kuaidi100 account; the key is a password field and is never shown back',
    SLOW,
    async () => {
      const { calls, user } = setup(fx.trackingNone, {
        set_tracking_account: () => fx.trackingSet,
      });
      expect(await screen.findByTestId('tracking-status')).toHaveTextContent(
        '没有设置：包裹状态不会自动更新',
      );
      expect(screen.getByTestId('tracking-key')).toHaveAttribute('type', 'password');
      await user.click(screen.getByTestId('tracking-save'));
      expect(screen.getByTestId('tracking-error')).toHaveTextContent('请填写授权码和授权 key');
      expect(argsOf(calls, 'set_tracking_account')).toEqual([]);

      await user.type(screen.getByTestId('tracking-customer'), ' A1B2C3D4E5F6 ');
      await user.type(screen.getByTestId('tracking-key'), 'k3y-s3cret');
      await user.click(screen.getByTestId('tracking-save'));
      await waitFor(() =>
        expect(argsOf(calls, 'set_tracking_account')).toEqual([
          { account: { customer: 'A1B2C3D4E5F6', key: 'k3y-s3cret', url: null } },
        ]),
      );
      expect(await screen.findByText('快递100账号已保存')).toBeInTheDocument();
      const status = screen.getByTestId('tracking-status');
      expect(status).toHaveAttribute('data-status', 'configured');
      expect(status).toHaveTextContent('已设置快递100账号（授权码 A1B2C3D4E5F6）');
      expect(screen.getByTestId('tracking-key')).toHaveValue('');
      expect(screen.getByTestId('tracking-customer')).toHaveValue('A1B2C3D4E5F6');
    },
  );

  it('a bad address is refused in words; clearing asks first', SLOW, async () => {
    const { calls, user } = setup(fx.trackingSet, {
      set_tracking_account: () => {
        throw new Reject({ code: 'invalid_input', message: 'relative URL without a base' });
      },
      clear_tracking_account: () => fx.trackingNone,
    });
    await screen.findByTestId('tracking-status');
    await user.type(screen.getByTestId('tracking-key'), 'k');
    await user.type(screen.getByTestId('tracking-url'), 'poll');
    await user.click(screen.getByTestId('tracking-save'));
    expect(await screen.findByTestId('tracking-error')).toHaveTextContent(
      '授权码、key 或接口地址格式不正确',
    );
    expect(screen.queryByText(/relative URL/)).toBeNull();
    expect(argsOf(calls, 'set_tracking_account')[0]).toEqual({
      account: { customer: 'A1B2C3D4E5F6', key: 'k', url: 'poll' },
    });

    await user.click(screen.getByTestId('tracking-clear'));
    expect(await screen.findByText('清除快递100账号？')).toBeInTheDocument();
    await user.click(screen.getByTestId('tracking-clear-ok'));
    await waitFor(() =>
      expect(screen.getByTestId('tracking-status')).toHaveAttribute('data-status', 'none'),
    );
    expect(argsOf(calls, 'clear_tracking_account')).toHaveLength(1);
  });

  it('the alert thresholds with their defaults; a change is saved', SLOW, async () => {
    const { calls, user } = setup(fx.trackingSandbox);
    const silence = await screen.findByTestId('threshold-in_transit_silence_hours');
    expect(silence).toHaveValue('72');
    for (const text of [
      '默认 48 小时',
      '默认 72 小时',
      '默认 24 小时',
      '默认 24 小时（R-REVIEW-16）',
      '默认 3 天（R-REVIEW-13）',
    ]) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expect(screen.getByText(/^默认 3 天：/)).toBeInTheDocument();
    expect(screen.getByTestId('thresholds-save')).toBeDisabled();
    expect(screen.getByTestId('thresholds-reset')).toBeDisabled();

    fireEvent.change(silence, { target: { value: '96' } });
    await user.click(screen.getByTestId('thresholds-save'));
    const expected: AlertThresholdsView = { ...fx.thresholdDefaults, in_transit_silence_hours: 96 };
    await waitFor(() =>
      expect(argsOf(calls, 'set_alert_thresholds')).toEqual([{ thresholds: expected }]),
    );
    expect(await screen.findByText('提醒时间已保存')).toBeInTheDocument();
    // Read again after core's event: what is saved is what shows.
    await waitFor(() =>
      expect(screen.getByTestId('threshold-in_transit_silence_hours')).toHaveValue('96'),
    );
    expect(screen.getByTestId('thresholds-save')).toBeDisabled();
    await user.click(screen.getByTestId('thresholds-reset'));
    expect(screen.getByTestId('threshold-in_transit_silence_hours')).toHaveValue('72');
  });

  it('reads in English too', async () => {
    await i18n.changeLanguage('en');
    setup(fx.trackingSet);
    expect(await screen.findByTestId('tracking-status')).toHaveTextContent(
      'kuaidi100 account set (customer A1B2C3D4E5F6)',
    );
    expect(await screen.findByText('Default 72 hours')).toBeInTheDocument();
  });
});
