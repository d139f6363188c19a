// tauri.conf.json sets `freezePrototype: true`: the window runs with Object.prototype
// frozen, and any library that assigns an inherited name (`x.toString = …`) throws in
// strict mode. This file (isolated by vitest) freezes it first, then loads and drives the
// whole app, so a dependency that breaks under the freeze fails here, not in the window.
import { describe, expect, it } from 'vitest';

describe('with Object.prototype frozen (Tauri freezePrototype)', () => {
  it('the app loads, lists, opens a detail, settings, switches language and draws its charts', async () => {
    Object.freeze(Object.prototype);
    const { fireEvent, screen, waitFor } = await import('@testing-library/react');
    const { mockEvents, mockIpc } = await import('../test/ipcMock');
    const f = await import('../test/fixtures');
    const { renderWithProviders } = await import('../test/render');
    const s = await import('../test/settlementFixtures');
    const r = await import('../test/rightsFixtures');
    const { App } = await import('./App');
    // The lazily loaded page, loaded here (under the frozen prototype too) so the test
    // waits on the UI rather than on transforming ECharts.
    await import('../features/settlements/SettlementsPage');
    await import('../features/rights/RightsPage');
    // A 2D context that measures text, so the income chart really initialises and paints
    // (ECharts is where the freeze bit before; see vite.config.ts).
    const canvasContext = new Proxy(
      {},
      {
        get: (_t, key) => {
          if (key === 'measureText') return (text: string) => ({ width: String(text).length * 7 });
          if (key === 'getLineDash') return () => [];
          if (key === 'getImageData') return () => ({ data: new Uint8ClampedArray(4) });
          if (key === 'isPointInPath' || key === 'isPointInStroke') return () => false;
          if (key === 'canvas') return document.createElement('div');
          return () => ({ addColorStop() {} });
        },
        set: () => true,
      },
    );
    HTMLCanvasElement.prototype.getContext = (() => canvasContext) as never;
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
      ui_interactive: () => null,
      import_files: () => s.files,
      mapping_profiles: () => [],
      reconcile_saved: () => s.view,
      reconcile_discrepancies: ({ query }) => s.discrepancyPage(query),
      reconcile_matches: ({ query }) => s.matchPage(query),
      monthly_income: () => s.months,
      settlement_tax: ({ year }) => s.taxCheck(year),
      decisions: () => s.decisionList,
      rights: () => ({ ...r.rightsView, featured_case_allowed: true }),
      benefits: () => r.benefitsView,
      invitations: () => r.invitationsView,
      star_index: () => r.starIndexView,
      agencies: () => r.agencies,
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
    fireEvent.click(screen.getByTestId('nav-settlements'));
    expect(await screen.findAllByTestId('discrepancy-row')).toHaveLength(4);
    const chart = await screen.findByTestId('income-chart');
    // ECharts initialised (it marks its host) and took the option without throwing.
    await waitFor(() => expect(chart.querySelector('[_echarts_instance_]')).not.toBeNull());
    // The rights center: its forms (a date picker, number inputs), confirms and the star
    // index chart.
    fireEvent.click(screen.getByTestId('nav-rights'));
    expect(await screen.findByTestId('rights-checklist')).toBeInTheDocument();
    const star = await screen.findByTestId('star-index-chart');
    await waitFor(() => expect(star.querySelector('[_echarts_instance_]')).not.toBeNull());
    fireEvent.click(await screen.findByTestId('planner-toggle'));
    expect(screen.getByTestId('planner-followers')).toBeInTheDocument();
    fireEvent.click(await screen.findByTestId('decline-inv-30'));
    expect(await screen.findByTestId('decline-preview-inv-30')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Object.isFrozen(Object.prototype)).toBe(true);
  }, 60_000);
});
