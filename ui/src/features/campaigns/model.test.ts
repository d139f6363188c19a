import { describe, expect, it } from 'vitest';
import type { TimelineStep } from '../../bindings';
import i18n from '../../i18n';
import * as fx from '../../test/campaignFixtures';
import { agendaDays, dayLabel } from './agenda';
import { carrierName } from './carriers';
import { chinaToday } from './dates';
import { problemText, refusalText } from './outboxText';
import { GROUP_OF, groupCounts, inGroup, STATUS_GROUPS } from './statusGroups';
import { countdown, daysLeftText, faults, faultText, latePromise, stepDate } from './timeline';

const zh = i18n.getFixedT('zh-CN', 'campaigns');
const en = i18n.getFixedT('en', 'campaigns');

const stepOf = (key: TimelineStep['key'], steps = fx.shipped.timeline) => {
  const s = steps.find((x) => x.key === key);
  if (!s) throw new Error(`no ${key}`);
  return s;
};

describe('status groups', () => {
  it('every status is in exactly one group, and the counts add up', () => {
    expect(groupCounts(fx.applications)).toEqual({
      all: 6,
      pending: 1,
      active: 2,
      done: 1,
      closed: 2,
    });
    const counts = groupCounts(fx.applications);
    expect(counts.pending + counts.active + counts.done + counts.closed).toBe(counts.all);
    // 'all' is a filter, never a status's group.
    expect(new Set(Object.values(GROUP_OF))).toEqual(new Set(STATUS_GROUPS.slice(1)));
  });

  it('groups the statuses a creator thinks in', () => {
    expect(GROUP_OF.submitted).toBe('pending');
    expect(GROUP_OF.content_rejected).toBe('active');
    expect(GROUP_OF.published).toBe('active');
    expect(GROUP_OF.reward_listed).toBe('done');
    expect(GROUP_OF.failed).toBe('closed');
    expect(GROUP_OF.not_selected).toBe('closed');
    expect(inGroup('all', 'withdrawn')).toBe(true);
    expect(inGroup('active', 'withdrawn')).toBe(false);
  });
});

describe('timeline words', () => {
  it('the next date counts down; today is due today; a missed one says how overdue', () => {
    expect(countdown(zh, stepOf('upload_by'))).toBe('还剩 3 天');
    expect(countdown(en, stepOf('upload_by'))).toBe('3 days left');
    expect(countdown(zh, stepOf('selection_by', fx.submitted.timeline))).toBe('今天截止');
    expect(countdown(en, stepOf('selection_by', fx.submitted.timeline))).toBe('due today');
    expect(countdown(zh, stepOf('upload_by', fx.failed.timeline))).toBe('已逾期 2 天');
    expect(countdown(en, stepOf('upload_by', fx.failed.timeline))).toBe('2 days overdue');
    expect(daysLeftText(en, 1)).toBe('1 day left');
    expect(daysLeftText(en, -1)).toBe('1 day overdue');
    // Done and later dates have no countdown.
    expect(countdown(zh, stepOf('ship_by'))).toBeNull();
    expect(countdown(zh, stepOf('cooperation_ends'))).toBeNull();
  });

  it('a date not known yet says why', () => {
    expect(stepDate(zh, stepOf('retain_until'))).toBe('发布后确定');
    expect(stepDate(zh, stepOf('reward_publicity_ends', fx.submitted.timeline))).toBe('—');
    expect(stepDate(zh, stepOf('upload_by'))).toBe('2026-03-31');
  });

  it('who was late, once per party, with the rule (R-REVIEW-10, R-REVIEW-13)', () => {
    // Shipped 03-08, after the promised 03-05 but not after 03-16 (upload deadline − 15).
    expect(faults(fx.shipped.timeline)).toEqual([
      { party: 'brand', rule: 'R-REVIEW-10', key: 'ship_by', missed: false },
    ]);
    expect(faults(fx.failed.timeline)).toEqual([
      { party: 'creator', rule: 'R-REVIEW-13', key: 'upload_by', missed: true },
    ]);
    expect(faults(fx.submitted.timeline)).toEqual([]);
    // Shipped after 03-16 too: R-REVIEW-10's fault proper is the one said.
    const pastFifteen = fx.shipped.timeline.map((s) =>
      s.key === 'late_shipping_after' ? { ...s, late: 'brand' as const } : s,
    );
    expect(faults(pastFifteen)).toEqual([
      { party: 'brand', rule: 'R-REVIEW-10', key: 'late_shipping_after', missed: false },
    ]);
  });

  it('a brand shipping after its promised day is not told it may cancel; past the 15 days, the consequences are its (R-REVIEW-10)', () => {
    const promised = {
      party: 'brand' as const,
      rule: 'R-REVIEW-10',
      key: 'ship_by' as const,
      missed: false,
    };
    expect(faultText(zh, promised)).toBe(
      '品牌方晚于约定的寄样日期发货（R-REVIEW-10）：如果因此来不及按时上传，可以向品牌方申请延期。',
    );
    const late = { ...promised, key: 'late_shipping_after' as const };
    expect(faultText(zh, late)).toContain('由此造成的不利后果由品牌方承担');
    expect(faultText(en, late)).toContain('the brand bears its consequences');
    // Not shipped at all yet: it says so, not that the brand shipped.
    expect(faultText(zh, { ...promised, missed: true })).toBe(
      '品牌方已过约定的寄样日期仍未发货（R-REVIEW-10）：如果因此来不及按时上传，可以向品牌方申请延期。',
    );
    expect(faultText(zh, { ...late, missed: true })).toContain('到上传截止日前 15 天仍未寄样');
    expect(faultText(en, { ...late, missed: true })).toContain('had not shipped');
    for (const text of [faultText(zh, promised), faultText(zh, late), faultText(en, late)]) {
      expect(text).not.toMatch(/取消|cancel/);
    }
  });

  it('a promised ship-by day past the upload deadline − 15 is said before the sample comes (R-REVIEW-10)', () => {
    // Promised 04-05, in time before 04-15: nothing to say.
    expect(latePromise(fx.submitted.timeline)).toBeNull();
    const promisedLate = fx.submitted.timeline.map((s) =>
      s.key === 'ship_by' ? { ...s, date: '2026-04-20', days_left: 23 } : s,
    );
    const promise = latePromise(promisedLate);
    expect(promise).toEqual({ shipBy: '2026-04-20', lateAfter: '2026-04-15', rule: 'R-REVIEW-10' });
    expect(zh('timeline.latePromise', { ...promise })).toBe(
      '品牌方约定 2026-04-20 前寄样，晚于上传截止日前 15 天（2026-04-15）：样品在 2026-04-15 之后寄出的，延误责任在品牌方（R-REVIEW-10），可以向品牌方申请延期。',
    );
    expect(en('timeline.latePromise', { ...promise })).toContain("is the brand's delay");
    // Shipped (done) or already late (a fault says so): not said again.
    const shipped = promisedLate.map((s) =>
      s.key === 'ship_by' ? { ...s, state: 'done' as const } : s,
    );
    expect(latePromise(shipped)).toBeNull();
    const missed = promisedLate.map((s) =>
      s.key === 'late_shipping_after'
        ? { ...s, state: 'missed' as const, late: 'brand' as const }
        : s,
    );
    expect(latePromise(missed)).toBeNull();
  });

  it('today is the China calendar day', () => {
    // 2026-03-27 20:00 UTC is already the 28th in China.
    expect(chinaToday(new Date('2026-03-27T20:00:00Z'))).toBe('2026-03-28');
    expect(chinaToday(new Date('2026-03-27T15:59:00Z'))).toBe('2026-03-27');
  });
});

describe('agenda and outbox words', () => {
  it('groups the agenda by day in order', () => {
    const daysShown = agendaDays(fx.agenda);
    expect(daysShown.map((d) => [d.date, d.items.length])).toEqual([
      ['2026-03-28', 2],
      ['2026-03-31', 1],
      ['2026-04-03', 1],
    ]);
    expect(daysShown.map((d) => dayLabel(zh, d.daysLeft))).toEqual(['今天', '3 天后', '6 天后']);
    expect(dayLabel(en, 1)).toBe('Tomorrow');
  });

  it('carriers by name, an unknown code as it came', () => {
    expect(carrierName(zh, 'shunfeng')).toBe('顺丰速运');
    expect(carrierName(en, 'jtexpress')).toBe('J&T Express');
    expect(carrierName(zh, 'annengwuliu')).toBe('annengwuliu');
  });

  it('refusals and field problems in words; unknown codes shown as they came', () => {
    expect(refusalText(zh, fx.full)).toBe('名额已满');
    expect(refusalText(zh, { ...fx.full, refusal_code: 'blacklisted' })).toBe(
      '平台拒绝了这个申请（blacklisted）',
    );
    expect(fx.refused.problems.map((p) => problemText(zh, p))).toEqual([
      '详细地址：太短',
      '合作优势：太短',
    ]);
    expect(
      problemText(en, { field: 'address.lat', code: 'out_of_range', message: 'too far north' }),
    ).toBe('address.lat: too far north');
  });
});
