import { describe, expect, it } from 'vitest';
import {
  PARCEL_FIELDS,
  PARCEL_PROBLEMS,
  type ParcelInput,
  type ParcelProblem,
} from '../../bindings';
import i18n from '../../i18n';
import * as cmp from '../../test/campaignFixtures';
import * as fx from '../../test/logisticsFixtures';
import { problemsByField, problemText } from './parcelProblems';

const zh = () => i18n.getFixedT('zh-CN');
const en = () => i18n.getFixedT('en');

// 中通, of no campaign: the receiver's digits are given, but where a case is about them.
const input = (over: Partial<ParcelInput> = {}): ParcelInput => ({
  application_id: null,
  leg: 'outbound',
  carrier: 'zhongtong',
  tracking_no: '78812345678909',
  phone: '5678',
  return_due: null,
  ...over,
});

const store = { parcels: fx.parcels, applications: cmp.applications.map((a) => a.id) };
const check = (over: Partial<ParcelInput> = {}, id: string | null = null) =>
  fx.checkParcel(input(over), id, store).map((p) => `${p.field} ${p.problem}`);

describe('the parcel form’s problems', () => {
  it('are worded from the field and the problem code, in both languages', () => {
    const p = (field: ParcelProblem['field'], problem: ParcelProblem['problem']) => ({
      field,
      problem,
    });
    expect(problemText(zh(), p('tracking_no', 'invalid'))).toBe(
      '单号只能包含字母和数字，最多 32 位',
    );
    expect(problemText(en(), p('tracking_no', 'invalid'))).toBe(
      'Letters and digits only, at most 32',
    );
    expect(problemText(zh(), p('tracking_no', 'already_tracked'))).toBe('这个单号已经在跟踪');
    expect(problemText(en(), p('tracking_no', 'already_tracked'))).toBe(
      'This number is already tracked',
    );
    expect(problemText(zh(), p('carrier', 'unknown_carrier'))).toBe('认不出快递公司，请选择');
    expect(problemText(en(), p('carrier', 'unknown_carrier'))).toBe(
      'Can’t tell the carrier from the number — choose it',
    );
    expect(problemText(zh(), p('phone', 'invalid'))).toBe('手机号请填写完整号码或后四位');
    expect(problemText(zh(), p('phone', 'required'))).toBe('顺丰、中通查询需要收件人手机号后四位');
    expect(problemText(en(), p('phone', 'required'))).toBe(
      "SF and ZTO need the last 4 digits of the receiver's phone",
    );
    expect(problemText(zh(), p('return_due', 'required'))).toBe('寄回需要填写截止日期');
    expect(problemText(zh(), p('application', 'not_found'))).toBe('所属合作不存在');
    // A pair core may one day name without words of its own: the problem's words.
    expect(problemText(zh(), p('carrier', 'required'))).toBe('必填');
    expect(problemText(en(), p('application', 'already_tracked'))).toBe('Already tracked');
  });

  it('every field and problem core can name has words, never a key', () => {
    for (const field of PARCEL_FIELDS) {
      for (const problem of PARCEL_PROBLEMS) {
        for (const t of [zh(), en()]) {
          expect(problemText(t, { field, problem })).not.toMatch(/form\.|anyField/);
        }
      }
    }
  });

  it('shows core’s first problem of each field', () => {
    expect(
      problemsByField([
        { field: 'tracking_no', problem: 'invalid' },
        { field: 'phone', problem: 'invalid' },
        { field: 'tracking_no', problem: 'already_tracked' },
      ]),
    ).toEqual({
      tracking_no: { field: 'tracking_no', problem: 'invalid' },
      phone: { field: 'phone', problem: 'invalid' },
    });
    expect(problemsByField([])).toEqual({});
  });
});

describe('the tests’ check_parcel, as core’s', () => {
  it('finds every problem at once, in core’s order (core’s own case)', () => {
    expect(
      check({
        application_id: 'no-such-application',
        leg: 'return',
        carrier: '',
        tracking_no: 'SF-12',
        phone: '12',
      }),
    ).toEqual([
      'tracking_no invalid',
      'phone invalid',
      'return_due required',
      'application not_found',
    ]);
  });

  it('number: required, letters and digits up to 32 (trimmed, any case)', () => {
    expect(check()).toEqual([]);
    expect(check({ tracking_no: '  ' })).toEqual(['tracking_no required']);
    expect(check({ tracking_no: '9'.repeat(33) })).toEqual(['tracking_no invalid']);
    expect(check({ tracking_no: ' sf1234567890123 ' })).toEqual([]);
  });

  it('carrier: the guess from the number when none is given', () => {
    expect(check({ carrier: '', tracking_no: 'SF1234567890123' })).toEqual([]);
    expect(check({ carrier: '', tracking_no: 'ABC' })).toEqual(['carrier unknown_carrier']);
    // No number, no guess to miss.
    expect(check({ carrier: '', tracking_no: '' })).toEqual(['tracking_no required']);
    expect(check({ carrier: 'shun-feng' })).toEqual(['carrier invalid']);
  });

  it('phone: when given, digits only (spaces aside), at least 4', () => {
    // 圆通 needs no phone: only the shape is judged.
    const yt = (phone: string | null) => check({ carrier: 'yuantong', phone });
    expect(yt('138 1234 5678')).toEqual([]);
    expect(yt('5678')).toEqual([]);
    expect(yt('  ')).toEqual([]);
    expect(yt(null)).toEqual([]);
    expect(yt('123')).toEqual(['phone invalid']);
    expect(yt('12a4')).toEqual(['phone invalid']);
    expect(yt('138-1234-5678')).toEqual(['phone invalid']);
  });

  it('phone: 顺丰 and 中通 need the digits, given, kept, or from the campaign’s address', () => {
    // Core's own case: 顺丰 of no campaign and no phone.
    expect(check({ carrier: 'shunfeng', tracking_no: 'SF1234567890999', phone: null })).toEqual([
      'phone required',
    ]);
    expect(check({ phone: null })).toEqual(['phone required']);
    expect(check({ phone: '  ' })).toEqual(['phone required']);
    expect(check({ carrier: 'shunfengkuaiyun', phone: null })).toEqual(['phone required']);
    // A phone not in shape gives no digits either.
    expect(check({ phone: '123' })).toEqual(['phone invalid', 'phone required']);
    expect(check({ carrier: 'yuantong', phone: null })).toEqual([]);
    // No carrier given: its best guess from the number decides.
    const guessed = (tracking_no: string) => check({ carrier: '', tracking_no, phone: null });
    expect(guessed('SF1234567890123')).toEqual(['phone required']);
    expect(guessed('78812345678909')).toEqual(['phone required']);
    // 14 digits: 中通 by their length; 13 are 韵达's first, 中通's only second.
    expect(guessed('12345678901234')).toEqual(['phone required']);
    expect(guessed('1234567890123')).toEqual([]);
    expect(guessed('YT1234567890123')).toEqual([]);
    // The campaign's address gives them; a campaign that does not exist gives none.
    expect(check({ application_id: 'A1', phone: null })).toEqual([]);
    expect(check({ application_id: 'no-such-application', phone: null })).toEqual([
      'application not_found',
      'phone required',
    ]);
    // The parcel corrected keeps its own (中通 12 does; 顺丰 15 has none).
    expect(check({ tracking_no: fx.refused.tracking_no, phone: null }, fx.refused.id)).toEqual([]);
    const noPhone = { carrier: 'shunfeng', tracking_no: fx.noPhone.tracking_no, phone: null };
    expect(check(noPhone, fx.noPhone.id)).toEqual(['phone required']);
    // Another parcel's digits are not this one's: after the campaign, before the number.
    expect(
      check({
        application_id: 'no-such-application',
        tracking_no: fx.refused.tracking_no,
        phone: null,
      }),
    ).toEqual(['application not_found', 'phone required', 'tracking_no already_tracked']);
  });

  it('a return needs its date; a date must be one', () => {
    expect(check({ leg: 'return' })).toEqual(['return_due required']);
    expect(check({ leg: 'return', return_due: '2026-04-02' })).toEqual([]);
    expect(check({ return_due: '2026-02-30' })).toEqual(['return_due invalid']);
  });

  it('a number already tracked, unless it is the parcel corrected', () => {
    expect(check({ tracking_no: 'yt8801234567890' })).toEqual(['tracking_no already_tracked']);
    expect(check({ tracking_no: 'YT8801234567890' }, fx.delivered.id)).toEqual([]);
    expect(check({ application_id: 'A1' })).toEqual([]);
  });
});
