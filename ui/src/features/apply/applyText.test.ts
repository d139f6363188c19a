import { describe, expect, it } from 'vitest';
import type { OutboxItemView } from '../../bindings';
import i18n from '../../i18n';
import { netScenarios, rankDetail, tiersDetail } from '../../test/fixtures';
import { netText, refusalText, warningText } from './applyText';

const tFor = (lang: 'zh-CN' | 'en') => ({
  t: i18n.getFixedT(lang, 'apply'),
  tHall: i18n.getFixedT(lang, 'taskHall'),
});

const refused: OutboxItemView = {
  id: '7',
  task_id: '1',
  task_title: '',
  brand: '',
  created_at: '2026-02-12T08:00:00Z',
  state: 'refused',
  attempts: 1,
  next_attempt_at: null,
  last_error: { code: 'refused', message: 'slots_full: no slot left' },
  refusal_code: 'slots_full',
  problems: [],
  application_id: null,
  shipping: { contact_name: '', phone_masked: '', province: '', city: '', district: '' },
};

describe('the form in words', () => {
  it('R-REVIEW-11: not eligible names the failed check with the creator’s numbers', () => {
    const { t, tHall } = tFor('en');
    const warning = { code: 'not_eligible', check: 'review_follower_range' } as const;
    expect(warningText(warning, rankDetail.eligibility, t, tHall, 'en')).toBe(
      'You do not meet a requirement: R-REVIEW-11 Creators without an agency need 10K–500K followers; you have 8.6K',
    );
  });

  it('a check the detail does not carry is still named, from its code alone', () => {
    const { t, tHall } = tFor('zh-CN');
    const warning = { code: 'not_eligible', check: 'agency_deposit' } as const;
    expect(warningText(warning, tiersDetail.eligibility, t, tHall, 'zh-CN')).toBe(
      '你不满足报名条件：所属机构曾被扣除保证金，不能接好物测评任务',
    );
    expect(
      warningText(
        { code: 'window_closed', check: null },
        tiersDetail.eligibility,
        t,
        tHall,
        'zh-CN',
      ),
    ).toBe('现在不在报名时间内，平台可能会拒绝这次申请。');
  });

  it("a refusal: the platform's code in words, then the fields it named; never its message", () => {
    const { t } = tFor('zh-CN');
    expect(refusalText(refused, t)).toBe('名额已满');
    expect(
      refusalText(
        {
          ...refused,
          refusal_code: 'invalid',
          problems: [
            { field: 'idea', code: 'too_short', message: 'idea: at least 10 chars' },
            { field: 'wechat', code: 'empty', message: 'wechat required' },
          ],
        },
        t,
      ),
    ).toBe('申请内容不符合要求（创作思路、wechat）');
    expect(refusalText({ ...refused, refusal_code: 'blacklisted' }, t)).toBe(
      '原因代码 blacklisted',
    );
    expect(refusalText({ ...refused, refusal_code: null }, t)).toBe('平台拒绝了这个操作');
  });

  it('R-PREF-3: the take-home line is the creator’s own case on the highest reward', () => {
    const { t } = tFor('zh-CN');
    expect(netText(netScenarios, t)).toBe(
      '按最高报酬 ¥1,000.00 计，扣除平台服务费 5%后到手 ¥950.00',
    );
    const agency = netScenarios.map((s) => ({
      ...s,
      applies: s.creator === 'agency' && s.order === 'ordinary',
    }));
    expect(netText(agency, t)).toBe('按最高报酬 ¥1,000.00 计，不扣服务费，到手 ¥1,000.00');
    expect(netText([], t)).toBe('这个任务没有现金报酬，不涉及服务费。');
    expect(netText(netScenarios, tFor('en').t)).toBe(
      'On the highest reward of ¥1,000.00, after deducting Platform service fee (5%) you take home ¥950.00',
    );
  });
});
