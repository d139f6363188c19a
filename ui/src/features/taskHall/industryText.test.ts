import { afterEach, describe, expect, it } from 'vitest';
import i18n, { type TFor } from '../../i18n';
import { industryText, platformIndustry } from './industryText';

const tIn = (lang: 'zh-CN' | 'en') => i18n.getFixedT(lang, 'taskHall') as TFor<'taskHall'>;

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('platformIndustry', () => {
  it('finds the platform industry an English name stands for, whatever its case', () => {
    expect(platformIndustry(tIn('en'), ' beauty ')).toBe('美妆');
    expect(platformIndustry(tIn('en'), 'FOOD & DRINK')).toBe('食品饮料');
    expect(platformIndustry(tIn('en'), 'beau')).toBeNull();
    expect(platformIndustry(tIn('en'), '面霜')).toBeNull();
    expect(platformIndustry(tIn('en'), '')).toBeNull();
    // In Chinese the names are the platform's own: nothing to change.
    expect(platformIndustry(tIn('zh-CN'), '美妆')).toBeNull();
  });
});

describe('industryText', () => {
  it("names the platform's industries in English", () => {
    expect(industryText(tIn('en'), '美妆')).toBe('Beauty');
    expect(industryText(tIn('en'), '3C数码')).toBe('Electronics');
    expect(industryText(tIn('en'), '食品饮料')).toBe('Food & drink');
  });

  it('keeps them as sent in Chinese', () => {
    expect(industryText(tIn('zh-CN'), '美妆')).toBe('美妆');
    expect(industryText(tIn('zh-CN'), '3C数码')).toBe('3C数码');
  });

  it('shows an industry it has no name for as the platform sent it, in either language', () => {
    expect(industryText(tIn('en'), '低空经济')).toBe('低空经济');
    expect(industryText(tIn('zh-CN'), '低空经济')).toBe('低空经济');
    // Not a key path, nor an inherited property of the table.
    expect(industryText(tIn('en'), 'constructor')).toBe('constructor');
    expect(industryText(tIn('en'), '')).toBe('');
  });

  it('has an English name, and no empty one, for every industry zh-CN lists', () => {
    const zh: Record<string, string> = tIn('zh-CN')('industryName', { returnObjects: true });
    expect(Object.keys(zh).length).toBeGreaterThanOrEqual(24);
    for (const name of Object.keys(zh)) {
      expect(zh[name]).toBe(name);
      const english = industryText(tIn('en'), name);
      expect(english).not.toBe(name);
      expect(english).toMatch(/^[A-Za-z][A-Za-z &é]*$/);
    }
  });
});
