import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskPage, UiMark } from '../bindings';
import { FIRST_FILTER, pageQuery } from '../features/taskHall/firstPage';
import { ROW_HEIGHT } from '../features/taskHall/rowStyle';
import { LANG_STORAGE_KEY } from '../i18n/lang';
import { pageOf } from '../test/fixtures';
import { mockIpc } from '../test/ipcMock';

const page: TaskPage = pageOf(pageQuery(FIRST_FILTER, 0), 100_000);

/** The module afresh (its state is the window's), with the early question as index.html asks it. */
async function setup(answer: Promise<TaskPage> | null) {
  vi.resetModules();
  if (answer !== null) {
    const early: { promise: Promise<TaskPage>; page?: TaskPage } = { promise: answer };
    window.__STARDESK_FIRST_PAGE__ = early;
  }
  const calls = mockIpc({ ui_ready: () => null, ui_interactive: () => null });
  const boot = vi.fn();
  const module = await import('./firstPaint');
  module.startFirstPaint(boot);
  return { calls, boot, module };
}

const layer = () => document.getElementById('first-paint');
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  localStorage.removeItem(LANG_STORAGE_KEY);
});

afterEach(async () => {
  vi.useRealTimers();
  // A frame a test left pending reports into its own calls, not the next test's.
  await frame();
  layer()?.remove();
  delete window.__STARDESK_FIRST_PAGE__;
});

describe('the first paint', () => {
  it('draws the rows that fit the window, reports them in their frame, then starts the app', async () => {
    const { calls, boot } = await setup(Promise.resolve(page));
    await settle();
    const drawn = layer();
    expect(drawn).not.toBeNull();
    expect(drawn?.getAttribute('aria-hidden')).toBe('true');
    const rows = drawn?.querySelectorAll('.task-row') ?? [];
    expect(rows).toHaveLength(
      Math.ceil(Math.max(window.innerHeight, window.screen.availHeight) / ROW_HEIGHT),
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(rows[0]?.querySelector('.task-row__title')?.textContent).toBe(page.rows[0]?.title);
    expect(rows[3]?.parentElement?.style.transform).toBe(`translateY(${3 * ROW_HEIGHT}px)`);
    expect(drawn?.querySelector('.hall-summary')?.textContent).toBe('共 100,000 个任务');
    expect(drawn?.querySelector('.app-header__name')?.textContent).toBe('星图达人工作台');
    expect(drawn?.querySelector('.filter-bar__search')?.textContent).toBe('搜索标题、品牌、行业…');
    // Nothing of it answers to the tests' and the app's own handles.
    expect(drawn?.querySelector('[data-testid]')).toBeNull();
    expect(boot).not.toHaveBeenCalled();

    await frame();
    const ready = calls.filter((c) => c.command === 'ui_ready');
    expect(ready).toHaveLength(1);
    const args = ready[0]?.args as { rows: number; marks: UiMark[] };
    expect(args.rows).toBe(100);
    expect(args.marks.map((m) => m.name)).toEqual([
      'navigation_start',
      'script_start',
      'first_page_answered',
      'first_paint',
      'first_rows_frame',
    ]);
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(boot).toHaveBeenCalledTimes(1);
  });

  it('speaks the language the app will start in', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    await setup(Promise.resolve(page));
    await settle();
    expect(document.documentElement.lang).toBe('en');
    expect(layer()?.querySelector('.hall-summary')?.textContent).toBe('100,000 tasks');
    expect(layer()?.querySelector('.task-row__dates')?.textContent).toMatch(/^Due /);
  });

  it('the app then reports only that it is interactive, and removes the layer', async () => {
    const { calls, module } = await setup(Promise.resolve(page));
    await settle();
    await frame();
    module.reportHallRows(100);
    module.dismissFirstPaint();
    await settle();
    expect(calls.map((c) => c.command)).toEqual(['ui_ready', 'ui_interactive']);
    expect(layer()).toBeNull();
  });

  it('without it, the app reports its rows first, then that it is interactive, once', async () => {
    const { calls, boot, module } = await setup(null);
    expect(boot).toHaveBeenCalledTimes(1);
    module.reportHallRows(37);
    await settle();
    // A hall mounted again (after another page) reports nothing more.
    module.reportHallRows(37);
    await settle();
    expect(calls.map((c) => c.command)).toEqual(['ui_ready', 'ui_interactive']);
    expect(calls[0]?.args).toEqual({ rows: 37, marks: expect.any(Array) });
  });

  it('draws nothing and starts the app when the question fails or has no rows', async () => {
    for (const answer of [
      Promise.reject(new Error('no store')),
      Promise.resolve(pageOf(pageQuery(FIRST_FILTER, 0), 0)),
    ]) {
      const { calls, boot } = await setup(answer);
      await settle();
      expect(layer()).toBeNull();
      expect(boot).toHaveBeenCalledTimes(1);
      expect(calls).toEqual([]);
    }
  });

  it(`does not hold the app back past a slow answer, nor draw once the app started`, async () => {
    vi.useFakeTimers();
    let answer: (page: TaskPage) => void = () => {};
    const { calls, boot } = await setup(new Promise((resolve) => (answer = resolve)));
    await vi.advanceTimersByTimeAsync(299);
    expect(boot).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(boot).toHaveBeenCalledTimes(1);
    answer(page);
    await vi.advanceTimersByTimeAsync(50);
    expect(layer()).toBeNull();
    expect(boot).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([]);
  });

  it('starts the app without a frame to paint in (a hidden window gets none)', async () => {
    vi.useFakeTimers();
    const frames = vi.spyOn(window, 'requestAnimationFrame').mockImplementation(() => 0);
    const { calls, boot } = await setup(Promise.resolve(page));
    await vi.advanceTimersByTimeAsync(499);
    expect(layer()).not.toBeNull();
    expect(boot).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(boot).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([]);
    frames.mockRestore();
  });

  it('starts the app when the rows cannot be drawn, and leaves nothing behind', async () => {
    const append = vi.spyOn(document.body, 'append').mockImplementationOnce(() => {
      throw new Error('no room');
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { calls, boot } = await setup(Promise.resolve(page));
    await settle();
    expect(boot).toHaveBeenCalledTimes(1);
    expect(layer()).toBeNull();
    expect(calls).toEqual([]);
    expect(errors).toHaveBeenCalled();
    append.mockRestore();
    errors.mockRestore();
  });
});
