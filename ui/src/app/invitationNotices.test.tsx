import { listen } from '@tauri-apps/api/event';
import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvitationNotice } from '../bindings';
import i18n from '../i18n';
import { formatTime } from '../shared/format';
import { mockEvents, mockIpc } from '../test/ipcMock';
import { renderWithProviders } from '../test/render';
import { handleAppEvent } from './dataEvents';
import { type InvitationsArrived, invitationMessages } from './reminderNotices';

const plugin = vi.hoisted(() => ({
  isPermissionGranted: vi.fn(),
  requestPermission: vi.fn(),
  sendNotification: vi.fn(),
}));
vi.mock('@tauri-apps/plugin-notification', () => plugin);

/** A dispatch to accept within its hour (R-PREF-4) and an inquiry, which has none. */
const dispatch: InvitationNotice = {
  id: 'inv-31',
  kind: 'dispatch',
  task_title: '双抗精华 2.0 种草视频',
  brand: '珀莱雅',
  respond_by: '2026-03-28T02:50:00Z',
};
const inquiry: InvitationNotice = {
  id: 'inv-30',
  kind: 'inquiry',
  task_title: '空气炸锅 4L 测评',
  brand: '小熊电器',
  respond_by: null,
};

const arrived = (invitations: InvitationNotice[], closing: boolean): InvitationsArrived => ({
  kind: 'invitations_arrived',
  invitations,
  closing,
});

/** The local time of day the dispatch must be accepted by, as the window shows it. */
const by = formatTime('2026-03-28T02:50:00Z');

describe('preferred invitation notices (R-PREF-4)', () => {
  beforeEach(() => {
    vi.clearAllMocks();
  });

  it('one message per invitation: what it is, whose, and the local time to accept by', () => {
    expect(by).toMatch(/^\d{2}:\d{2}$/);
    expect(
      invitationMessages(i18n.getFixedT('zh-CN'), arrived([dispatch, inquiry], false)),
    ).toEqual([
      { title: '新的优选派单', body: `珀莱雅 · 双抗精华 2.0 种草视频\n请在 ${by} 前接单` },
      { title: '优选意向询问', body: '小熊电器 · 空气炸锅 4L 测评\n请到权益中心回复' },
    ]);
  });

  it('and in English', () => {
    expect(invitationMessages(i18n.getFixedT('en'), arrived([dispatch, inquiry], false))).toEqual([
      { title: 'New preferred dispatch', body: `珀莱雅 · 双抗精华 2.0 种草视频\nAccept by ${by}` },
      {
        title: 'Preferred inquiry',
        body: '小熊电器 · 空气炸锅 4L 测评\nReply in the Rights center',
      },
    ]);
  });

  it('closing: the hour is almost over', () => {
    expect(invitationMessages(i18n.getFixedT('zh-CN'), arrived([dispatch], true))).toEqual([
      { title: '派单即将超时', body: `珀莱雅 · 双抗精华 2.0 种草视频\n请在 ${by} 前接单` },
    ]);
    expect(invitationMessages(i18n.getFixedT('en'), arrived([dispatch], true))[0]?.title).toBe(
      'Dispatch closing soon',
    );
  });

  it('a task with no brand names the task alone', () => {
    const [m] = invitationMessages(
      i18n.getFixedT('zh-CN'),
      arrived([{ ...dispatch, brand: '' }], false),
    );
    expect(m?.body).toBe(`双抗精华 2.0 种草视频\n请在 ${by} 前接单`);
  });

  it('invitations_arrived goes to its handler, nothing else', () => {
    const failed = vi.fn();
    const reminders = vi.fn();
    const alerts = vi.fn();
    const invitations = vi.fn();
    const event = arrived([dispatch], false);
    handleAppEvent(
      { invalidateQueries: vi.fn() } as never,
      event,
      failed,
      reminders,
      alerts,
      invitations,
    );
    expect(invitations).toHaveBeenCalledWith(event);
    expect(failed).not.toHaveBeenCalled();
    expect(reminders).not.toHaveBeenCalled();
    expect(alerts).not.toHaveBeenCalled();
  });

  it('the window shows each one and sends it to the OS', async () => {
    plugin.isPermissionGranted.mockResolvedValue(true);
    const events = mockEvents();
    mockIpc({});
    renderWithProviders(<div />);
    await waitFor(() => expect(listen).toHaveBeenCalled());
    events.emit('invitations_arrived', { invitations: [dispatch, inquiry], closing: false });
    await waitFor(() => expect(plugin.sendNotification).toHaveBeenCalledTimes(2));
    expect(plugin.sendNotification).toHaveBeenCalledWith({
      title: '新的优选派单',
      body: `珀莱雅 · 双抗精华 2.0 种草视频\n请在 ${by} 前接单`,
    });
    expect(await screen.findByText(/请到权益中心回复/)).toBeInTheDocument();
  });

  it('in English, the OS notification is in English', async () => {
    await i18n.changeLanguage('en');
    plugin.isPermissionGranted.mockResolvedValue(true);
    const events = mockEvents();
    mockIpc({});
    renderWithProviders(<div />);
    await waitFor(() => expect(listen).toHaveBeenCalled());
    events.emit('invitations_arrived', { invitations: [dispatch], closing: true });
    await waitFor(() =>
      expect(plugin.sendNotification).toHaveBeenCalledWith({
        title: 'Dispatch closing soon',
        body: `珀莱雅 · 双抗精华 2.0 种草视频\nAccept by ${by}`,
      }),
    );
  });
});
