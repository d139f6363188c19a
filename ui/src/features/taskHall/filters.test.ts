import { describe, expect, it } from 'vitest';
import type { TaskQuery } from '../../bindings';
import { EMPTY_FILTERS, isNarrowed, toTaskFilter } from './filters';
import { pageQuery } from './queries';

describe('filters → TaskQuery', () => {
  it('sends nulls and empty lists when nothing is set', () => {
    const q: TaskQuery = pageQuery(toTaskFilter(EMPTY_FILTERS), 0);
    expect(q).toEqual({
      search: null,
      categories: [],
      industries: [],
      content_forms: [],
      reward_min: null,
      reward_max: null,
      deadline_within_days: null,
      eligible_only: false,
      sort: 'newest',
      offset: 0,
      limit: 100,
    });
  });

  it('carries every filter, with reward bounds as decimal strings', () => {
    const q = pageQuery(
      toTaskFilter({
        search: '  面霜 ',
        categories: ['recruitment', 'preferred'],
        industries: ['美妆护肤'],
        contentForms: ['video', 'live'],
        rewardMin: '500',
        rewardMax: '1288.50',
        deadlineWithinDays: 7,
        eligibleOnly: true,
        sort: 'reward',
      }),
      3,
    );
    expect(q).toEqual({
      search: '面霜',
      categories: ['recruitment', 'preferred'],
      industries: ['美妆护肤'],
      content_forms: ['video', 'live'],
      reward_min: '500',
      reward_max: '1288.50',
      deadline_within_days: 7,
      eligible_only: true,
      sort: 'reward',
      offset: 300,
      limit: 100,
    });
    expect(typeof q.reward_max).toBe('string');
  });

  it('drops a reward bound that is not a valid amount yet', () => {
    const f = toTaskFilter({ ...EMPTY_FILTERS, rewardMin: '12.', rewardMax: 'abc' });
    expect(f.reward_min).toBeNull();
    expect(f.reward_max).toBeNull();
  });

  it('knows when the list is narrowed (sort alone does not narrow)', () => {
    expect(isNarrowed({ ...EMPTY_FILTERS, sort: 'deadline' })).toBe(false);
    expect(isNarrowed({ ...EMPTY_FILTERS, eligibleOnly: true })).toBe(true);
    expect(isNarrowed({ ...EMPTY_FILTERS, search: ' ' })).toBe(false);
  });
});
