import { describe, expect, it } from 'vitest';
import type { FieldProblem } from '../../bindings';
import { regions } from '../../test/profileFixtures';
import { addressInputOf, formValuesOf, shownProblems } from './addressForm';
import { customLead, sameLeads, withLeads } from './leadDays';
import { regionCodeOf, regionIndex, regionPath } from './regionTree';

describe('region tree', () => {
  const index = regionIndex(regions);

  it('is the cascader’s options, province → city → district', () => {
    expect(index.options.map((p) => p.label)).toEqual(['北京市', '浙江省']);
    const zhejiang = index.options[1];
    expect(zhejiang?.children?.map((c) => c.label)).toEqual(['杭州市', '宁波市']);
    expect(zhejiang?.children?.[0]?.children).toEqual([
      { label: '西湖区', value: '330106' },
      { label: '滨江区', value: '330108' },
    ]);
  });

  it('goes from a district code to its path and back', () => {
    expect(regionPath(index, '330108')).toEqual(['330000', '330100', '330108']);
    expect(regionCodeOf(regionPath(index, '330108'))).toBe('330108');
    // A code the tree does not have: nothing picked (core's check then says so).
    expect(regionPath(index, '330199')).toEqual([]);
    expect(regionCodeOf([])).toBe('');
    expect(regionCodeOf(undefined)).toBe('');
  });
});

describe('address form', () => {
  it('sends what the form holds, a missing value as empty', () => {
    const values = formValuesOf(null, regionIndex(regions));
    expect(addressInputOf(null, values)).toEqual({
      id: null,
      label: '',
      contact_name: '',
      phone: '',
      region_code: '',
      detail: '',
      make_default: false,
    });
    expect(
      addressInputOf('4', { phone: '13800001111', region: ['110000', '110100', '110105'] }),
    ).toMatchObject({ id: '4', phone: '13800001111', region_code: '110105', detail: '' });
  });

  it('shows the first problem of each field once the field was left', () => {
    const p = (field: FieldProblem['field'], problem: FieldProblem['problem']): FieldProblem => ({
      field,
      problem,
      min: null,
      max: null,
    });
    const problems = [p('phone', 'empty'), p('phone', 'not_a_mobile'), p('detail', 'empty')];
    expect(shownProblems(problems, new Set(['phone']))).toEqual({ phone: p('phone', 'empty') });
    expect(shownProblems(problems, new Set())).toEqual({});
    // A field this form does not have is never shown beside one.
    expect(shownProblems([p('idea', 'empty')], new Set(['detail']))).toEqual({});
  });
});

describe('lead days', () => {
  it('distinct, longest first', () => {
    expect(withLeads([3, 1, 0], [7, 1])).toEqual([7, 3, 1, 0]);
    expect(sameLeads([0, 3, 1], [3, 1, 0])).toBe(true);
    expect(sameLeads([3, 1], [3, 1, 0])).toBe(false);
  });

  it('a custom lead is a whole number of days from 1 to the maximum', () => {
    expect(customLead(7, 30)).toBe(7);
    expect(customLead('30', 30)).toBe(30);
    expect(customLead('', 30)).toBeNull();
    expect(customLead(0, 30)).toBeNull();
    expect(customLead(31, 30)).toBeNull();
    expect(customLead(2.5, 30)).toBeNull();
  });
});
