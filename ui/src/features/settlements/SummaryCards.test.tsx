import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { view } from '../../test/settlementFixtures';
import { SummaryCards } from './SummaryCards';

describe('SummaryCards', () => {
  it('groups the digits of large counts, and keeps the plural of one', async () => {
    const summary = {
      classes: view.summary.classes.map((c) =>
        c.class === 'matched' ? { ...c, count: 200000, total: '123456789.00' } : c,
      ),
    };
    render(<SummaryCards summary={summary} active={null} onPick={() => {}} />);
    const matched = await screen.findByTestId('summary-matched');
    expect(matched).toHaveTextContent('200,000 笔');
    expect(matched).toHaveAttribute('data-count', '200000');
    expect(screen.getByTestId('summary-missing_payout')).toHaveTextContent('1 笔');
  });
});
