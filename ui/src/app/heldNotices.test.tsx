import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { mockEvents, mockIpc } from '../test/ipcMock';
import { renderWithProviders } from '../test/render';

const plugin = vi.hoisted(() => ({
  isPermissionGranted: vi.fn(),
  requestPermission: vi.fn(),
  sendNotification: vi.fn(),
}));
vi.mock('@tauri-apps/plugin-notification', () => plugin);

describe('notices held until the window listens', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('zh-CN');
    vi.clearAllMocks();
  });

  it('the window says it listens once subscribed, and the held reminders show', async () => {
    plugin.isPermissionGranted.mockResolvedValue(true);
    const events = mockEvents();
    // The shell sends what it held (core emitted it while the page loaded) when told.
    const calls = mockIpc({
      events_listening: () => {
        events.emit('reminders_due', {
          caught_up: true,
          reminders: [
            {
              feature: 'campaign',
              application_id: 'app-1',
              task_title: '修护精华 30 天测评',
              brand: '薇诺娜',
              key: 'upload_by',
              due_on: '2026-12-03',
              days_left: 0,
              rights: null,
            },
          ],
        });
        return null;
      },
    });
    renderWithProviders(<div />);
    expect(await screen.findByText(/应用关闭期间有 1 条提醒/)).toBeInTheDocument();
    expect(calls.filter((c) => c.command === 'events_listening')).toHaveLength(1);
    await waitFor(() => expect(plugin.sendNotification).toHaveBeenCalledTimes(1));
  });
});
