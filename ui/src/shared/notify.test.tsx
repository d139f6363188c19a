import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { MAX_TOASTS, type Notify, NotifyProvider, useNotify } from './notify';

function Grab({ into }: { into: { notify?: Notify } }) {
  into.notify = useNotify();
  return <main data-testid="page">page</main>;
}

/** A page under the provider; its toasts. */
function mount(): { notify?: Notify } {
  const got: { notify?: Notify } = {};
  render(
    <NotifyProvider>
      <Grab into={got} />
    </NotifyProvider>,
  );
  return got;
}

/** The words of the toasts on screen, in no particular order. */
function shownTexts(): string[] {
  return [...document.querySelectorAll('.semi-toast-wrapper .semi-toast-content-text')]
    .map((e) => e.textContent ?? '')
    .sort();
}

/** `提醒 first` … `提醒 last`, sorted as [`shownTexts`] is. */
function reminders(first: number, last: number): string[] {
  return Array.from({ length: last - first + 1 }, (_, i) => `提醒 ${first + i}`).sort();
}

describe('NotifyProvider', () => {
  it("shows toasts in Semi's fixed layer at the top, not in the page's flow after the app", async () => {
    const got = mount();
    act(() => got.notify?.success(() => '已导入 4 行'));
    const toast = await screen.findByText('已导入 4 行');
    const layer = toast.closest('.semi-toast-wrapper');
    expect(layer).not.toBeNull();
    expect(layer).toHaveAttribute('data-testid', 'toasts');
    // The layer is not inside the page: it is a sibling laid over it.
    expect(screen.getByTestId('page').contains(toast)).toBe(false);
  });

  it('keeps a reminder on several lines, in the notices layer, not with the feedback', async () => {
    const got = mount();
    act(() => got.notify?.info(() => '第一行\n第二行'));
    act(() => got.notify?.success(() => '已保存'));
    const text = await screen.findByText(/第一行/);
    expect(text).toHaveStyle({ whiteSpace: 'pre-line' });
    expect(text.closest('.semi-toast-wrapper')).toHaveAttribute('data-testid', 'notices');
    expect((await screen.findByText('已保存')).closest('.semi-toast-wrapper')).toHaveAttribute(
      'data-testid',
      'toasts',
    );
    expect(screen.getByTestId('page').contains(text)).toBe(false);
  });

  it('shows the newest toasts, never more than MAX_TOASTS at once', async () => {
    const got = mount();
    const count = MAX_TOASTS + 2;
    for (let i = 1; i <= count; i++) act(() => got.notify?.info(() => `提醒 ${i}`));
    expect(await screen.findByText(`提醒 ${count}`)).toBeInTheDocument();
    expect(shownTexts()).toEqual(reminders(count - MAX_TOASTS + 1, count));
    // One closed by its ×: the next one does not close another.
    const close = document.querySelector('.semi-toast-close-button button');
    act(() => (close as HTMLElement).click());
    expect(shownTexts()).toHaveLength(MAX_TOASTS - 1);
    act(() => got.notify?.success(() => '已保存'));
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    expect(shownTexts()).toHaveLength(MAX_TOASTS);
  });

  it('keeps to MAX_TOASTS when more come at once, in one burst', async () => {
    const got = mount();
    const count = MAX_TOASTS + 3;
    act(() => {
      for (let i = 1; i <= count; i++) got.notify?.info(() => `提醒 ${i}`);
    });
    expect(await screen.findByText(`提醒 ${count}`)).toBeInTheDocument();
    expect(shownTexts()).toEqual(reminders(count - MAX_TOASTS + 1, count));
  });

  it('never closes an error to make room: the oldest other toast goes; notices count apart', async () => {
    const got = mount();
    act(() => got.notify?.error(() => '同步失败'));
    const count = MAX_TOASTS + 1;
    act(() => {
      for (let i = 1; i <= count; i++) got.notify?.success(() => `提醒 ${i}`);
    });
    expect(await screen.findByText(`提醒 ${count}`)).toBeInTheDocument();
    expect(shownTexts()).toEqual(['同步失败', ...reminders(count - MAX_TOASTS + 2, count)].sort());
    // A start's notices fill their own corner: the feedback at the top stays as it was.
    act(() => {
      for (let i = 1; i <= count; i++) got.notify?.info(() => `通知 ${i}`);
    });
    expect(await screen.findByText(`通知 ${count}`)).toBeInTheDocument();
    const notices = [
      ...document.querySelectorAll('[data-testid="notices"] .semi-toast-content-text'),
    ];
    expect(notices).toHaveLength(MAX_TOASTS);
    expect(screen.getByText('同步失败')).toBeInTheDocument();
  });

  it('shows a toast saying the same as one on screen in its place, not stacked under it', async () => {
    const got = mount();
    act(() => got.notify?.success(() => '同步完成：更新 0 个任务'));
    act(() => got.notify?.info(() => '同步完成：更新 0 个任务'));
    act(() => got.notify?.success(() => '已保存'));
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    // Again, on screen and in one burst: still one of each.
    act(() => got.notify?.success(() => '同步完成：更新 0 个任务'));
    act(() => {
      got.notify?.info(() => '同步完成：更新 0 个任务');
      got.notify?.info(() => '同步完成：更新 0 个任务');
    });
    await act(() => new Promise((done) => setTimeout(done, 50)));
    const texts = (layer: string) =>
      [...document.querySelectorAll(`[data-testid="${layer}"] .semi-toast-content-text`)].map(
        (e) => e.textContent,
      );
    expect(texts('toasts').sort()).toEqual(['同步完成：更新 0 个任务', '已保存'].sort());
    expect(texts('notices')).toEqual(['同步完成：更新 0 个任务']);
  });

  it('gives a page the same notify from one of its renders to the next', () => {
    const got: { notify?: Notify<['taskHall', 'common']>; again?: () => void } = {};
    // Namespaces in a new array each render, as pages pass them.
    function Page() {
      const [, setRenders] = useState(0);
      got.notify = useNotify(['taskHall', 'common']);
      got.again = () => setRenders((n) => n + 1);
      return null;
    }
    render(
      <NotifyProvider>
        <Page />
      </NotifyProvider>,
    );
    const first = got.notify;
    act(() => got.again?.());
    act(() => got.again?.());
    expect(got.notify).toBe(first);
  });

  it('says a toast shown before a language switch again in the new language', async () => {
    const got = mount();
    act(() => got.notify?.success((t) => t('copy.done')));
    const toast = await screen.findByText('已复制到剪贴板');
    await act(() => i18n.changeLanguage('en'));
    expect(await screen.findByText('Copied to the clipboard')).toBeInTheDocument();
    expect(toast.closest('.semi-toast-wrapper')?.textContent).not.toContain('已复制');
    // The language back for whatever runs after in this file.
    await act(() => i18n.changeLanguage('zh-CN'));
  });
});
