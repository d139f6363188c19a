import { listen } from '@tauri-apps/api/event';
import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParcelAlertNotice } from '../bindings';
import i18n from '../i18n';
import { mockEvents, mockIpc } from '../test/ipcMock';
import * as fx from '../test/logisticsFixtures';
import { renderWithProviders } from '../test/render';
import { handleAppEvent } from './dataEvents';
import { type ParcelAlerts, parcelAlertMessages } from './reminderNotices';

const plugin = vi.hoisted(() => ({
  isPermissionGranted: vi.fn(),
  requestPermission: vi.fn(),
  sendNotification: vi.fn(),
}));
vi.mock('@tauri-apps/plugin-notification', () => plugin);

const refusedAlert = fx.refused.alerts[0];
const awaitingAlert = fx.awaiting.alerts[0];
if (refusedAlert === undefined || awaitingAlert === undefined) throw new Error('fixtures');

/** A refused sample of a campaign, a parcel of none going stale, a brand late to ship. */
const notices: ParcelAlertNotice[] = [
  {
    parcel_id: '12',
    application_id: 'A6',
    task_title: '原神联名键盘测评',
    carrier_name: '中通快递',
    tracking_no: '78812345678901',
    alert: refusedAlert,
  },
  {
    parcel_id: '13',
    application_id: null,
    task_title: null,
    carrier_name: '圆通速递',
    tracking_no: 'YT8801234567890',
    alert: {
      ...refusedAlert,
      code: 'no_new_event',
      rule: null,
      hours: 80,
      draft: null,
    },
  },
  {
    parcel_id: null,
    application_id: 'A7',
    task_title: '网易严选乳胶枕测评',
    carrier_name: null,
    tracking_no: null,
    alert: awaitingAlert,
  },
];

const event: ParcelAlerts = { kind: 'parcel_alerts', alerts: notices };

describe('parcel alert notices', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('one message per alert: whose parcel, and what to do, in Chinese', () => {
    expect(parcelAlertMessages(i18n.getFixedT('zh-CN'), event)).toEqual([
      { title: '「原神联名键盘测评」的样品', body: '包裹已被拒收，请尽快告知品牌方。' },
      { title: '圆通速递 YT8801234567890', body: '已经 3 天没有新的物流动态。' },
      {
        title: '「网易严选乳胶枕测评」的样品',
        body: '品牌方没有在 2026-03-20 前寄出样品，已逾期 8 天。',
      },
    ]);
  });

  it('and in English, never core’s CLI sentence', () => {
    const messages = parcelAlertMessages(i18n.getFixedT('en'), event);
    expect(messages.map((m) => m.title)).toEqual([
      'Sample of "原神联名键盘测评"',
      '圆通速递 YT8801234567890',
      'Sample of "网易严选乳胶枕测评"',
    ]);
    expect(messages[1]?.body).toBe('No new tracking event for 3 days.');
    for (const m of messages) expect(m.body).not.toContain('English sentence');
  });

  it('parcel_alerts goes to its handler, nothing else', () => {
    const failed = vi.fn();
    const reminders = vi.fn();
    const alerts = vi.fn();
    handleAppEvent({ invalidateQueries: vi.fn() } as never, event, failed, reminders, alerts);
    expect(alerts).toHaveBeenCalledWith(event);
    expect(failed).not.toHaveBeenCalled();
    expect(reminders).not.toHaveBeenCalled();
  });

  it('the window shows each one and sends it to the OS', async () => {
    plugin.isPermissionGranted.mockResolvedValue(true);
    const events = mockEvents();
    mockIpc({});
    renderWithProviders(<div />);
    // Subscribed once the providers are mounted.
    await waitFor(() => expect(listen).toHaveBeenCalled());
    events.emit('parcel_alerts', { alerts: notices.slice(0, 2) });
    await waitFor(() => expect(plugin.sendNotification).toHaveBeenCalledTimes(2));
    expect(plugin.sendNotification).toHaveBeenCalledWith({
      title: '「原神联名键盘测评」的样品',
      body: '包裹已被拒收，请尽快告知品牌方。',
    });
    expect(plugin.sendNotification).toHaveBeenCalledWith({
      title: '圆通速递 YT8801234567890',
      body: '已经 3 天没有新的物流动态。',
    });
    expect(await screen.findByText(/已经 3 天没有新的物流动态。/)).toBeInTheDocument();
  });
});
