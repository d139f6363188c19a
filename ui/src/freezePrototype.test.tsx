// tauri.conf.json sets `freezePrototype: true`: the window runs with Object.prototype
// frozen, and any library that assigns an inherited name (`x.toString = …`) throws in
// strict mode. This file (isolated by vitest) freezes it first, then loads and drives the
// whole app, so a dependency that breaks under the freeze fails here, not in the window.
import { describe, expect, it } from 'vitest';

describe('with Object.prototype frozen (Tauri freezePrototype)', () => {
  it('the app loads, lists, opens a detail, settings and switches language', async () => {
    Object.freeze(Object.prototype);
    const { fireEvent, screen } = await import('@testing-library/react');
    const { mockEvents, mockIpc } = await import('./test/ipcMock');
    const f = await import('./test/fixtures');
    const { renderWithProviders } = await import('./test/render');
    const { App } = await import('./App');
    mockEvents();
    mockIpc({
      app_status: () => ({
        ...f.statusSandbox,
        last_error: { code: 'platform_unreachable', message: '' },
      }),
      facets: () => ({ industries: ['美妆护肤'] }),
      query_tasks: ({ query }) => f.pageOf(query, 1000),
      task_detail: () => f.tiersDetail,
      ui_ready: () => null,
    });

    renderWithProviders(<App />);
    const rows = await screen.findAllByTestId('task-row');
    fireEvent.click(rows[0] as HTMLElement);
    expect(await screen.findByTestId('detail-net')).toHaveTextContent('¥950.00');
    expect(screen.getByTestId('offline-banner')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('settings-button'));
    expect(await screen.findByTestId('settings-modal')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('lang-switch'));
    expect(await screen.findByText('Task hall')).toBeInTheDocument();
    expect(Object.isFrozen(Object.prototype)).toBe(true);
  }, 60_000);
});
