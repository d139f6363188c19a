import { describe, expect, it } from 'vitest';
import type { RequirementView } from '../../bindings';
import i18n from '../../i18n';
import * as fx from '../../test/rightsFixtures';
import { clockText, secondsUntil } from './countdown';
import {
  benefitName,
  codeOf,
  daysBetween,
  expiryText,
  formatChange,
  formatIndex,
  monthDay,
  requirementPercent,
  requirementValue,
  rightsSubjectText,
  trendOf,
} from './rightsText';

const req = (over: Partial<RequirementView>): RequirementView => ({
  level: 3,
  item: 'followers',
  have: 32_000,
  op: '>',
  need: 300_000,
  met: false,
  ...over,
});

describe('a requirement against its threshold (R-LEVEL-2)', () => {
  it('have / op need, grouped; a yes/no item is ✓ or ✗', () => {
    expect(requirementValue(req({}))).toBe('32,000 / > 300,000');
    expect(
      requirementValue(req({ item: 'posts_30d', op: '>=', have: 8, need: 8, met: true })),
    ).toBe('8 / ≥ 8');
    const profile = req({ item: 'profile_complete', op: 'is', have: 0, need: 1 });
    expect(requirementValue(profile)).toBe('✗');
    expect(requirementValue({ ...profile, have: 1, met: true })).toBe('✓');
  });

  it('how far along: capped at 100, never full while not met', () => {
    expect(requirementPercent(req({}))).toBe(10);
    // "> 10,000" with exactly 10,000 is not there yet.
    expect(requirementPercent(req({ have: 10_000, need: 10_000 }))).toBe(99);
    expect(requirementPercent(req({ have: 900_000, met: true }))).toBe(100);
    expect(requirementPercent(req({ item: 'profile_complete', op: 'is', need: 1, have: 0 }))).toBe(
      0,
    );
  });
});

describe('benefits', () => {
  const t = i18n.getFixedT('zh-CN', 'rights');
  const en = i18n.getFixedT('en', 'rights');

  it('a kind by its code in the current language; `other` by the platform’s name', () => {
    expect(benefitName(t, fx.cardA)).toBe('投稿任务收益保底卡');
    expect(benefitName(en, fx.cardA)).toBe('Submission guarantee card');
    const other = { ...fx.cardA, kind: 'other' as const, kind_name: '学院直播课席位' };
    expect(benefitName(en, other)).toBe('学院直播课席位');
  });

  it('a rights date (reminders, the agenda) named by its subject, its value as money', () => {
    const anyT = i18n.getFixedT('en');
    const card = {
      subject: 'benefit',
      kind: 'guarantee_card',
      kind_name: '投稿任务收益保底卡',
      value: '5000.00',
      claimed: false,
    } as const;
    expect(rightsSubjectText(anyT, card, '投稿任务收益保底卡 ¥5000.00')).toBe(
      'Submission guarantee card ¥5,000.00 (still to claim)',
    );
    expect(rightsSubjectText(anyT, { ...card, value: null, claimed: true }, '')).toBe(
      'Submission guarantee card (claimed, not used yet)',
    );
    expect(rightsSubjectText(i18n.getFixedT('zh-CN'), { ...card, claimed: true }, '')).toBe(
      '投稿任务收益保底卡 ¥5,000.00（已领取，未使用）',
    );
    // A kind this version does not know: the platform's name; without one, "other".
    expect(
      rightsSubjectText(anyT, { ...card, kind: 'other', kind_name: '学院直播课席位' }, ''),
    ).toBe('学院直播课席位 ¥5,000.00 (still to claim)');
    expect(
      rightsSubjectText(anyT, { ...card, kind: 'other', kind_name: '', value: null }, ''),
    ).toBe(`${en('kinds.other')} (still to claim)`);
    expect(rightsSubjectText(anyT, { subject: 'level', level: 2, posts_needed: 1 }, '')).toBe(
      'LV2 (1 more video to post)',
    );
    // No subject (an older core's notice): core's Chinese name as it came.
    expect(rightsSubjectText(anyT, null, 'LV2 等级：2026-03-28 前再发 1 条作品')).toBe(
      'LV2 等级：2026-03-28 前再发 1 条作品',
    );
  });

  it('expiry: days left, today, none, or the day', () => {
    expect(expiryText(t, fx.cardA)).toBe('还剩 4 天');
    expect(expiryText(en, { ...fx.cardA, days_left: 1 })).toBe('1 day left');
    expect(expiryText(t, { ...fx.cardA, days_left: 0 })).toBe('今天到期');
    expect(expiryText(t, { ...fx.cardA, expires_on: null, days_left: null })).toBe('长期有效');
    expect(expiryText(t, { ...fx.cardA, days_left: null })).toBe('2026-04-01 到期');
  });
});

describe('codes, days, index changes, the countdown', () => {
  it('a string code core sends: known, or null', () => {
    expect(codeOf(['monthly_gmv', 'high_level_creators'], 'monthly_gmv')).toBe('monthly_gmv');
    expect(codeOf(['monthly_gmv'], 'brand_new')).toBeNull();
    expect(codeOf(['monthly_gmv'], null)).toBeNull();
  });

  it('China calendar days', () => {
    expect(monthDay('2026-03-31')).toBe('03-31');
    expect(daysBetween('2026-03-28', '2026-03-31')).toBe(3);
    expect(daysBetween('2026-03-28', '2026-03-28')).toBe(0);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });

  it('a change with its sign and trend, float noise ignored', () => {
    expect(formatChange(0.4)).toBe('+0.40');
    expect(formatChange(-1.25)).toBe('-1.25');
    expect(formatChange(0.0000001)).toBe('0.00');
    expect(formatIndex(62.8)).toBe('62.80');
    expect(formatIndex(83.555)).toBe('83.56');
    expect(formatIndex(-0.001)).toBe('0.00');
    expect(trendOf(0.30000000000000004)).toBe('up');
    expect(trendOf(-0.2)).toBe('down');
    expect(trendOf(0.001)).toBe('flat');
  });

  it('seconds to an instant on the local clock, never below 0; mm:ss', () => {
    const now = Date.parse(fx.NOW);
    expect(secondsUntil(fx.dispatch.respond_by ?? '', now)).toBe(3000);
    expect(secondsUntil(fx.dispatch.respond_by ?? '', now + 3_600_000)).toBe(0);
    expect(secondsUntil('soon', now)).toBeNull();
    expect(clockText(3000)).toBe('50:00');
    expect(clockText(599)).toBe('09:59');
    expect(clockText(3725)).toBe('1:02:05');
  });
});
