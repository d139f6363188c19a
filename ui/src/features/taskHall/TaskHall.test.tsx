import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AppStatus, TaskQuery, UiMark } from '../../bindings';
import i18n from '../../i18n';
import { pageOf, statusNeverSynced, statusSandbox, tiersDetail } from '../../test/fixtures';
import { type Call, mockEvents, mockIpc, queriesSent, Reject } from '../../test/ipcMock';
import { renderWithProviders } from '../../test/render';
import { SEARCH_DEBOUNCE_MS, TaskHall } from './TaskHall';
import { ROW_HEIGHT } from './TaskRowView';

const BIG = 100_000;

function setup(opts: { status?: AppStatus; total?: (q: TaskQuery) => number } = {}) {
  const status = opts.status ?? statusSandbox;
  const total = opts.total ?? (() => BIG);
  mockEvents();
  const calls = mockIpc({
    app_status: () => status,
    facets: () => ({ industries: ['美妆护肤', '食品饮料', '数码家电'] }),
    query_tasks: ({ query }) => pageOf(query, total(query)),
    task_detail: ({ id }) => ({ ...tiersDetail, row: { ...tiersDetail.row, id } }),
    ui_ready: () => null,
    ui_interactive: () => null,
  });
  const user = userEvent.setup();
  renderWithProviders(<TaskHall status={status} />);
  return { calls, user };
}

const queryOf = (call: Call) => (call.args as { query: TaskQuery }).query;
const lastQuery = (calls: Call[]) => queriesSent(calls).at(-1) as TaskQuery;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('task hall', () => {
  it('renders only what is on screen of 100,000 tasks and fetches only the pages needed', async () => {
    const { calls } = setup();
    await screen.findAllByTestId('task-row');
    expect(screen.getByTestId('task-total')).toHaveTextContent('100,000');
    expect(screen.getByTestId('task-total').parentElement).toHaveTextContent('共 100,000 个任务');
    const rendered = screen.getAllByTestId('task-row').length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
    expect(new Set(queriesSent(calls).map((q) => q.offset))).toEqual(new Set([0]));

    // Jump deep into the list: the page holding row 50,000 is fetched, nothing in between.
    const scroller = screen.getByRole('listbox');
    Object.defineProperty(scroller, 'scrollTop', {
      configurable: true,
      value: ROW_HEIGHT * 50_000,
    });
    fireEvent.scroll(scroller);
    expect(await screen.findByText('任务 #50000')).toBeInTheDocument();
    const offsets = new Set(queriesSent(calls).map((q) => q.offset));
    expect(offsets.has(50_000)).toBe(true);
    expect(offsets.size).toBeLessThanOrEqual(3);
    expect(queriesSent(calls).every((q) => q.limit === 100)).toBe(true);
    // The shell hears once that the first rows are on screen (cold-start benchmark), with
    // the window's marks in the order they happened.
    const ready = calls
      .filter((c) => c.command === 'ui_ready')
      .map((c) => c.args as { rows: number; marks: UiMark[] });
    expect(ready.map((r) => r.rows)).toEqual([100]);
    const marks = ready[0]?.marks ?? [];
    expect(marks.map((m) => m.name)).toEqual([
      'navigation_start',
      'script_start',
      'first_page_answered',
      'rows_committed',
      'rows_frame',
    ]);
    const times = marks.map((m) => m.unix_ms);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // Without a first paint (none was drawn here), the hall's rows are also the moment it
    // answers clicks: ui_interactive follows ui_ready.
    await waitFor(() =>
      expect(calls.filter((c) => c.command.startsWith('ui_')).map((c) => c.command)).toEqual([
        'ui_ready',
        'ui_interactive',
      ]),
    );
  });

  it('debounces the search (~250 ms) and sends the whole 2-character Chinese query', async () => {
    const { calls } = setup({ total: (q) => (q.search === '面霜' ? 2 : BIG) });
    await screen.findAllByTestId('task-row');
    const input = screen.getByTestId('search-input');

    // The clock is the test's from here to the query: the debounce is measured, not raced
    // (a busy machine could stretch a real pause past it).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let typedAt: number;
    try {
      typedAt = Date.now();
      fireEvent.change(input, { target: { value: '面' } });
      await act(() => vi.advanceTimersByTimeAsync(100));
      fireEvent.change(input, { target: { value: '面霜' } });
      await act(() => vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1));
      expect(queriesSent(calls).filter((q) => q.search !== null)).toEqual([]);
      await act(() => vi.advanceTimersByTimeAsync(1));
      // The answer and its render, on the test's clock (timers it left would never run).
      await act(() => vi.advanceTimersByTimeAsync(1000));
    } finally {
      vi.useRealTimers();
    }

    await waitFor(() => expect(screen.getByTestId('task-total')).toHaveTextContent(/^2$/));
    const searched = calls.filter((c) => c.command === 'query_tasks' && queryOf(c).search !== null);
    // '面' alone was never sent: typing went on within the debounce window.
    expect(searched.map((c) => queryOf(c).search)).toEqual(['面霜']);
    const first = searched[0] as Call;
    // Sent as the debounce after the last keystroke ran out.
    expect(first.at - typedAt).toBe(100 + SEARCH_DEBOUNCE_MS);
    expect(queryOf(first)).toMatchObject({ search: '面霜', offset: 0, limit: 100 });
    expect(screen.getAllByTestId('task-row')).toHaveLength(2);
  });

  it('builds the TaskQuery from the switch, the sort and the reward bound', async () => {
    const { calls, user } = setup();
    await screen.findAllByTestId('task-row');

    await user.click(screen.getByRole('switch', { name: '只看我可接的' }));
    await waitFor(() => expect(lastQuery(calls).eligible_only).toBe(true));

    await user.click(screen.getByRole('radio', { name: '截止时间' }));
    await waitFor(() => expect(lastQuery(calls).sort).toBe('deadline'));

    fireEvent.change(screen.getByTestId('reward-min'), { target: { value: '500.5' } });
    await waitFor(() => expect(lastQuery(calls).reward_min).toBe('500.5'));
    expect(lastQuery(calls)).toMatchObject({
      eligible_only: true,
      sort: 'deadline',
      reward_min: '500.5',
      reward_max: null,
      search: null,
      offset: 0,
      limit: 100,
    });
  });

  it('in English, an industry typed by its English name is searched by the platform’s', async () => {
    await i18n.changeLanguage('en');
    try {
      const { calls } = setup({ total: (q) => (q.search === '美妆' ? 3 : BIG) });
      await screen.findAllByTestId('task-row');
      fireEvent.change(screen.getByTestId('search-input'), { target: { value: 'Beauty' } });
      await waitFor(() => expect(screen.getByTestId('task-total')).toHaveTextContent(/^3$/));
      expect(lastQuery(calls).search).toBe('美妆');
      fireEvent.change(screen.getByTestId('search-input'), { target: { value: '面霜' } });
      await waitFor(() => expect(lastQuery(calls).search).toBe('面霜'));
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('marks a malformed reward bound and does not send it', async () => {
    const { calls } = setup();
    await screen.findAllByTestId('task-row');
    const max = screen.getByTestId('reward-max');
    fireEvent.change(max, { target: { value: '12.345' } });
    expect(max).toHaveAttribute('aria-invalid', 'true');
    await act(() => sleep(300));
    expect(queriesSent(calls).every((q) => q.reward_max === null)).toBe(true);
  });

  it('clicking a row selects it and opens its detail; arrow keys move the selection', async () => {
    const { calls, user } = setup();
    const rows = await screen.findAllByTestId('task-row');
    await user.click(rows[1] as HTMLElement);
    const detail = screen.getByTestId('task-detail');
    expect(await within(detail).findByTestId('detail-net')).toBeInTheDocument();
    expect(calls.filter((c) => c.command === 'task_detail').at(-1)?.args).toEqual({
      id: '1000001',
    });
    expect(rows[1]).toHaveAttribute('aria-selected', 'true');

    screen.getByRole('listbox').focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() =>
      expect(calls.filter((c) => c.command === 'task_detail').at(-1)?.args).toEqual({
        id: '1000002',
      }),
    );
    const selected = screen
      .getAllByTestId('task-row')
      .filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected.map((r) => r.dataset.taskId)).toEqual(['1000002']);
  });

  it('never synced: prompts to sync instead of listing', async () => {
    const { calls, user } = setup({ status: statusNeverSynced, total: () => 0 });
    expect(await screen.findByText('还没有任务')).toBeInTheDocument();
    expect(screen.getByTestId('task-total')).toHaveTextContent('0');
    await user.click(screen.getByRole('button', { name: '立即同步' }));
    await waitFor(() => expect(calls.some((c) => c.command === 'sync_now')).toBe(true));
  });

  it('no results: says so and offers to reset the filters', async () => {
    const { user } = setup({ total: (q) => (q.search === null ? BIG : 0) });
    await screen.findAllByTestId('task-row');
    fireEvent.change(screen.getByTestId('search-input'), { target: { value: '不存在的品牌' } });
    expect(await screen.findByText('没有符合条件的任务')).toBeInTheDocument();
    expect(screen.queryAllByTestId('task-row')).toHaveLength(0);
    const empty = screen.getByTestId('empty-no-results');
    await user.click(within(empty).getByRole('button', { name: '重置筛选' }));
    expect(await screen.findAllByTestId('task-row')).not.toHaveLength(0);
    expect(screen.getByTestId('search-input')).toHaveValue('');
  });
  it('a page that cannot be read says so on its rows, and Retry reads it', async () => {
    let failing = true;
    mockEvents();
    const calls = mockIpc({
      app_status: () => statusSandbox,
      facets: () => ({ industries: [] }),
      query_tasks: ({ query }) => {
        if (query.offset === 50_000 && failing) {
          throw new Reject({ code: 'store_failed', message: 'disk I/O error' });
        }
        return pageOf(query, BIG);
      },
      ui_ready: () => null,
      ui_interactive: () => null,
    });
    const user = userEvent.setup();
    renderWithProviders(<TaskHall status={statusSandbox} />);
    await screen.findAllByTestId('task-row');
    const scroller = screen.getByRole('listbox');
    Object.defineProperty(scroller, 'scrollTop', {
      configurable: true,
      value: ROW_HEIGHT * 50_000,
    });
    fireEvent.scroll(scroller);
    const failed = await screen.findAllByTestId('task-row-failed');
    expect(failed[0]).toHaveTextContent('这一页任务没有读出来：本地数据库出错 (store_failed)');
    expect(screen.queryAllByTestId('task-row-skeleton')).toHaveLength(0);
    failing = false;
    await user.click(within(failed[0] as HTMLElement).getByRole('button'));
    expect(await screen.findByText('任务 #50000')).toBeInTheDocument();
    expect(queriesSent(calls).filter((q) => q.offset === 50_000).length).toBe(2);
  });
});
