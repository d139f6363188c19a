import { describe, expect, it } from 'vitest';
import type { EligibilityCheck } from '../../../bindings';
import i18n from '../../../i18n';
import { checkText } from './checkText';

// The task hall's namespace, in whatever language is current.
const t = i18n.getFixedT(null, 'taskHall');

const review: EligibilityCheck = {
  code: 'review_follower_range',
  ok: true,
  rule: 'R-REVIEW-11',
  params: [
    ['required_min', '10000'],
    ['required_max', '500000'],
    ['actual', '268000'],
  ],
};

describe('eligibility sentences from code + params', () => {
  it('R-REVIEW-11 in zh-CN and en, follower counts in each style', async () => {
    expect(checkText(review, t, 'zh-CN')).toBe('非机构达人需 1万–50万 粉丝，你有 26.8万');
    await i18n.changeLanguage('en');
    expect(checkText(review, t, 'en')).toBe(
      'Creators without an agency need 10K–500K followers; you have 268K',
    );
  });

  it('a count that rounds like the bound it misses is shown in full (R-JOIN-1, R-REVIEW-11)', async () => {
    const account = (actual: string): EligibilityCheck => ({
      code: 'account_followers',
      ok: false,
      rule: 'R-JOIN-1',
      params: [
        ['required_min', '100000'],
        ['actual', actual],
      ],
    });
    // 99,960 is not 10万 though it rounds to it.
    expect(checkText(account('99960'), t, 'zh-CN')).toBe('开通达人账号需 ≥ 10万 粉丝，你有 99,960');
    // Exactly the bound, or well clear of it: rounded as usual.
    expect(checkText(account('100000'), t, 'zh-CN')).toContain('你有 10万');
    expect(checkText(account('91000'), t, 'zh-CN')).toContain('你有 9.1万');
    const over: EligibilityCheck = {
      ...review,
      ok: false,
      params: [
        ['required_min', '10000'],
        ['required_max', '500000'],
        ['actual', '500001'],
      ],
    };
    expect(checkText(over, t, 'zh-CN')).toBe('非机构达人需 1万–50万 粉丝，你有 500,001');
    await i18n.changeLanguage('en');
    const under = { ...over, params: [...over.params.slice(0, 2), ['actual', '9950']] };
    expect(checkText(under as EligibilityCheck, t, 'en')).toBe(
      'Creators without an agency need 10K–500K followers; you have 9,950',
    );
    await i18n.changeLanguage('zh-CN');
  });

  it('a task without a follower floor says so instead of "≥ 0"', () => {
    const check: EligibilityCheck = {
      code: 'task_followers',
      ok: true,
      rule: null,
      params: [
        ['required_min', '0'],
        ['actual', '268000'],
      ],
    };
    expect(checkText(check, t, 'zh-CN')).toBe('任务不限粉丝数，你有 26.8万');
  });

  it('falls back to a plain label when the params are not the expected ones', () => {
    const check: EligibilityCheck = { ...review, params: [['something_else', '1']] };
    expect(checkText(check, t, 'zh-CN')).toBe('好物测评的粉丝要求');
    expect(checkText({ code: 'slots_left', ok: false, rule: null, params: [] }, t, 'zh-CN')).toBe(
      '剩余名额',
    );
  });
});
