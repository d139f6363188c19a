import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AppStatus, SyncSummary } from '../bindings';
import i18n, { LANG_STORAGE_KEY } from '../i18n';
import * as cmp from '../test/campaignFixtures';
import { pageOf, statusNeverSynced, statusSandbox } from '../test/fixtures';
import { type Commands, mockEvents, mockIpc, queriesSent, Reject } from '../test/ipcMock';
import * as lx from '../test/logisticsFixtures';
import { renderWithProviders } from '../test/render';
import * as rx from '../test/rightsFixtures';
import { App } from './App';

function setup(status: AppStatus, extra: Partial<Commands> = {}) {
  const events = mockEvents();
  const calls = mockIpc({
    app_status: () => status,
    facets: () => ({ industries: ['美妆护肤'] }),
    query_tasks: ({ query }) => pageOf(query, status.task_count),
    ...extra,
  });
  const user = userEvent.setup();
  renderWithProviders(<App />);
  return { calls, events, user };
}

describe('app shell', () => {
  it('the nav switches between the task hall and the settlements page', {
    timeout: 30_000,
  }, async () => {
    // The lazily loaded page, loaded ahead so the test waits on the UI, not on the transform.
    await import('../features/settlements/SettlementsPage');
    const { calls, user } = setup(statusSandbox, {
      import_files: () => [],
      mapping_profiles: () => [],
    });
    await screen.findAllByTestId('task-row');
    expect(screen.queryByTestId('settlements-page')).toBeNull();
    await user.click(screen.getByTestId('nav-settlements'));
    expect(await screen.findByTestId('settlements-empty')).toBeInTheDocument();
    expect(screen.queryByTestId('task-row')).toBeNull();
    expect(calls.some((c) => c.command === 'import_files')).toBe(true);
    await user.click(screen.getByTestId('nav-tasks'));
    expect(await screen.findAllByTestId('task-row')).not.toHaveLength(0);
    expect(screen.queryByTestId('settlements-page')).toBeNull();
  });

  it('我的合作 is second in the nav and opens the campaigns page', {
    timeout: 30_000,
  }, async () => {
    await import('../features/campaigns/CampaignsPage');
    const { calls, user } = setup(statusSandbox, {
      applications: () => [],
      outbox: () => [],
    });
    await screen.findAllByTestId('task-row');
    const labels = screen.getAllByTestId(/^nav-/).map((n) => n.getAttribute('data-testid'));
    expect(labels).toEqual([
      'nav-tasks',
      'nav-campaigns',
      'nav-logistics',
      'nav-rights',
      'nav-settlements',
    ]);
    expect(screen.getByTestId('nav-campaigns')).toHaveTextContent('我的合作');
    await user.click(screen.getByTestId('nav-campaigns'));
    expect(await screen.findByTestId('campaigns-empty')).toBeInTheDocument();
    expect(calls.some((c) => c.command === 'applications')).toBe(true);
    expect(screen.queryByTestId('task-row')).toBeNull();
  });

  it('权益中心 follows 物流 in the nav and opens the rights center', {
    timeout: 30_000,
  }, async () => {
    await import('../features/rights/RightsPage');
    const { calls, user } = setup(statusSandbox, {
      rights: () => rx.rightsView,
      benefits: () => rx.benefitsView,
      invitations: () => rx.invitationsView,
      star_index: () => rx.starIndexView,
      agencies: () => rx.agencies,
    });
    await screen.findAllByTestId('task-row');
    expect(screen.getByTestId('nav-rights')).toHaveTextContent('权益中心');
    await user.click(screen.getByTestId('nav-rights'));
    expect(await screen.findByTestId('rights-checklist')).toBeInTheDocument();
    expect(screen.getByTestId('rights-page')).toBeInTheDocument();
    expect(calls.some((c) => c.command === 'rights')).toBe(true);
    expect(screen.queryByTestId('task-row')).toBeNull();
  });

  it('物流 and 我的合作 open each other on a parcel and its campaign', {
    timeout: 30_000,
  }, async () => {
    await import('../features/logistics/LogisticsPage');
    await import('../features/campaigns/CampaignsPage');
    const { user } = setup(statusSandbox, {
      logistics: () => lx.view,
      parcel: ({ id }) => lx.detailOf(lx.parcels.find((p) => p.id === id) ?? lx.silent),
      applications: () => cmp.applications,
      outbox: () => [],
      carriers: () => lx.carriers,
    });
    await screen.findAllByTestId('task-row');
    expect(screen.getByTestId('nav-logistics')).toHaveTextContent('物流');
    await user.click(screen.getByTestId('nav-logistics'));
    const rows = await screen.findAllByTestId('parcel-row');
    const row = rows.find((r) => r.getAttribute('data-parcel-id') === '11');
    if (!row) throw new Error('no parcel 11');
    await user.click(within(row).getByTestId('parcel-open'));
    await user.click(await screen.findByTestId('parcel-open-application'));
    // 我的合作, on the parcel's campaign.
    const cards = await screen.findAllByTestId('campaign-card');
    const a1 = cards.find((c) => c.getAttribute('data-application-id') === 'A1');
    expect(a1).toHaveAttribute('data-focused', 'true');
    expect(screen.queryByTestId('logistics-page')).toBeNull();
    // And back: the card's parcel opens on 物流.
    await user.click(within(a1 as HTMLElement).getByTestId('campaign-track'));
    expect(await screen.findByTestId('parcel-detail')).toHaveAttribute('data-parcel-id', '11');
    // The nav shows a page as it is: no parcel opened.
    await user.click(screen.getByTestId('nav-tasks'));
    await user.click(screen.getByTestId('nav-logistics'));
    await screen.findAllByTestId('parcel-row');
    expect(screen.queryByTestId('parcel-detail')).toBeNull();
  });

  it('header: product, source, creator with level and followers, last sync', async () => {
    setup(statusNeverSynced);
    expect(await screen.findByTestId('creator-nickname')).toHaveTextContent('小鹿爱测评');
    expect(screen.getByText('星图达人工作台')).toBeInTheDocument();
    expect(screen.getByTestId('source-badge')).toHaveTextContent('内置沙盒');
    expect(screen.getByText('LV2')).toBeInTheDocument();
    expect(screen.getByTestId('creator-followers')).toHaveTextContent('26.8万 粉丝');
    expect(screen.getByTestId('last-synced')).toHaveTextContent('上次同步：从未同步');
    expect(screen.getByText('任务大厅')).toBeInTheDocument();
    expect(screen.queryByTestId('offline-banner')).toBeNull();
  });

  it('the outbox count: shown while applications wait, gone when core says none do', async () => {
    let waiting = 2;
    const { events } = setup(statusSandbox, {
      app_status: () => ({ ...statusSandbox, outbox_waiting: waiting }),
    });
    expect(await screen.findByTestId('outbox-count')).toHaveTextContent('2 条待发送');
    waiting = 0;
    events.emit('data_changed', { areas: ['status'] });
    await waitFor(() => expect(screen.queryByTestId('outbox-count')).toBeNull());
    expect(screen.queryByTestId('creator-nickname')).not.toBeNull();
  });

  it('platform source shows its url', async () => {
    setup({ ...statusSandbox, source: { kind: 'platform', url: 'https://api.xingtu.example' } });
    const badge = await screen.findByTestId('source-badge');
    expect(badge).toHaveTextContent('平台账号');
    expect(badge).toHaveTextContent('https://api.xingtu.example');
  });

  it('platform_unreachable: the offline banner, from the code and not the message', async () => {
    setup({
      ...statusSandbox,
      last_error: { code: 'platform_unreachable', message: 'tcp connect error: refused' },
    });
    const banner = await screen.findByTestId('offline-banner');
    expect(banner).toHaveTextContent('无法连接平台，正在显示上次同步的数据（离线）');
    expect(screen.queryByText(/tcp connect error/)).toBeNull();
    // The data of the last sync is still listed.
    expect(await screen.findAllByTestId('task-row')).not.toHaveLength(0);
  });

  it('sign_in_required: asks to sign in again and opens the settings', async () => {
    const { user } = setup({
      ...statusSandbox,
      source: { kind: 'platform', url: 'https://api.xingtu.example' },
      last_error: { code: 'sign_in_required', message: '401' },
    });
    const banner = await screen.findByTestId('signin-banner');
    expect(screen.queryByTestId('offline-banner')).toBeNull();
    await user.click(within(banner).getByRole('button', { name: '打开设置' }));
    expect(await screen.findByTestId('settings-modal')).toBeInTheDocument();
    expect(screen.getByTestId('platform-url')).toHaveValue('https://api.xingtu.example');
  });

  it('other codes: a generic banner with the code', async () => {
    setup({ ...statusSandbox, last_error: { code: 'platform_protocol', message: 'x' } });
    expect(await screen.findByTestId('error-banner')).toHaveTextContent('platform_protocol');
  });

  it('the language switch turns visible text to English and is remembered', async () => {
    const { user } = setup(statusSandbox);
    await screen.findByTestId('creator-nickname');
    expect(screen.getByTestId('sync-button')).toHaveTextContent('同步');
    await user.click(screen.getByTestId('lang-switch'));
    expect(await screen.findByText('Task hall')).toBeInTheDocument();
    expect(screen.queryByText('任务大厅')).toBeNull();
    expect(screen.getByTestId('sync-button')).toHaveTextContent('Sync');
    expect(screen.getByTestId('creator-followers')).toHaveTextContent('268K followers');
    expect(screen.getByTestId('search-input')).toHaveAttribute(
      'placeholder',
      'Search title, brand, industry…',
    );
    expect(screen.getByTestId('task-total').parentElement).toHaveTextContent('4 tasks');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');

    await user.click(screen.getByTestId('lang-switch'));
    expect(await screen.findByText('任务大厅')).toBeInTheDocument();
    expect(i18n.language).toBe('zh-CN');
  });

  it('sync: shows progress from events, then reloads tasks and status when core says they changed', async () => {
    let finish: (s: SyncSummary) => void = () => {};
    const { calls, events, user } = setup(statusSandbox, {
      sync_now: () => new Promise<SyncSummary>((resolve) => (finish = resolve)),
    });
    await screen.findAllByTestId('task-row');
    const before = {
      tasks: queriesSent(calls).length,
      status: calls.filter((c) => c.command === 'app_status').length,
    };

    await user.click(screen.getByTestId('sync-button'));
    expect(calls.some((c) => c.command === 'sync_now')).toBe(true);
    events.emit('sync_progress', { phase: 'page', applied: 300, remaining: 700, error: null });
    const bar = await screen.findByTestId('sync-progress');
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '30'));
    expect(screen.getByTestId('sync-progress-box')).toHaveTextContent('300/1,000');
    expect(screen.getByTestId('sync-button')).toBeDisabled();
    expect(screen.getByTestId('sync-button')).toHaveTextContent('同步中…');

    // Every page in: a first sync builds the search indexes, still running.
    events.emit('sync_progress', { phase: 'indexing', applied: 1000, remaining: 0, error: null });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '100'));
    expect(screen.getByTestId('sync-progress-box')).toHaveTextContent('正在建立搜索索引…');
    expect(screen.getByTestId('sync-button')).toBeDisabled();

    events.emit('sync_progress', { phase: 'done', applied: 1000, remaining: 0, error: null });
    finish({ upserted: 1000, removed: 0, pages: 10, task_count: 4, applications: 0 });
    await waitFor(() => expect(screen.getByTestId('sync-button')).toBeEnabled());
    expect(queriesSent(calls).length, 'nothing reloads before core says so').toBe(before.tasks);
    events.emit('data_changed', { areas: ['tasks', 'status'] });
    await waitFor(() => expect(queriesSent(calls).length).toBeGreaterThan(before.tasks));
    await waitFor(() =>
      expect(calls.filter((c) => c.command === 'app_status').length).toBeGreaterThan(before.status),
    );
    await waitFor(() => expect(screen.getByTestId('sync-button')).toBeEnabled());
    expect(screen.queryByTestId('sync-progress')).toBeNull();
  });

  it('a status that cannot load shows the code, not a blank window', async () => {
    mockEvents();
    mockIpc({
      app_status: () => {
        throw new Reject({ code: 'store_incompatible', message: 'schema 9 > 4' });
      },
    });
    renderWithProviders(<App />);
    const fatal = await screen.findByTestId('fatal-error');
    expect(fatal).toHaveTextContent('store_incompatible');
    expect(fatal).not.toHaveTextContent('schema 9');
  });

  it('retry on the fatal screen opens the data directory again, then shows the app', async () => {
    mockEvents();
    let opened = false;
    const calls = mockIpc({
      app_status: () => {
        if (!opened) throw new Reject({ code: 'key_unavailable', message: 'locked' });
        return statusSandbox;
      },
      reopen_context: () => {
        opened = true;
        return null;
      },
      facets: () => ({ industries: [] }),
      query_tasks: ({ query }) => pageOf(query, 4),
    });
    renderWithProviders(<App />);
    const fatal = await screen.findByTestId('fatal-error');
    await userEvent.click(within(fatal).getByRole('button'));
    await waitFor(() => expect(screen.queryByTestId('fatal-error')).toBeNull());
    const asked = calls.map((c) => c.command);
    expect(asked.indexOf('reopen_context')).toBeGreaterThan(-1);
    expect(asked.lastIndexOf('app_status')).toBeGreaterThan(asked.indexOf('reopen_context'));
  });
});
