import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { type Notify, NotifyProvider, useNotify } from './notify';

function Grab({ into }: { into: { notify?: Notify } }) {
  into.notify = useNotify();
  return <main data-testid="page">page</main>;
}

describe('NotifyProvider', () => {
  it("shows toasts in Semi's fixed layer at the top, not in the page's flow after the app", async () => {
    const got: { notify?: Notify } = {};
    render(
      <NotifyProvider>
        <Grab into={got} />
      </NotifyProvider>,
    );
    act(() => got.notify?.success(() => '已导入 4 行'));
    const toast = await screen.findByText('已导入 4 行');
    const layer = toast.closest('.semi-toast-wrapper');
    expect(layer).not.toBeNull();
    expect(layer).toHaveAttribute('data-testid', 'toasts');
    // The layer is not inside the page: it is a sibling laid over it.
    expect(screen.getByTestId('page').contains(toast)).toBe(false);
  });

  it('keeps a reminder on several lines', async () => {
    const got: { notify?: Notify } = {};
    render(
      <NotifyProvider>
        <Grab into={got} />
      </NotifyProvider>,
    );
    act(() => got.notify?.info(() => '第一行\n第二行'));
    const text = await screen.findByText(/第一行/);
    expect(text).toHaveStyle({ whiteSpace: 'pre-line' });
    expect(text.closest('.semi-toast-wrapper')).not.toBeNull();
  });

  it('says a toast shown before a language switch again in the new language', async () => {
    const got: { notify?: Notify } = {};
    render(
      <NotifyProvider>
        <Grab into={got} />
      </NotifyProvider>,
    );
    act(() => got.notify?.success((t) => t('copy.done')));
    const toast = await screen.findByText('已复制到剪贴板');
    await act(() => i18n.changeLanguage('en'));
    expect(await screen.findByText('Copied to the clipboard')).toBeInTheDocument();
    expect(toast.closest('.semi-toast-wrapper')?.textContent).not.toContain('已复制');
    // The language back for whatever runs after in this file.
    await act(() => i18n.changeLanguage('zh-CN'));
  });
});
