import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReminderNotice } from '../bindings';
import i18n from '../i18n';
import { type RemindersDue, reminderMessages, showOsNotification } from './reminderNotices';

const plugin = vi.hoisted(() => ({
  isPermissionGranted: vi.fn(),
  requestPermission: vi.fn(),
  sendNotification: vi.fn(),
}));
vi.mock('@tauri-apps/plugin-notification', () => plugin);

const notice = (over: Partial<ReminderNotice>): ReminderNotice => ({
  application_id: 'app-1',
  task_title: '修护精华 30 天测评',
  brand: '薇诺娜',
  key: 'upload_by',
  due_on: '2026-12-03',
  days_left: 3,
  ...over,
});

const due = (reminders: ReminderNotice[], caught_up: boolean): RemindersDue => ({
  kind: 'reminders_due',
  reminders,
  caught_up,
});

describe('reminder notices', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('zh-CN');
    vi.clearAllMocks();
  });

  it('on time: one message per reminder, naming the task, the date and the days left', () => {
    const t = i18n.getFixedT('zh-CN');
    const messages = reminderMessages(
      t,
      due([notice({}), notice({ key: 'ship_by', days_left: 0, due_on: '2026-11-30' })], false),
    );
    expect(messages).toEqual([
      {
        title: '合作日程提醒',
        body: '「修护精华 30 天测评」作品上传截止：还剩 3 天（2026-12-03）',
      },
      { title: '合作日程提醒', body: '「修护精华 30 天测评」样品寄出截止：今天（2026-11-30）' },
    ]);
  });

  it('caught up at start: one summary, five named and the rest counted', () => {
    const t = i18n.getFixedT('en');
    const seven = Array.from({ length: 7 }, (_, i) => notice({ days_left: i + 1 }));
    const messages = reminderMessages(t, due(seven, true));
    expect(messages).toHaveLength(1);
    const [summary] = messages;
    if (summary === undefined) throw new Error('no summary');
    expect(summary.title).toBe('7 reminders while StarDesk was closed');
    const lines = summary.body.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('"修护精华 30 天测评" — Upload by: 1 day left (2026-12-03)');
    expect(lines[5]).toBe('…and 2 more in My campaigns');
  });

  it('nothing due, nothing shown', () => {
    expect(reminderMessages(i18n.getFixedT('zh-CN'), due([], true))).toEqual([]);
  });

  it('asks for the permission once, then sends; a refusal sends nothing', async () => {
    plugin.isPermissionGranted.mockResolvedValueOnce(false);
    plugin.requestPermission.mockResolvedValueOnce('granted');
    expect(await showOsNotification({ title: 'T', body: 'B' })).toBe(true);
    expect(plugin.sendNotification).toHaveBeenCalledWith({ title: 'T', body: 'B' });

    plugin.isPermissionGranted.mockResolvedValueOnce(false);
    plugin.requestPermission.mockResolvedValueOnce('denied');
    expect(await showOsNotification({ title: 'T2', body: 'B2' })).toBe(false);
    expect(plugin.sendNotification).toHaveBeenCalledTimes(1);
  });

  it('a failing plugin does not throw', async () => {
    plugin.isPermissionGranted.mockRejectedValueOnce(new Error('no plugin'));
    expect(await showOsNotification({ title: 'T', body: 'B' })).toBe(false);
  });
});
