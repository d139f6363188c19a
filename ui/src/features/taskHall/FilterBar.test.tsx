import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { FilterBar } from './FilterBar';
import { EMPTY_FILTERS } from './filters';

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

/** The industry filter's options on screen, as their labels read. */
async function industryOptions(user: ReturnType<typeof userEvent.setup>, typed: string) {
  await user.click(screen.getByTestId('filter-industry'));
  if (typed !== '') await user.keyboard(typed);
  const options = await screen.findAllByRole('option', { hidden: true });
  return options.map((o) => o.textContent);
}

describe('the industry filter', () => {
  it('offers the industries by their English names, finds them by that name, and picks the platform value', async () => {
    await i18n.changeLanguage('en');
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(
      <FilterBar
        value={EMPTY_FILTERS}
        industries={['美妆', '母婴亲子', '低空经济']}
        onChange={onChange}
      />,
    );
    expect(await industryOptions(user, '')).toEqual(['Beauty', 'Parenting', '低空经济']);
    expect(await industryOptions(user, 'Beau')).toEqual(['Beauty']);
    const beauty = (await screen.findAllByRole('option', { hidden: true })).find(
      (o) => o.textContent === 'Beauty',
    );
    fireEvent.click(beauty as HTMLElement);
    // The query carries the platform's name, whatever the window's language.
    expect(onChange).toHaveBeenLastCalledWith({ ...EMPTY_FILTERS, industries: ['美妆'] });
  });

  it('offers them as sent in Chinese', async () => {
    const user = userEvent.setup();
    render(
      <FilterBar value={EMPTY_FILTERS} industries={['美妆', '母婴亲子']} onChange={vi.fn()} />,
    );
    expect(await industryOptions(user, '')).toEqual(['美妆', '母婴亲子']);
  });
});
