import { describe, expect, it } from 'vitest';
import i18n from '.';

describe('English counts take the singular at one', () => {
  // Keys of several namespaces, checked by the strings they give.
  type Plain = (key: string, options: Record<string, unknown>) => string;
  const en = i18n.getFixedT('en') as unknown as Plain;
  const zh = i18n.getFixedT('zh-CN') as unknown as Plain;

  it('sync, import, slots, posts and characters', () => {
    expect(en('sync:done', { count: 1, removed: 0 })).toBe(
      'Sync finished: 1 task updated, 0 removed',
    );
    expect(en('sync:done', { count: 2, removed: 1 })).toBe(
      'Sync finished: 2 tasks updated, 1 removed',
    );
    expect(
      en('settlements:importFileSummary', { file: 'a.csv', count: 1, added: 1, already: 0 }),
    ).toBe('a.csv: 1 row read, 1 new, 0 already imported');
    expect(
      en('taskHall:checks.slots_left', { count: 1, left: '1', taken: '13', wanted: '14' }),
    ).toBe('1 slot left (13/14 taken)');
    expect(en('rights:forecast.posts', { count: 1, level: 2, floor: 8 })).toBe(
      '1 post in the last 30 days; LV2 needs at least 8',
    );
    expect(en('profile:snippets.tooShort', { count: 1 })).toBe(
      '1 more character needed for the application form.',
    );
    expect(en('profile:snippets.tooLong', { count: 3 })).toBe(
      '3 characters over the application form’s limit.',
    );
  });

  it('Chinese reads the same at one and at many', () => {
    expect(zh('sync:done', { count: 1, removed: 0 })).toBe('同步完成：更新 1 个任务，移除 0 个');
    expect(
      zh('settlements:importFileSummary', { file: 'a.csv', count: 2, added: 2, already: 0 }),
    ).toBe('a.csv：2 行，新增 2 行，0 行已导入过');
  });
});
