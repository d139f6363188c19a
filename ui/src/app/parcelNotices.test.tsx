import { listen } from '@tauri-apps/api/event';
import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LegCode, ParcelAlertNotice } from '../bindings';
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
const returnAlert = fx.goingBack.alerts[0];
const tooLateAlert = fx.tooLate.alerts[0];
if (
  refusedAlert === undefined ||
  awaitingAlert === undefined ||
  returnAlert === undefined ||
  tooLateAlert === undefined
) {
  throw new Error('fixtures');
}

/** A refused sample of a campaign, a parcel of none going stale, a brand late to ship, a
 * sample due back to its brand, a sample too late for the upload, and a parcel of none
 * sent back by a carrier the window has no name for. */
const notices: ParcelAlertNotice[] = [
  {
    parcel_id: '12',
    application_id: 'A6',
    task_title: '原神联名键盘测评',
    carrier: 'zhongtong',
    carrier_name: '中通快递',
    leg: 'outbound',
    tracking_no: '78812345678901',
    alert: refusedAlert,
  },
  {
    parcel_id: '13',
    application_id: null,
    task_title: null,
    carrier: 'yuantong',
    carrier_name: '圆通速递',
    leg: 'outbound',
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
    carrier: null,
    carrier_name: null,
    leg: null,
    tracking_no: null,
    alert: awaitingAlert,
  },
  {
    parcel_id: '14',
    application_id: 'A1',
    task_title: '珀莱雅双抗精华 30ml 测评',
    carrier: 'jd',
    carrier_name: '京东物流',
    leg: 'return',
    tracking_no: 'JDVA01234567890',
    alert: returnAlert,
  },
  {
    parcel_id: '16',
    application_id: 'A8',
    task_title: '小熊电炖锅测评',
    carrier: 'yunda',
    carrier_name: '韵达快递',
    leg: 'outbound',
    tracking_no: '4312345678901',
    alert: tooLateAlert,
  },
  {
    parcel_id: '17',
    application_id: null,
    task_title: null,
    carrier: 'annengwuliu',
    carrier_name: '安能物流',
    leg: 'return',
    tracking_no: 'AN300123456789',
    alert: { ...refusedAlert, rule: null, draft: null },
  },
];

const event: ParcelAlerts = { kind: 'parcel_alerts', alerts: notices };

describe('parcel alert notices', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('one message per alert: whose parcel, which way, and what to do, in Chinese', () => {
    expect(parcelAlertMessages(i18n.getFixedT('zh-CN'), event)).toEqual([
      { title: '「原神联名键盘测评」的样品', body: '包裹已被拒收，请尽快告知品牌方。' },
      { title: '圆通速递 YT8801234567890', body: '已经 3 天没有新的物流动态。' },
      {
        title: '「网易严选乳胶枕测评」的样品',
        body: '品牌方没有在 2026-03-20 前寄出样品，已逾期 8 天。',
      },
      {
        title: '「珀莱雅双抗精华 30ml 测评」寄回的样品',
        body: '样品需在 2026-03-30 前寄回品牌方，还剩 2 天。',
      },
      {
        title: '「小熊电炖锅测评」的样品',
        body: '样品到得太晚：按 2026-03-27 到手、通常的制作时间计算，作品要到 2026-03-30 才能完成，比上传截止日（2026-03-25）晚 5 天，请向品牌方申请延期。',
      },
      { title: '寄回的样品：安能物流 AN300123456789', body: '包裹已被拒收，请尽快告知品牌方。' },
    ]);
  });

  it('and in English, the carrier in English too, never core’s CLI sentence', () => {
    const messages = parcelAlertMessages(i18n.getFixedT('en'), event);
    expect(messages.map((m) => m.title)).toEqual([
      'Sample of "原神联名键盘测评"',
      'YTO Express YT8801234567890',
      'Sample of "网易严选乳胶枕测评"',
      'Return parcel of "珀莱雅双抗精华 30ml 测评"',
      'Sample of "小熊电炖锅测评"',
      // A carrier the window has no name for keeps the one core gave.
      'Return parcel: 安能物流 AN300123456789',
    ]);
    expect(messages[1]?.body).toBe('No new tracking event for 3 days.');
    expect(messages[3]?.body).toBe(
      'The sample must go back to the brand by 2026-03-30: 2 days left.',
    );
    expect(messages[4]?.body).toBe(
      'The sample comes too late: counting it in hand on 2026-03-27, the usual production time makes the work ready on 2026-03-30, 5 days after the upload deadline (2026-03-25). Ask the brand for more time.',
    );
    for (const m of messages) {
      expect(m.body).not.toContain('English sentence');
      expect(m.title).not.toMatch(/圆通速递|中通快递|京东物流|韵达快递/);
    }
  });

  it('a parcel of no campaign: the carrier by its code in the current language, and the leg', () => {
    const stale = notices[1];
    if (stale === undefined) throw new Error('fixtures');
    const sf = (leg: LegCode | null): ParcelAlertNotice => ({
      ...stale,
      carrier: 'shunfeng',
      carrier_name: '顺丰速运',
      leg,
      tracking_no: 'SF1420123456789',
    });
    const titles = (lng: string) =>
      parcelAlertMessages(i18n.getFixedT(lng), {
        kind: 'parcel_alerts',
        alerts: [sf('outbound'), sf('return'), sf(null)],
      }).map((m) => m.title);
    expect(titles('en')).toEqual([
      'SF Express SF1420123456789',
      'Return parcel: SF Express SF1420123456789',
      'SF Express SF1420123456789',
    ]);
    expect(titles('zh-CN')).toEqual([
      '顺丰速运 SF1420123456789',
      '寄回的样品：顺丰速运 SF1420123456789',
      '顺丰速运 SF1420123456789',
    ]);
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

  it('in English, the OS notification names the carrier in English', async () => {
    await i18n.changeLanguage('en');
    plugin.isPermissionGranted.mockResolvedValue(true);
    const events = mockEvents();
    mockIpc({});
    renderWithProviders(<div />);
    await waitFor(() => expect(listen).toHaveBeenCalled());
    events.emit('parcel_alerts', { alerts: notices.slice(1, 2) });
    await waitFor(() =>
      expect(plugin.sendNotification).toHaveBeenCalledWith({
        title: 'YTO Express YT8801234567890',
        body: 'No new tracking event for 3 days.',
      }),
    );
  });
});
