//! Applications, the outbox and the agenda as core sends them on 2026-03-28 (China time),
//! typed by the generated bindings.

import type {
  AddressDisclosure,
  AgendaItem,
  ApplicationView,
  OutboxItemView,
  ShippingView,
  TimelineStep,
} from '../bindings';

const step = (
  key: TimelineStep['key'],
  date: string | null,
  state: TimelineStep['state'],
  left: number | null,
  rule: string,
  late: TimelineStep['late'] = null,
): TimelineStep => ({
  key,
  date,
  state,
  late,
  rule,
  days_left: left,
});

export const shipping: ShippingView = {
  contact_name: '陆小鹿',
  phone_masked: '138****5678',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
};

const base = {
  shipping,
  selected_at: null,
  shipment: null,
  delivered_at: null,
  receipt: null,
  content: null,
  published_on: null,
  reward: null,
  can_withdraw: false,
  can_report_receipt: false,
  can_report_content: false,
} satisfies Partial<ApplicationView>;

/** Selected and shipped, the brand late on its own ship-by date; the upload in 3 days. */
export const shipped: ApplicationView = {
  ...base,
  id: 'A1',
  task_id: '7401',
  task_title: '珀莱雅双抗精华 30ml 测评',
  brand: '珀莱雅',
  status: 'shipped',
  applied_at: '2026-02-24T02:00:00Z',
  applied_on: '2026-02-24',
  selected_at: '2026-03-01T04:00:00Z',
  shipment: {
    carrier: 'shunfeng',
    tracking_no: 'SF1420123456789',
    shipped_on: '2026-03-08',
    parcel_id: '11',
    parcel_state: 'in_transit',
    last_event: {
      time: '2026-03-27 14:05:00',
      text: '快件已到达【杭州转运中心】',
      area: '浙江省杭州市',
      state: 'in_transit',
    },
  },
  timeline: [
    step('selection_by', '2026-03-10', 'done', -18, 'R-REVIEW-3'),
    step('ship_by', '2026-03-05', 'done', -23, 'R-REVIEW-10', 'brand'),
    step('late_shipping_after', '2026-03-16', 'done', -12, 'R-REVIEW-10'),
    step('upload_by', '2026-03-31', 'next', 3, 'R-REVIEW-13'),
    step('cooperation_ends', '2026-04-03', 'later', 6, 'R-REVIEW-8'),
    step('reward_publicity_ends', '2026-04-06', 'later', 9, 'R-REVIEW-9'),
    step('retain_until', null, 'not_applicable', null, 'R-REVIEW-15'),
  ],
  can_report_receipt: true,
  can_report_content: true,
};

/** Waiting for the brand, whose 14 days end today; a sample-only task. */
export const submitted: ApplicationView = {
  ...base,
  id: 'A2',
  task_id: '7402',
  task_title: '小米手环 9 NFC 版测评',
  brand: '小米',
  status: 'submitted',
  applied_at: '2026-03-14T03:00:00Z',
  applied_on: '2026-03-14',
  timeline: [
    step('selection_by', '2026-03-28', 'next', 0, 'R-REVIEW-3'),
    step('ship_by', '2026-04-05', 'later', 8, 'R-REVIEW-10'),
    step('late_shipping_after', '2026-04-15', 'later', 18, 'R-REVIEW-10'),
    step('upload_by', '2026-04-30', 'later', 33, 'R-REVIEW-13'),
    step('cooperation_ends', '2026-04-30', 'later', 33, 'R-REVIEW-8'),
    step('reward_publicity_ends', null, 'not_applicable', null, 'R-REVIEW-9'),
    step('retain_until', null, 'not_applicable', null, 'R-REVIEW-15'),
  ],
  can_withdraw: true,
};

/** The work was rejected and the deadline passed 2 days ago: failed, the creator's fault. */
export const failed: ApplicationView = {
  ...base,
  id: 'A3',
  task_id: '7403',
  task_title: '三顿半咖啡礼盒测评',
  brand: '三顿半',
  status: 'failed',
  applied_at: '2026-02-01T02:00:00Z',
  applied_on: '2026-02-01',
  shipment: {
    carrier: 'zhongtong',
    tracking_no: '78812345678901',
    shipped_on: '2026-02-20',
    parcel_id: '12',
    parcel_state: 'delivered',
    last_event: {
      time: '2026-02-22 13:40:00',
      text: '快件已签收，签收人：本人',
      area: '浙江省杭州市',
      state: 'delivered',
    },
  },
  delivered_at: '2026-02-22T06:00:00Z',
  receipt: { received: true, note: null, reported_at: '2026-02-22T08:00:00Z' },
  content: {
    url: 'https://www.douyin.com/video/7480000000000000001',
    submitted_at: '2026-03-20T08:00:00Z',
    review: 'rejected',
    review_reason: '画面中没有出现产品成分表',
  },
  timeline: [
    step('selection_by', '2026-02-15', 'done', -41, 'R-REVIEW-3'),
    step('ship_by', '2026-02-25', 'done', -31, 'R-REVIEW-10'),
    step('late_shipping_after', '2026-03-11', 'done', -17, 'R-REVIEW-10'),
    step('upload_by', '2026-03-26', 'missed', -2, 'R-REVIEW-13', 'creator'),
    step('cooperation_ends', '2026-03-26', 'not_applicable', -2, 'R-REVIEW-8'),
    step('reward_publicity_ends', null, 'not_applicable', null, 'R-REVIEW-9'),
    step('retain_until', null, 'not_applicable', null, 'R-REVIEW-15'),
  ],
};

/** All done: the reward listed and paid. */
export const paid: ApplicationView = {
  ...base,
  id: 'A4',
  task_id: '7404',
  task_title: '戴森吹风机 HD16 测评',
  brand: '戴森',
  status: 'reward_paid',
  applied_at: '2026-01-05T02:00:00Z',
  applied_on: '2026-01-05',
  // Not tracked: the carrier is one StarDesk does not know.
  shipment: {
    carrier: 'annengwuliu',
    tracking_no: 'ANE300012345',
    shipped_on: '2026-01-15',
    parcel_id: null,
    parcel_state: null,
    last_event: null,
  },
  content: {
    url: 'https://www.douyin.com/video/7470000000000000002',
    submitted_at: '2026-02-01T08:00:00Z',
    review: 'approved',
    review_reason: null,
  },
  published_on: '2026-02-01',
  reward: { amount: '1000.00', listed_on: '2026-02-18', paid_on: '2026-02-21' },
  timeline: [],
};

/** Withdrawn before the brand decided. */
export const withdrawn: ApplicationView = {
  ...base,
  id: 'A5',
  task_id: '7405',
  task_title: '',
  brand: '',
  status: 'withdrawn',
  applied_at: '2026-03-02T02:00:00Z',
  applied_on: '2026-03-02',
  timeline: [],
};

/** Selected, the sample delivered; the work in review. */
export const inReview: ApplicationView = {
  ...base,
  id: 'A6',
  task_id: '7406',
  task_title: '原神联名键盘测评',
  brand: '米哈游',
  status: 'content_submitted',
  applied_at: '2026-03-01T02:00:00Z',
  applied_on: '2026-03-01',
  timeline: [],
  can_report_content: true,
};

export const applications: ApplicationView[] = [
  submitted,
  shipped,
  inReview,
  withdrawn,
  failed,
  paid,
];

export const waiting: OutboxItemView = {
  id: '11',
  task_id: '7410',
  task_title: '完美日记小细跟口红测评',
  brand: '完美日记',
  created_at: '2026-03-28T01:00:00Z',
  state: 'waiting',
  attempts: 2,
  next_attempt_at: '2026-03-28T01:05:00Z',
  last_error: { code: 'platform_unreachable', message: 'tcp connect error: refused' },
  refusal_code: null,
  problems: [],
  application_id: null,
  shipping,
};

export const refused: OutboxItemView = {
  ...waiting,
  id: '12',
  task_id: '7411',
  task_title: '花西子散粉测评',
  brand: '花西子',
  state: 'refused',
  attempts: 1,
  next_attempt_at: null,
  last_error: { code: 'refused', message: 'invalid_fields: 2 fields' },
  refusal_code: 'invalid',
  problems: [
    { field: 'address.detail', code: 'too_short', message: 'must be 5 to 100 characters' },
    { field: 'strengths', code: 'too_short', message: 'must be 10 to 500 characters' },
  ],
};

export const full: OutboxItemView = {
  ...refused,
  id: '13',
  task_id: '7412',
  task_title: '添可洗地机测评',
  brand: '添可',
  refusal_code: 'slots_full',
  problems: [],
};

const agendaItem = (
  app: ApplicationView,
  key: AgendaItem['key'],
  date: string,
  left: number,
  rule: string,
): AgendaItem => ({
  feature: 'campaign',
  date,
  days_left: left,
  key,
  rule,
  state: left === 0 ? 'next' : 'later',
  late: null,
  application_id: app.id,
  task_id: app.task_id,
  task_title: app.task_title,
  brand: app.brand,
  status: app.status,
  rights: null,
});

export const agenda: AgendaItem[] = [
  agendaItem(submitted, 'selection_by', '2026-03-28', 0, 'R-REVIEW-3'),
  agendaItem(inReview, 'upload_by', '2026-03-28', 0, 'R-REVIEW-13'),
  agendaItem(shipped, 'upload_by', '2026-03-31', 3, 'R-REVIEW-13'),
  agendaItem(shipped, 'cooperation_ends', '2026-04-03', 6, 'R-REVIEW-8'),
];

/** Who has the address: newest first, as core sorts them. */
export const disclosures: AddressDisclosure[] = [
  {
    application_id: 'A2',
    task_id: '7402',
    task_title: '小米手环 9 NFC 版测评',
    brand: '小米',
    sent_at: '2026-03-14T03:00:00Z',
    status: 'submitted',
    shipping,
  },
  {
    application_id: 'A4',
    task_id: '7404',
    task_title: '戴森吹风机 HD16 测评',
    brand: '戴森',
    sent_at: '2026-01-05T02:00:00Z',
    status: 'reward_paid',
    shipping: {
      ...shipping,
      phone_masked: '139****4321',
      province: '北京市',
      city: '市辖区',
      district: '朝阳区',
    },
  },
];
