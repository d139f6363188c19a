import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TaskRow } from '../../bindings';
import i18n from '../../i18n';
import { fixedRow, rankRow, sampleRow, tiersRow } from '../../test/fixtures';
import { TaskRowView } from './TaskRowView';

function renderRow(row: TaskRow, onSelect = vi.fn()) {
  render(<TaskRowView row={row} index={4} selected={false} onSelect={onSelect} />);
  const el = screen.getByTestId('task-row');
  return {
    el,
    onSelect,
    reward: within(el).getByTestId('row-reward').textContent,
    net: within(el).getByTestId('row-net').textContent,
    sample: within(el).queryByTestId('row-sample')?.textContent ?? null,
    eligibility: within(el).getByTestId('row-eligibility').textContent,
  };
}

describe('task-hall row', () => {
  it('fixed reward: exact amount, net after fees, eligible', () => {
    const r = renderRow(fixedRow);
    expect(r.el).toHaveAttribute('data-task-id', '9007199254740993001');
    expect(r.reward).toBe('¥1,288.50');
    expect(r.net).toBe('到手 ¥1,224.07');
    expect(r.sample).toBeNull();
    expect(r.eligibility).toBe('可接');
    expect(r.el).toHaveTextContent('指派');
    expect(r.el).toHaveTextContent('视频');
    expect(r.el).toHaveTextContent('截止 2025-04-05');
    expect(r.el).toHaveTextContent('名额 7/20');
    expect(within(r.el).queryByTestId('tag-product-review')).toBeNull();
  });

  it('play tiers (R-REVIEW-5): a range, net up to, the sample on top, 好物测评 tag', () => {
    const r = renderRow(tiersRow);
    expect(r.reward).toBe('¥0–¥1,000');
    // The sample has a line of its own: next to the net, a row cut it off.
    expect(r.net).toBe('最高到手 ¥950.00');
    expect(r.sample).toBe('另送样品 ¥299');
    expect(within(r.el).getByTestId('tag-product-review')).toHaveTextContent('好物测评');
    expect(r.el).toHaveTextContent('招募');
  });

  it('rank (R-REVIEW-6): a range, and not eligible', () => {
    const r = renderRow(rankRow);
    expect(r.reward).toBe('¥0–¥2,000');
    expect(r.net).toContain('最高到手 ¥1,900.00');
    expect(r.eligibility).toBe('不满足条件');
  });

  it('sample only: the sample value and no net', () => {
    const r = renderRow(sampleRow);
    expect(r.reward).toBe('样品 ¥299');
    expect(r.net).toBe('');
    expect(r.sample).toBeNull();
    expect(r.eligibility).toBe('不满足条件');
    expect(r.el).toHaveTextContent('图文');
  });

  it("names the industry in the window's language, or as the platform sent it", async () => {
    const facets = () =>
      [...screen.getByTestId('task-row').querySelectorAll('.task-row__facet')].map(
        (f) => f.textContent,
      );
    renderRow(sampleRow);
    expect(facets()).toEqual(['食品饮料', '图文']);
    cleanup();
    await i18n.changeLanguage('en');
    try {
      renderRow(sampleRow);
      expect(facets()).toEqual(['Food & drink', 'Image post']);
      cleanup();
      // One the app has no English name for stays as the platform sent it.
      renderRow({ ...sampleRow, industry: '美妆护肤' });
      expect(facets()).toEqual(['美妆护肤', 'Image post']);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('selects on click with its id and position', async () => {
    const r = renderRow(fixedRow);
    await userEvent.click(r.el);
    expect(r.onSelect).toHaveBeenCalledWith('9007199254740993001', 4);
  });
});
