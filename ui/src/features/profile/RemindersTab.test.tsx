import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ReminderSettings } from '../../bindings';
import { type Call, type Commands, mockEvents, mockIpc } from '../../test/ipcMock';
import * as fx from '../../test/profileFixtures';
import { renderWithProviders } from '../../test/render';
import { RemindersTab } from './RemindersTab';

function setup(initial: ReminderSettings = fx.reminderDefaults, extra: Partial<Commands> = {}) {
  const events = mockEvents();
  let stored = initial;
  const calls = mockIpc({
    reminder_settings: () => stored,
    set_reminder_settings: ({ leadDays }) => {
      stored = { ...stored, lead_days: [...new Set(leadDays)].sort((a, b) => b - a) };
      events.emit('data_changed', { areas: ['reminders'] });
      return stored;
    },
    ...extra,
  });
  const user = userEvent.setup();
  renderWithProviders(<RemindersTab />);
  return { calls, user };
}

const leadsSent = (calls: Call[]) =>
  calls
    .filter((c) => c.command === 'set_reminder_settings')
    .map((c) => (c.args as { leadDays: number[] }).leadDays);
const checked = (n: number) =>
  screen.getByTestId(`reminder-lead-${n}`).querySelector('input')?.checked;

describe('reminders tab', () => {
  it('shows the saved leads and how reminders come', async () => {
    setup();
    expect(await screen.findByTestId('reminder-lead-3')).toHaveTextContent('3 天前');
    expect(screen.getByTestId('reminder-lead-1')).toHaveTextContent('1 天前');
    expect(screen.getByTestId('reminder-lead-0')).toHaveTextContent('当天');
    expect([checked(3), checked(1), checked(0)]).toEqual([true, true, true]);
    expect(screen.getByTestId('reminder-delivery')).toHaveTextContent(
      '应用运行时以系统通知提醒；应用未运行时错过的提醒，会在下次启动时汇总显示。',
    );
    // Nothing changed: nothing to save.
    expect(screen.getByTestId('reminder-save')).toBeDisabled();
  });

  it('saves the chosen leads, with a custom one, longest first', async () => {
    const { calls, user } = setup();
    await screen.findByTestId('reminder-lead-3');
    await user.click(screen.getByTestId('reminder-lead-1'));
    expect(checked(1)).toBe(false);
    fireEvent.change(screen.getByTestId('reminder-custom'), { target: { value: '7' } });
    await user.click(screen.getByTestId('reminder-add'));
    expect(screen.getByTestId('reminder-lead-7')).toHaveTextContent('7 天前');
    expect(checked(7)).toBe(true);
    await user.click(screen.getByTestId('reminder-save'));
    await waitFor(() => expect(leadsSent(calls)).toEqual([[7, 3, 0]]));
    expect(await screen.findByText('提醒设置已保存')).toBeInTheDocument();
    // Read again after core's event: what is saved is what shows.
    await waitFor(() =>
      expect(calls.filter((c) => c.command === 'reminder_settings')).toHaveLength(2),
    );
    expect(checked(7)).toBe(true);
    expect(checked(1)).toBe(false);
    expect(screen.getByTestId('reminder-save')).toBeDisabled();
  });

  it('a custom lead stays within max_lead_days; none at all means no reminders', async () => {
    const { calls, user } = setup({ lead_days: [1], max_lead_days: 30 });
    await screen.findByTestId('reminder-lead-3');
    expect([checked(3), checked(1), checked(0)]).toEqual([false, true, false]);
    expect(screen.getByTestId('reminder-add')).toBeDisabled();
    // Semi's number input holds it to the maximum.
    fireEvent.change(screen.getByTestId('reminder-custom'), { target: { value: '45' } });
    expect(screen.getByTestId('reminder-custom')).toHaveValue('30');
    await user.click(screen.getByTestId('reminder-add'));
    expect(screen.getByTestId('reminder-lead-30')).toHaveTextContent('30 天前');
    await user.click(screen.getByTestId('reminder-lead-30'));
    await user.click(screen.getByTestId('reminder-lead-1'));
    expect(screen.getByTestId('reminder-none')).toHaveTextContent('没有选中任何时间：不会提醒。');
    await user.click(screen.getByTestId('reminder-save'));
    await waitFor(() => expect(leadsSent(calls)).toEqual([[]]));
  });
});
