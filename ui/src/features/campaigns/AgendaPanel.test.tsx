import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { type Navigation, NavigationProvider } from '../../shared/navigation';
import * as fx from '../../test/campaignFixtures';
import { type Call, type Commands, mockEvents, mockIpc, Reject } from '../../test/ipcMock';
import { renderWithProviders } from '../../test/render';
import { rightsAgenda } from '../../test/rightsFixtures';
import { AgendaPanel } from './AgendaPanel';

const SLOW = { timeout: 30_000 };

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

function setup(extra: Partial<Commands> = {}) {
  mockEvents();
  const calls = mockIpc({
    agenda: () => fx.agenda,
    export_calendar: () => '/home/lu/Documents/stardesk.ics',
    ...extra,
  });
  const user = userEvent.setup();
  const navigation: Navigation = { go: vi.fn(), openSettings: vi.fn(), focus: null };
  renderWithProviders(
    <NavigationProvider value={navigation}>
      <AgendaPanel />
    </NavigationProvider>,
  );
  return { calls, navigation, user };
}

const argsOf = (calls: Call[], command: string) =>
  calls.filter((c) => c.command === command).map((c) => c.args);

describe('my campaigns: the agenda', () => {
  it('the next 14 days, by day: each date with its name, task and countdown', async () => {
    const { calls } = setup();
    const days = await screen.findAllByTestId('agenda-day');
    expect(argsOf(calls, 'agenda')).toEqual([{ days: 14 }]);
    expect(days.map((d) => d.getAttribute('data-date'))).toEqual([
      '2026-03-28',
      '2026-03-31',
      '2026-04-03',
    ]);
    const [today, inThree] = days as [HTMLElement, HTMLElement];
    expect(today).toHaveTextContent('今天');
    const items = within(today).getAllByTestId('agenda-item');
    expect(items.map((i) => i.getAttribute('data-application-id'))).toEqual(['A2', 'A6']);
    expect(items[0]).toHaveTextContent('品牌方选择截止小米手环 9 NFC 版测评 · 小米今天截止');
    expect(items[1]).toHaveTextContent('作品上传截止原神联名键盘测评 · 米哈游今天截止');
    expect(inThree).toHaveTextContent('3 天后');
    expect(within(inThree).getByTestId('agenda-countdown')).toHaveTextContent('还剩 3 天');
  });

  it('a campaign date opens its application; a rights date, the rights center', async () => {
    // Core merges and sorts both features' dates; here, as it would on 2026-03-28.
    const merged = [...fx.agenda.slice(0, 3), ...rightsAgenda, ...fx.agenda.slice(3)];
    const { navigation, user } = setup({ agenda: () => merged });
    const days = await screen.findAllByTestId('agenda-day');
    const inThree = days.find((d) => d.getAttribute('data-date') === '2026-03-31');
    if (inThree === undefined) throw new Error('no 2026-03-31');
    const items = within(inThree).getAllByTestId('agenda-item');
    expect(items.map((i) => i.getAttribute('data-feature'))).toEqual(['campaign', 'rights']);
    const [campaign, level] = items as [HTMLElement, HTMLElement];
    expect(level).toHaveTextContent('等级将降LV2 等级（还需发布 3 条作品）还剩 3 天');
    expect(level).toHaveAttribute('data-application-id', 'level');
    expect(within(level).queryByTestId('agenda-open-application')).toBeNull();
    await user.click(within(level).getByTestId('agenda-open-rights'));
    expect(navigation.go).toHaveBeenCalledWith('rights');

    const card = screen
      .getAllByTestId('agenda-item')
      .find((i) => i.getAttribute('data-application-id') === 'benefit:b-201');
    expect(card).toHaveTextContent('权益卡到期投稿任务收益保底卡 ¥50.00（待领取）还剩 4 天');

    await user.click(within(campaign).getByTestId('agenda-open-application'));
    expect(navigation.go).toHaveBeenLastCalledWith('campaigns', 'A1');
  });

  it('in English, a rights date names the card and the level in English', async () => {
    await i18n.changeLanguage('en');
    setup({ agenda: () => rightsAgenda });
    const items = await screen.findAllByTestId('agenda-item');
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining('LV2 (3 more videos to post)'),
      expect.stringContaining('Submission guarantee card ¥50.00'),
    ]);
    expect(items.map((i) => i.textContent).join()).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('nothing due: says so', async () => {
    setup({ agenda: () => [] });
    expect(await screen.findByTestId('agenda-empty')).toHaveTextContent('未来 14 天没有截止日期');
  });

  it('export: toasts where the calendar was saved', SLOW, async () => {
    const { calls, user } = setup();
    await screen.findAllByTestId('agenda-day');
    await user.click(screen.getByTestId('agenda-export'));
    expect(
      await screen.findByText('日历已保存到 /home/lu/Documents/stardesk.ics'),
    ).toBeInTheDocument();
    expect(argsOf(calls, 'export_calendar')).toEqual([{ fileName: 'StarDesk-合作日程' }]);
  });

  it('export cancelled: nothing said', SLOW, async () => {
    const { calls, user } = setup({ export_calendar: () => null });
    await screen.findAllByTestId('agenda-day');
    await user.click(screen.getByTestId('agenda-export'));
    await waitFor(() => expect(argsOf(calls, 'export_calendar')).toHaveLength(1));
    // Give a toast the time it would take to show.
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText(/日历已保存到/)).toBeNull();
    expect(screen.queryByText(/导出失败/)).toBeNull();
  });

  it('export failed: says why in words', SLOW, async () => {
    const { user } = setup({
      export_calendar: () => {
        throw new Reject({
          code: 'invalid_input',
          message: '/ro/x.ics: cannot write the calendar',
        });
      },
    });
    await screen.findAllByTestId('agenda-day');
    await user.click(screen.getByTestId('agenda-export'));
    expect(
      await screen.findByText('导出失败：输入无效：/ro/x.ics: cannot write the calendar'),
    ).toBeInTheDocument();
  });
});
