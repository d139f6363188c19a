//! Parcels, their events and the samples still to ship, as core sends them on 2026-03-28
//! (China time), typed by the generated bindings. The campaigns are those of
//! `campaignFixtures.ts` (A1 is 珀莱雅双抗精华 30ml 测评).

import type {
  AlertThresholdsView,
  AwaitingShipmentView,
  CarrierOption,
  LogisticsView,
  ParcelDetail,
  ParcelInput,
  ParcelProblem,
  ParcelView,
  ShipmentAlertView,
  ShipmentEventView,
  TrackingSettings,
} from '../bindings';

const alert = (over: Partial<ShipmentAlertView> & Pick<ShipmentAlertView, 'code'>) =>
  ({
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
  }) satisfies ShipmentAlertView;

const base = {
  application_id: null,
  task_title: null,
  brand: null,
  application_status: null,
  leg: 'outbound',
  origin: 'manual',
  phone_required: false,
  phone_known: false,
  shipped_on: null,
  return_due: null,
  state: null,
  state_code: null,
  signed: false,
  is_final: false,
  last_event: null,
  alerts: [],
  last_queried_at: null,
  next_query_at: null,
  last_error: null,
  received: false,
} satisfies Partial<ParcelView>;

export const events: ShipmentEventView[] = [
  {
    time: '2026-03-25 06:12:40',
    text: '【杭州转运中心】已发出，下一站【杭州西湖区文三路营业点】',
    area: '浙江省杭州市',
    state: 'in_transit',
  },
  {
    time: '2026-03-24 21:30:05',
    text: '【广州白云集散中心】已发出，下一站【杭州转运中心】',
    area: '广东省广州市',
    state: 'in_transit',
  },
  {
    time: '2026-03-24 16:02:11',
    text: '顺丰速运已收取快件',
    area: null,
    state: 'picked_up',
  },
];

/** A1's sample, the brand's number from the feed: no scan for over three days. */
export const silent: ParcelView = {
  ...base,
  id: '11',
  application_id: 'A1',
  task_title: '珀莱雅双抗精华 30ml 测评',
  brand: '珀莱雅',
  application_status: 'shipped',
  origin: 'feed',
  carrier: 'shunfeng',
  carrier_name: '顺丰速运',
  tracking_no: 'SF1420123456789',
  phone_required: true,
  phone_known: true,
  shipped_on: '2026-03-08',
  state: 'in_transit',
  state_code: '0',
  last_event: events[0] ?? null,
  alerts: [alert({ code: 'no_new_event', hours: 76, since: '2026-03-25 06:12:40' })],
  last_queried_at: '2026-03-28T01:30:00Z',
  next_query_at: '2026-03-28T02:00:00Z',
};

/** A6's sample, refused at the door: tell the brand (R-REVIEW-16), a drafted message. */
export const refused: ParcelView = {
  ...base,
  id: '12',
  application_id: 'A6',
  task_title: '原神联名键盘测评',
  brand: '米哈游',
  application_status: 'content_submitted',
  origin: 'feed',
  carrier: 'zhongtong',
  carrier_name: '中通快递',
  tracking_no: '78812345678901',
  phone_required: true,
  phone_known: true,
  shipped_on: '2026-03-20',
  state: 'refused',
  state_code: '4',
  is_final: true,
  last_event: {
    time: '2026-03-23 10:20:00',
    text: '快件已被拒收，将退回寄件人',
    area: '浙江省杭州市',
    state: 'refused',
  },
  alerts: [
    alert({
      code: 'refused',
      rule: 'R-REVIEW-16',
      since: '2026-03-23 10:20:00',
      draft:
        '您好！关于「原神联名键盘测评」的测评样品：物流显示样品已拒签（中通快递，单号 78812345678901，2026年3月20日寄出），我没有收到样品。特此及时告知，麻烦您核实处理，谢谢！',
    }),
  ],
  last_queried_at: '2026-03-28T01:00:00Z',
};

/** A8's sample: the brand shipped it 8 days after the client-fault date (R-REVIEW-10) and
 * it came on 2026-03-27, so the content can be ready on 2026-03-30 at the earliest, 5 days
 * after the upload deadline (R-REVIEW-13). */
export const tooLate: ParcelView = {
  ...base,
  id: '16',
  application_id: 'A8',
  task_title: '小熊电炖锅测评',
  brand: '小熊电器',
  application_status: 'shipped',
  origin: 'feed',
  carrier: 'yunda',
  carrier_name: '韵达快递',
  tracking_no: '4312345678901',
  shipped_on: '2026-03-18',
  state: 'delivered',
  state_code: '3',
  signed: true,
  is_final: true,
  last_event: {
    time: '2026-03-27 11:02:00',
    text: '您的快件已签收，签收人：本人',
    area: '浙江省杭州市',
    state: 'delivered',
  },
  alerts: [
    alert({
      code: 'delivered_too_late',
      rule: 'R-REVIEW-13',
      days: 5,
      date: '2026-03-25',
      arrived_on: '2026-03-27',
      ready_on: '2026-03-30',
      since: '2026-03-27 11:02:00',
      draft:
        '您好！关于「小熊电炖锅测评」的测评样品：样品于2026年3月27日签收（韵达快递，单号 4312345678901，2026年3月18日寄出），按通常3天的制作时间，最早2026年3月30日才能完成，晚于上传截止日期2026年3月25日。想申请将上传截止日期延长至2026年3月30日，谢谢！',
    }),
    alert({
      code: 'shipped_late',
      rule: 'R-REVIEW-10',
      days: 8,
      date: '2026-03-10',
      shipped_on: '2026-03-18',
      brand_fault: true,
      since: '2026-03-18 00:00:00',
      draft:
        '您好！关于「小熊电炖锅测评」的测评样品：样品于2026年3月18日寄出（韵达快递，单号 4312345678901），晚于2026年3月10日（上传截止日期2026年3月25日前15天）。按平台规则，此时寄出属于商家原因延误，留给制作的时间不足，想和您商量适当延长上传时间，谢谢！',
    }),
  ],
  last_queried_at: '2026-03-28T00:30:00Z',
};

/** Bought by the creator, delivered a day and a half ago and not confirmed. */
export const delivered: ParcelView = {
  ...base,
  id: '13',
  carrier: 'yuantong',
  carrier_name: '圆通速递',
  tracking_no: 'YT8801234567890',
  state: 'delivered',
  state_code: '3',
  signed: true,
  is_final: true,
  last_event: {
    time: '2026-03-26 18:45:00',
    text: '您的快件已签收，签收人：门卫',
    area: '浙江省杭州市',
    state: 'delivered',
  },
  alerts: [
    alert({
      code: 'delivered_unconfirmed',
      rule: 'R-REVIEW-16',
      hours: 39,
      since: '2026-03-26 18:45:00',
    }),
  ],
  last_queried_at: '2026-03-27T10:00:00Z',
};

/** A1's sample going back to 珀莱雅, due in 2 days and not handed to a carrier yet. */
export const goingBack: ParcelView = {
  ...base,
  id: '14',
  application_id: 'A1',
  task_title: '珀莱雅双抗精华 30ml 测评',
  brand: '珀莱雅',
  application_status: 'shipped',
  leg: 'return',
  carrier: 'jd',
  carrier_name: '京东物流',
  tracking_no: 'JDVA01234567890',
  return_due: '2026-03-30',
  alerts: [alert({ code: 'return_due', rule: 'R-REVIEW-13', days: 2, date: '2026-03-30' })],
};

/** 顺丰 without the receiver's phone digits: kuaidi100 refused it (408). */
export const noPhone: ParcelView = {
  ...base,
  id: '15',
  carrier: 'shunfeng',
  carrier_name: '顺丰速运',
  tracking_no: 'SF1399988877766',
  phone_required: true,
  last_queried_at: '2026-03-28T00:40:00Z',
  next_query_at: '2026-03-28T06:40:00Z',
  last_error: {
    code: '408',
    message:
      "the tracking service answered 408: the phone number check failed (顺丰 and 中通 need the last 4 digits of the receiver's phone)",
  },
};

export const parcels: ParcelView[] = [refused, tooLate, silent, delivered, goingBack, noPhone];

/** Selected for 网易严选乳胶枕测评; the brand is 8 days past its ship-by date and past
 * the client-fault date: the delay is its fault (R-REVIEW-10). */
export const awaiting: AwaitingShipmentView = {
  application_id: 'A7',
  task_title: '网易严选乳胶枕测评',
  brand: '网易严选',
  ship_by: '2026-03-20',
  late_shipping_after: '2026-03-25',
  alerts: [
    alert({
      code: 'not_shipped',
      rule: 'R-REVIEW-10',
      days: 8,
      date: '2026-03-20',
      brand_fault: true,
      since: '2026-03-21 00:00:00',
      draft:
        '您好！关于「网易严选乳胶枕测评」的测评样品：约定 2026年3月20日前寄出，目前还没有收到发货信息。按平台规则，现在寄出属于商家原因延误，麻烦尽快安排寄出，谢谢！',
    }),
  ],
};

export const trackingSandbox: TrackingSettings = {
  configured: false,
  customer: null,
  url: null,
  using_sandbox: true,
};

export const trackingNone: TrackingSettings = { ...trackingSandbox, using_sandbox: false };

export const trackingSet: TrackingSettings = {
  configured: true,
  customer: 'A1B2C3D4E5F6',
  url: null,
  using_sandbox: false,
};

export const view: LogisticsView = {
  parcels,
  awaiting: [awaiting],
  tracking: trackingSandbox,
};

export const detailOf = (p: ParcelView): ParcelDetail => ({
  parcel: p,
  events: p.id === silent.id ? events : p.last_event === null ? [] : [p.last_event],
});

export const carriers: CarrierOption[] = [
  { code: 'shunfeng', name: '顺丰速运', phone_required: true },
  { code: 'jd', name: '京东物流', phone_required: false },
  { code: 'yuantong', name: '圆通速递', phone_required: false },
  { code: 'jtexpress', name: '极兔速递', phone_required: false },
  { code: 'ems', name: 'EMS', phone_required: false },
  { code: 'shentong', name: '申通快递', phone_required: false },
  { code: 'zhongtong', name: '中通快递', phone_required: true },
  { code: 'yunda', name: '韵达快递', phone_required: false },
  { code: 'youzhengguonei', name: '邮政快递包裹', phone_required: false },
  { code: 'shunfengkuaiyun', name: '顺丰快运', phone_required: true },
];

export const thresholdDefaults: AlertThresholdsView = {
  awaiting_pickup_hours: 48,
  in_transit_silence_hours: 72,
  pickup_point_hours: 24,
  unconfirmed_delivery_hours: 24,
  production_days: 3,
  return_due_warning_days: 3,
};

/**
 * The number shapes of stardesk-domain's carrier `guess` (`logistics/carrier.rs`), upper
 * case, each with its carrier, in that table's order. The table is already best first (a
 * letter prefix, then a digit prefix with a length, then a length only; among equals, the
 * table's order), so the first shape a number fits is core's best guess: 中通 for 12 or
 * 14 digits, 韵达 for 13 of no known prefix. A number fitting none has no guess.
 */
const SHAPES: readonly (readonly [carrier: string, shape: RegExp])[] = [
  ['shunfeng', /^SF\d{12,13}$/],
  ['jd', /^JD[XVK][A-Z0-9]{9,17}$/],
  ['yuantong', /^YT\d{13}$/],
  ['jtexpress', /^JT\d{12,13}$/],
  ['ems', /^[A-Z]{2}\d{9}[A-Z]{2}$/],
  ['ems', /^(10|11|50|51|95|97|98|99)\d{11}$/],
  ['shentong', /^(77|88|99)\d{13}$/],
  ['shentong', /^(55|66)\d{11}$/],
  ['zhongtong', /^(75|73|78)\d{10,12}$/],
  ['yunda', /^(43|46|31)(\d{11}|\d{13})$/],
  ['yunda', /^(\d{13}|\d{15})$/],
  ['zhongtong', /^\d{12,14}$/],
  ['shentong', /^\d{15}$/],
];

/** Core's best guess of the carrier of a number (upper case), or null. */
function bestGuess(number: string): string | null {
  return SHAPES.find(([, shape]) => shape.test(number))?.[0] ?? null;
}

/** A `YYYY-MM-DD` that is a day of the calendar. */
function isDay(s: string): boolean {
  const day = new Date(`${s}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(s)
  );
}

/**
 * Core's `check_parcel` (stardesk-core's `logistics/input.rs`), its rules mirrored: every
 * problem at once, in core's order. `store` is what core would find: the parcels tracked
 * and the applications that exist (every fixture application's address has a phone);
 * `id` is the parcel being corrected, whose own number is no conflict and whose phone
 * digits, when it keeps some (`phone_known`), still count.
 */
export function checkParcel(
  input: ParcelInput,
  id: string | null,
  store: { parcels: readonly ParcelView[]; applications: readonly string[] },
): ParcelProblem[] {
  const problems: ParcelProblem[] = [];
  const add = (field: ParcelProblem['field'], problem: ParcelProblem['problem']) =>
    problems.push({ field, problem });
  // The number as tracked: trimmed, upper case, letters and digits only, at most 32.
  const raw = input.tracking_no.trim().toUpperCase();
  let number: string | null = null;
  if (raw === '') add('tracking_no', 'required');
  else if (raw.length > 32 || !/^[A-Z0-9]+$/.test(raw)) add('tracking_no', 'invalid');
  else number = raw;
  // The carrier given, or (none given) the best guess from the number, when it is one.
  const given = input.carrier.trim().toLowerCase();
  let carrier: string | null = null;
  if (given !== '') {
    if (/^[a-z0-9]+$/.test(given)) carrier = given;
    else add('carrier', 'invalid');
  } else if (number !== null) {
    carrier = bestGuess(number);
    if (carrier === null) add('carrier', 'unknown_carrier');
  }
  // A phone given: digits only (spaces aside), at least the last 4. One that is not gives
  // no digits.
  const phone = (input.phone ?? '').trim();
  let phoneGiven = false;
  if (phone !== '') {
    const digits = phone.replace(/\D/g, '');
    phoneGiven = digits.length >= 4 && digits.length === phone.replace(/\s/g, '').length;
    if (!phoneGiven) add('phone', 'invalid');
  }
  const due = (input.return_due ?? '').trim();
  if (due === '') {
    if (input.leg === 'return') add('return_due', 'required');
  } else if (!isDay(due)) {
    add('return_due', 'invalid');
  }
  const app = (input.application_id ?? '').trim();
  const appFound = app !== '' && store.applications.includes(app);
  if (app !== '' && !appFound) add('application', 'not_found');
  // 顺丰 and 中通 need the receiver's last 4 digits: given now, kept on the parcel being
  // corrected, or from the application's address.
  const needsPhone = carriers.find((c) => c.code === carrier)?.phone_required ?? false;
  const kept = id !== null && store.parcels.some((p) => p.id === id && p.phone_known);
  if (needsPhone && !phoneGiven && !kept && !appFound) add('phone', 'required');
  const other = store.parcels.find((p) => p.tracking_no === number);
  if (number !== null && other !== undefined && other.id !== id) {
    add('tracking_no', 'already_tracked');
  }
  return problems;
}
