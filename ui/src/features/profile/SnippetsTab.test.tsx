import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SnippetInput, SnippetView } from '../../bindings';
import { type Call, type Commands, mockEvents, mockIpc } from '../../test/ipcMock';
import * as fx from '../../test/profileFixtures';
import { renderWithProviders } from '../../test/render';
import { SnippetsTab } from './SnippetsTab';

function setup(extra: Partial<Commands> = {}) {
  const events = mockEvents();
  let stored: SnippetView[] = [fx.strengthsSnippet, fx.ideaSnippet];
  // As core does: stored, then the address book area is said to have changed.
  const changed = () => events.emit('data_changed', { areas: ['address_book'] });
  const calls = mockIpc({
    snippets: () => stored,
    save_snippet: ({ snippet }) => {
      const view: SnippetView = {
        id: snippet.id ?? '99',
        kind: snippet.kind,
        title: snippet.title.trim(),
        body: snippet.body.trim(),
        last_used_at: null,
      };
      stored = [view, ...stored.filter((s) => s.id !== view.id)];
      changed();
      return view;
    },
    delete_snippet: ({ id }) => {
      stored = stored.filter((s) => s.id !== id);
      changed();
      return null;
    },
    ...extra,
  });
  const user = userEvent.setup();
  renderWithProviders(<SnippetsTab />);
  return { calls, user };
}

const savedSnippets = (calls: Call[]) =>
  calls
    .filter((c) => c.command === 'save_snippet')
    .map((c) => (c.args as { snippet: SnippetInput }).snippet);
const group = (kind: string) => {
  const found = screen
    .getAllByTestId('snippet-group')
    .find((g) => g.getAttribute('data-kind') === kind);
  if (!found) throw new Error(`no ${kind} group`);
  return found;
};
const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('snippets tab', () => {
  it('two groups, each listing title and text', async () => {
    setup();
    await screen.findAllByTestId('snippet-row');
    const strengths = group('strengths');
    expect(strengths).toHaveTextContent('合作优势');
    const rows = within(strengths).getAllByTestId('snippet-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('美妆方向');
    expect(within(rows[0] as HTMLElement).getByTestId('snippet-preview')).toHaveTextContent(
      '近 30 天 12 条护肤测评',
    );
    expect(group('idea')).toHaveTextContent('创作思路');
    expect(within(group('idea')).getAllByTestId('snippet-row')[0]).toHaveTextContent('七天对比');
  });

  it('adds a 创作思路 with a count against the form’s 10–500 characters', async () => {
    const { calls, user } = setup();
    await screen.findAllByTestId('snippet-row');
    await user.click(within(group('idea')).getByTestId('snippet-add'));
    expect(await screen.findByText('新增创作思路')).toBeInTheDocument();
    expect(screen.getByTestId('snippet-count-hint')).toHaveTextContent(
      '报名表的这一项需要 10–500 个字。',
    );

    // Nothing is sent without a title and a text.
    await user.click(screen.getByTestId('snippet-save'));
    expect(screen.getByTestId('snippet-error')).toHaveTextContent('请填写标题和正文');
    expect(savedSnippets(calls)).toEqual([]);

    type('snippet-title', '开箱实测');
    type('snippet-body', '先开箱再上脸');
    expect(screen.getByTestId('snippet-length')).toHaveTextContent('还差 4 个字才能用于报名表。');
    type('snippet-body', '先开箱再上脸，七天后对比肤感和妆效。');
    expect(screen.queryByTestId('snippet-length')).toBeNull();
    await user.click(screen.getByTestId('snippet-save'));

    await waitFor(() => expect(savedSnippets(calls)).toHaveLength(1));
    expect(savedSnippets(calls)[0]).toEqual({
      id: null,
      kind: 'idea',
      title: '开箱实测',
      body: '先开箱再上脸，七天后对比肤感和妆效。',
    });
    expect(await screen.findByText('文案已保存')).toBeInTheDocument();
    // Core's event refreshed the list.
    await waitFor(() =>
      expect(within(group('idea')).getAllByTestId('snippet-row')).toHaveLength(2),
    );
    expect(screen.queryByTestId('snippet-form')).toBeNull();
  });

  it('edits a snippet in place', async () => {
    const { calls, user } = setup();
    const row = (await screen.findAllByTestId('snippet-row'))[0] as HTMLElement;
    await user.click(within(row).getByTestId('snippet-edit'));
    expect(await screen.findByText('编辑合作优势')).toBeInTheDocument();
    expect(screen.getByTestId('snippet-title')).toHaveValue('美妆方向');
    type('snippet-title', '美妆护肤方向');
    await user.click(screen.getByTestId('snippet-save'));
    await waitFor(() =>
      expect(savedSnippets(calls)).toEqual([
        {
          id: '11',
          kind: 'strengths',
          title: '美妆护肤方向',
          body: fx.strengthsSnippet.body,
        },
      ]),
    );
    expect(await within(group('strengths')).findByText('美妆护肤方向')).toBeInTheDocument();
  });

  it('delete asks first, then calls delete_snippet', async () => {
    const { calls, user } = setup();
    await screen.findAllByTestId('snippet-row');
    const row = within(group('idea')).getByTestId('snippet-row');
    await user.click(within(row).getByTestId('snippet-delete'));
    expect(await screen.findByText('删除这条文案？')).toBeInTheDocument();
    expect(calls.some((c) => c.command === 'delete_snippet')).toBe(false);
    await user.click(screen.getByTestId('snippet-delete-confirm'));
    await waitFor(() =>
      expect(calls.filter((c) => c.command === 'delete_snippet').map((c) => c.args)).toEqual([
        { id: '12' },
      ]),
    );
    await waitFor(() => expect(within(group('idea')).queryByTestId('snippet-row')).toBeNull());
    expect(group('idea')).toHaveTextContent('还没有保存的文案');
  });
});
