import { describe, expect, it } from 'vitest';
import type { FieldProblem, SnippetView } from '../../bindings';
import {
  homeAddress,
  ideaSnippet,
  officeAddress,
  strengthsSnippet,
} from '../../test/profileFixtures';
import {
  applicationInputOf,
  effectiveAddressId,
  initialValues,
  lastUsedSnippet,
  maySend,
  placeProblems,
  rewardMeasure,
} from './applyForm';

const usedStrengths: SnippetView = {
  ...strengthsSnippet,
  id: '21',
  title: '数码方向',
  body: '数码测评两年，拆机视频平均播放 12 万。',
  last_used_at: '2026-02-12T09:00:00+08:00',
};
const olderStrengths: SnippetView = {
  ...usedStrengths,
  id: '22',
  last_used_at: '2026-02-11T23:00:00Z',
};

const problem = (field: FieldProblem['field'], p: FieldProblem['problem']): FieldProblem => ({
  field,
  problem: p,
  min: null,
  max: null,
});

describe('application form model', () => {
  it('R-REVIEW-12: starts from the default address, wherever it is listed', () => {
    const other = { ...homeAddress, id: '9', is_default: false };
    expect(initialValues([other, officeAddress, { ...homeAddress }], []).addressId).toBe('1');
    expect(initialValues([officeAddress], []).addressId).toBe('2');
    expect(initialValues([], []).addressId).toBeNull();
  });

  it('a picked address deleted meanwhile falls back to the default', () => {
    expect(effectiveAddressId('2', [homeAddress, officeAddress])).toBe('2');
    expect(effectiveAddressId('2', [homeAddress])).toBe('1');
    expect(effectiveAddressId(null, [])).toBeNull();
  });

  it('each text starts from the snippet of its kind used last (by instant, not by text)', () => {
    // 09:00+08:00 on the 12th is 01:00Z: later than 23:00Z on the 11th, earlier than
    // 02:00Z on the 12th (which a comparison of the strings would get wrong).
    expect(lastUsedSnippet([olderStrengths, usedStrengths], 'strengths')?.id).toBe('21');
    expect(
      lastUsedSnippet(
        [usedStrengths, { ...olderStrengths, last_used_at: '2026-02-12T02:00:00Z' }],
        'strengths',
      )?.id,
    ).toBe('22');
    // Never used: offered in the picker, not typed in.
    expect(lastUsedSnippet([strengthsSnippet, ideaSnippet], 'strengths')).toBeUndefined();
    const values = initialValues([homeAddress], [strengthsSnippet, usedStrengths, ideaSnippet]);
    expect(values).toEqual({
      addressId: '1',
      strengths: usedStrengths.body,
      idea: ideaSnippet.body,
      snippetIds: { strengths: '21', idea: '12' },
    });
  });

  it('the input names the saved address and the snippets used; no address is an empty one', () => {
    const values = initialValues([homeAddress], [usedStrengths]);
    expect(applicationInputOf('77', values)).toEqual({
      task_id: '77',
      shipping: { kind: 'saved', address_id: '1' },
      strengths: usedStrengths.body,
      idea: '',
      snippet_ids: ['21'],
    });
    expect(applicationInputOf('77', { ...values, addressId: null }).shipping).toEqual({
      kind: 'typed',
      contact_name: '',
      phone: '',
      region_code: '',
      detail: '',
    });
  });

  it("core's problems: each text's first under it; the address's only while one is picked", () => {
    const problems = [
      problem('phone', 'not_a_mobile'),
      problem('strengths', 'too_short'),
      problem('strengths', 'too_long'),
      problem('idea', 'empty'),
    ];
    expect(placeProblems(problems, true)).toEqual({
      shipping: [problems[0]],
      strengths: problems[1],
      idea: problems[3],
    });
    expect(placeProblems(problems, false).shipping).toEqual([]);
  });

  it('sent only with no field problem and not already applied; other warnings do not block', () => {
    const warn = (code: 'slots_full' | 'already_applied') => ({ code, check: null });
    expect(maySend({ problems: [], warnings: [warn('slots_full')] })).toBe(true);
    expect(maySend({ problems: [], warnings: [warn('already_applied')] })).toBe(false);
    expect(maySend({ problems: [problem('idea', 'empty')], warnings: [] })).toBe(false);
  });

  it('the reward preview asks only for whole plays ≥ 0 or a rank ≥ 1', () => {
    expect(rewardMeasure('plays', 0)).toEqual({ by: 'plays', plays: 0 });
    expect(rewardMeasure('plays', 20000)).toEqual({ by: 'plays', plays: 20000 });
    expect(rewardMeasure('plays', -1)).toBeNull();
    expect(rewardMeasure('plays', 1.5)).toBeNull();
    expect(rewardMeasure('rank', 0)).toBeNull();
    expect(rewardMeasure('rank', 3)).toEqual({ by: 'rank', rank: 3 });
    expect(rewardMeasure('rank', null)).toBeNull();
  });
});
