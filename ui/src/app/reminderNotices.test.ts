import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReminderNotice } from '../bindings';
import i18n from '../i18n';
import {
  ON_TIME_SINGLY,
  type RemindersDue,
  reminderMessages,
  showOsNotification,
} from './reminderNotices';

const plugin = vi.hoisted(() => ({
  isPermissionGranted: vi.fn(),
  requestPermission: vi.fn(),
  sendNotification: vi.fn(),
}));
vi.mock('@tauri-apps/plugin-notification', () => plugin);

const notice = (over: Partial<ReminderNotice>): ReminderNotice => ({
  feature: 'campaign',
  application_id: 'app-1',
  task_title: '修护精华 30 天测评',
  brand: '薇诺娜',
  key: 'upload_by',
  due_on: '2026-12-03',
  days_left: 3,
  rights: null,
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

  it('on time, more than a few together: one summary, not a toast each', () => {
    const t = i18n.getFixedT('zh-CN');
    const few = Array.from({ length: ON_TIME_SINGLY }, (_, i) => notice({ days_left: i + 1 }));
    expect(reminderMessages(t, due(few, false))).toHaveLength(ON_TIME_SINGLY);
    const more = [...few, notice({ key: 'ship_by', days_left: 0, due_on: '2026-11-30' })];
    const messages = reminderMessages(t, due(more, false));
    expect(messages).toHaveLength(1);
    expect(messages[0]?.title).toBe(`${ON_TIME_SINGLY + 1} 条新提醒`);
    expect(messages[0]?.body.split('\n')).toEqual([
      '「修护精华 30 天测评」作品上传截止：还剩 1 天（2026-12-03）',
      '「修护精华 30 天测评」作品上传截止：还剩 2 天（2026-12-03）',
      '「修护精华 30 天测评」作品上传截止：还剩 3 天（2026-12-03）',
      '「修护精华 30 天测评」样品寄出截止：今天（2026-11-30）',
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

  it('a rights date leads with what happens, naming the card or the level in the UI language', () => {
    const card = notice({
      feature: 'rights',
      application_id: 'benefit:b-201',
      task_title: '投稿任务收益保底卡 ¥50.00',
      brand: '',
      key: 'benefit_expires',
      due_on: '2026-04-01',
      days_left: 4,
      rights: {
        subject: 'benefit',
        kind: 'guarantee_card',
        kind_name: '投稿任务收益保底卡',
        value: '50.00',
        claimed: false,
      },
    });
    const level = notice({
      feature: 'rights',
      application_id: 'level',
      task_title: 'LV2 等级：2026-03-28 前再发 1 条作品',
      brand: '',
      key: 'level_drops',
      due_on: '2026-03-28',
      days_left: 0,
      rights: { subject: 'level', level: 2, posts_needed: 1 },
    });
    // A kind this version does not know keeps the platform's name in both languages.
    const unknown = notice({
      feature: 'rights',
      application_id: 'benefit:b-301',
      task_title: '学院直播课席位',
      brand: '',
      key: 'benefit_expires',
      due_on: '2026-04-02',
      days_left: 5,
      rights: {
        subject: 'benefit',
        kind: 'other',
        kind_name: '学院直播课席位',
        value: null,
        claimed: true,
      },
    });
    expect(reminderMessages(i18n.getFixedT('zh-CN'), due([card, level, unknown], false))).toEqual([
      {
        title: '权益中心提醒',
        body: '权益卡到期：投稿任务收益保底卡 ¥50.00（待领取），还剩 4 天（2026-04-01）',
      },
      {
        title: '权益中心提醒',
        body: '等级将降：LV2 等级（还需发布 1 条作品），就在今天（2026-03-28）',
      },
      {
        title: '权益中心提醒',
        body: '权益卡到期：学院直播课席位（已领取，未使用），还剩 5 天（2026-04-02）',
      },
    ]);
    expect(reminderMessages(i18n.getFixedT('en'), due([card, level, unknown], false))).toEqual([
      {
        title: 'Rights center reminder',
        body: 'Benefit card expires: Submission guarantee card ¥50.00 (still to claim), 4 days left (2026-04-01)',
      },
      {
        title: 'Rights center reminder',
        body: 'Level drops: LV2 (1 more video to post), today (2026-03-28)',
      },
      {
        title: 'Rights center reminder',
        body: 'Benefit card expires: 学院直播课席位 (claimed, not used yet), 5 days left (2026-04-02)',
      },
    ]);
    // Caught up at start, a summary mixes both kinds, each worded its own way.
    const [summary] = reminderMessages(i18n.getFixedT('zh-CN'), due([notice({}), card], true));
    expect(summary?.body.split('\n')).toEqual([
      '「修护精华 30 天测评」作品上传截止：还剩 3 天（2026-12-03）',
      '权益卡到期：投稿任务收益保底卡 ¥50.00（待领取），还剩 4 天（2026-04-01）',
    ]);
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
