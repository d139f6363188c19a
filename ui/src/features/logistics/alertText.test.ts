import { describe, expect, it } from 'vitest';
import { SHIPMENT_ALERTS, type ShipmentAlertView } from '../../bindings';
import i18n from '../../i18n';
import { alertSentence, alertTone, carrierLabel, waitText } from './alertText';

const alert = (over: Partial<ShipmentAlertView> & Pick<ShipmentAlertView, 'code'>) => ({
  rule: null,
  message: 'English sentence for the CLI',
  since: null,
  days: null,
  hours: null,
  date: null,
  shipped_on: null,
  arrived_on: null,
  ready_on: null,
  brand_fault: false,
  draft: null,
  ...over,
});

const zh = () => i18n.getFixedT('zh-CN');
const en = () => i18n.getFixedT('en');

describe('alert sentences', () => {
  it('R-REVIEW-10: the brand did not ship by its date, in both languages', () => {
    const a = alert({ code: 'not_shipped', days: 8, date: '2026-03-20', brand_fault: true });
    expect(alertSentence(zh(), a)).toBe('品牌方没有在 2026-03-20 前寄出样品，已逾期 8 天。');
    expect(alertSentence(en(), a)).toBe(
      'The brand did not ship the sample by 2026-03-20: 8 days overdue.',
    );
    expect(alertSentence(en(), { ...a, days: 1 })).toBe(
      'The brand did not ship the sample by 2026-03-20: 1 day overdue.',
    );
  });

  it('R-REVIEW-10: the brand shipped after the client-fault date, the day it shipped', () => {
    const a = alert({
      code: 'shipped_late',
      days: 8,
      date: '2026-03-10',
      shipped_on: '2026-03-18',
      brand_fault: true,
    });
    expect(alertSentence(zh(), a)).toBe(
      '品牌方 2026-03-18 才寄出样品，比逾期寄样起算日（2026-03-10）晚 8 天，延误责任在品牌方，可以向品牌方申请延期。',
    );
    expect(alertSentence(en(), a)).toBe(
      'The brand shipped the sample on 2026-03-18, 8 days after the late-shipping date (2026-03-10): the delay is the brand’s fault, and you may ask for more time.',
    );
    expect(alertSentence(en(), { ...a, days: 1, shipped_on: '2026-03-11' })).toBe(
      'The brand shipped the sample on 2026-03-11, 1 day after the late-shipping date (2026-03-10): the delay is the brand’s fault, and you may ask for more time.',
    );
    expect(alertTone(a)).toBe('warning');
  });

  it('R-REVIEW-13: a sample too late for the upload deadline, its arrival and ready days', () => {
    const a = alert({
      code: 'delivered_too_late',
      days: 5,
      date: '2026-03-25',
      arrived_on: '2026-03-27',
      ready_on: '2026-03-30',
    });
    expect(alertSentence(zh(), a)).toBe(
      '样品到得太晚：按 2026-03-27 到手、通常的制作时间计算，作品要到 2026-03-30 才能完成，比上传截止日（2026-03-25）晚 5 天，请向品牌方申请延期。',
    );
    expect(alertSentence(en(), a)).toBe(
      'The sample comes too late: counting it in hand on 2026-03-27, the usual production time makes the work ready on 2026-03-30, 5 days after the upload deadline (2026-03-25). Ask the brand for more time.',
    );
    // One still on its way counts from today, the earliest it can arrive.
    expect(
      alertSentence(en(), { ...a, days: 1, arrived_on: '2026-03-23', ready_on: '2026-03-26' }),
    ).toBe(
      'The sample comes too late: counting it in hand on 2026-03-23, the usual production time makes the work ready on 2026-03-26, 1 day after the upload deadline (2026-03-25). Ask the brand for more time.',
    );
    expect(alertTone(a)).toBe('danger');
  });

  it('R-REVIEW-13: a return due in days, today, or overdue', () => {
    const due = (days: number) => alert({ code: 'return_due', days, date: '2026-03-30' });
    expect(alertSentence(zh(), due(2))).toBe('样品需在 2026-03-30 前寄回品牌方，还剩 2 天。');
    expect(alertSentence(zh(), due(0))).toBe('样品需在今天（2026-03-30）寄回品牌方。');
    expect(alertSentence(zh(), due(-3))).toBe('样品应在 2026-03-30 前寄回品牌方，已逾期 3 天。');
    expect(alertSentence(en(), due(-1))).toBe(
      'The sample had to go back to the brand by 2026-03-30: 1 day overdue.',
    );
    expect(alertTone(due(2))).toBe('warning');
    expect(alertTone(due(-3))).toBe('danger');
  });

  it('waits in hours, from two days on in days', () => {
    expect(waitText(zh(), 30)).toBe('30 小时');
    expect(waitText(zh(), 76)).toBe('3 天');
    expect(waitText(en(), 1)).toBe('1 hour');
    expect(alertSentence(zh(), alert({ code: 'no_new_event', hours: 76 }))).toBe(
      '已经 3 天没有新的物流动态。',
    );
    expect(alertSentence(en(), alert({ code: 'delivered_unconfirmed', hours: 39 }))).toMatch(
      /^Delivered per the carrier 39 hours ago: confirm/,
    );
  });

  it('every code has a sentence in both languages, never the English message in zh-CN', () => {
    for (const code of SHIPMENT_ALERTS) {
      const a = alert({
        code,
        days: 2,
        hours: 30,
        date: '2026-03-30',
        shipped_on: '2026-03-27',
        arrived_on: '2026-03-29',
        ready_on: '2026-04-01',
      });
      const text = alertSentence(zh(), a);
      expect(text).not.toBe(i18n.t(`logistics:alertNames.${code}`, { lng: 'zh-CN' }));
      expect(text).not.toContain('English');
      expect(text).not.toMatch(/[A-Za-z]{3,}/);
      expect(text).not.toContain('alerts.');
      expect(alertSentence(en(), a)).not.toContain('alerts.');
    }
  });

  it('an alert without its figures is named, not half-worded', () => {
    expect(alertSentence(zh(), alert({ code: 'shipped_late' }))).toBe('品牌方逾期寄样');
    // A date sentence needs its days too: the shipping day, the arrival and ready days.
    const noShippingDay = alert({ code: 'shipped_late', days: 8, date: '2026-03-10' });
    expect(alertSentence(zh(), noShippingDay)).toBe('品牌方逾期寄样');
    const noReadyDay = alert({
      code: 'delivered_too_late',
      days: 5,
      date: '2026-03-25',
      arrived_on: '2026-03-27',
    });
    expect(alertSentence(en(), noReadyDay)).toBe('Sample too late');
    expect(alertSentence(en(), alert({ code: 'no_new_event' }))).toBe('No tracking update');
  });

  it('carriers by code in the current language, else the name core gave', () => {
    expect(carrierLabel(zh(), 'shunfeng', '顺丰速运')).toBe('顺丰速运');
    expect(carrierLabel(en(), 'shunfeng', '顺丰速运')).toBe('SF Express');
    expect(carrierLabel(en(), 'annengwuliu', '安能物流')).toBe('安能物流');
  });
});
