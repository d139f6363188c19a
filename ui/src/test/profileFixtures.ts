//! The address book, snippets and reminder settings as core sends them, typed by the
//! generated bindings.

import type {
  AddressInput,
  AddressView,
  ProvinceView,
  ReminderSettings,
  SnippetView,
} from '../bindings';

/** A corner of the GB/T 2260 tree: enough to pick from and to search. */
export const regions: ProvinceView[] = [
  {
    code: '110000',
    name: '北京市',
    cities: [
      {
        code: '110100',
        name: '市辖区',
        districts: [
          { code: '110105', name: '朝阳区' },
          { code: '110108', name: '海淀区' },
        ],
      },
    ],
  },
  {
    code: '330000',
    name: '浙江省',
    cities: [
      {
        code: '330100',
        name: '杭州市',
        districts: [
          { code: '330106', name: '西湖区' },
          { code: '330108', name: '滨江区' },
        ],
      },
      { code: '330200', name: '宁波市', districts: [{ code: '330212', name: '鄞州区' }] },
    ],
  },
];

export const homeAddress: AddressView = {
  id: '1',
  label: '家',
  contact_name: '陆小鹿',
  phone_masked: '138****5678',
  region_code: '330106',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  is_default: true,
  updated_at: '2026-02-01T08:00:00Z',
};

export const officeAddress: AddressView = {
  id: '2',
  label: '公司',
  contact_name: '陆小鹿',
  phone_masked: '139****4321',
  region_code: '110105',
  province: '北京市',
  city: '市辖区',
  district: '朝阳区',
  is_default: false,
  updated_at: '2026-02-03T08:00:00Z',
};

/** The office address in full, as `address("2")` returns it for the edit dialog. */
export const officeFull: AddressInput = {
  id: '2',
  label: '公司',
  contact_name: '陆小鹿',
  phone: '13912344321',
  region_code: '110105',
  detail: '建国路 88 号 SOHO 现代城 A 座 1203',
  make_default: false,
};

export const strengthsSnippet: SnippetView = {
  id: '11',
  kind: 'strengths',
  title: '美妆方向',
  body: '近 30 天 12 条护肤测评，平均播放 8.6 万，粉丝以 18–30 岁女性为主。',
  last_used_at: null,
};

export const ideaSnippet: SnippetView = {
  id: '12',
  kind: 'idea',
  title: '七天对比',
  body: '早晚各用一次，连续七天同一光线下拍摄对比，最后一条视频做总结。',
  last_used_at: '2026-02-10T12:00:00Z',
};

export const reminderDefaults: ReminderSettings = { lead_days: [3, 1, 0], max_lead_days: 30 };
