//! The rights center as core sends it at 10:00 China time on 2026-03-28 ([`NOW`]), typed by
//! the generated bindings: an LV2 creator with 32,000 followers whose 8 posts in 30 days
//! are exactly LV2's floor (one leaves the window on 03-31), two guarantee cards expiring
//! in 4 days, 5 of this period's 8 extra dispatches sent, 9 of 11 inquiries accepted and a
//! dispatch that arrived 10 minutes ago.

import type {
  AgencyView,
  AgendaItem,
  BenefitsView,
  BenefitView,
  InvitationsView,
  InvitationView,
  JoiningInput,
  JoiningView,
  LevelItemCode,
  LevelMetrics,
  LevelReportView,
  RequirementView,
  RightsView,
  StarIndexPoint,
  StarIndexView,
} from '../bindings';

/** The instant every fixture is as of: 2026-03-28 10:00 in China. */
export const NOW = '2026-03-28T02:00:00Z';
export const TODAY = '2026-03-28';

export const metrics: LevelMetrics = {
  followers: 32_000,
  courses_completed: 6,
  posts_30d: 8,
  avg_valid_plays: 10_800,
  likes: 8_600,
  orders: 0,
  credit_score: 82,
  profile_complete: true,
  submission_tasks_joined: 3,
};

type Threshold = [LevelItemCode, '>=' | '>' | 'is', number];

/** R-LEVEL-2's table, read as DOMAIN.md says (cumulative levels, "is" for yes/no). */
const TABLE: Record<1 | 2 | 3 | 4, Threshold[]> = {
  1: [
    ['courses_completed', '>=', 3],
    ['posts_30d', '>=', 5],
    ['profile_complete', 'is', 1],
  ],
  2: [
    ['courses_completed', '>=', 5],
    ['posts_30d', '>=', 8],
    ['avg_valid_plays', '>', 10_000],
    ['submission_tasks_joined', '>=', 1],
  ],
  3: [
    ['courses_completed', '>=', 8],
    ['posts_30d', '>=', 20],
    ['avg_valid_plays', '>', 50_000],
    ['orders', '>=', 1],
    ['followers', '>', 300_000],
    ['likes', '>', 10_000],
    ['credit_score', '>=', 50],
  ],
  4: [
    ['courses_completed', '>=', 10],
    ['posts_30d', '>=', 30],
    ['avg_valid_plays', '>', 100_000],
    ['orders', '>=', 3],
    ['followers', '>', 500_000],
    ['likes', '>', 30_000],
    ['credit_score', '>=', 75],
  ],
};

/** Every requirement of every level against `m`, and the level they give: what core's
 * `plan_level` answers (the test double of the domain's evaluation). */
export function report(m: LevelMetrics): LevelReportView {
  const requirements: RequirementView[] = ([1, 2, 3, 4] as const).flatMap((level) =>
    TABLE[level].map(([item, op, need]) => {
      const have = item === 'profile_complete' ? (m.profile_complete ? 1 : 0) : m[item];
      const met = op === '>' ? have > need : have >= need;
      return { level, item, have, op, need, met };
    }),
  );
  let level = 0;
  while (level < 4 && requirements.filter((r) => r.level === level + 1).every((r) => r.met)) {
    level += 1;
  }
  const next = level < 4 ? level + 1 : null;
  return {
    level,
    next_level: next,
    requirements,
    missing: requirements.filter((r) => r.level === next && !r.met),
  };
}

export const level = report(metrics);

const requirement = (lv: number, item: LevelItemCode): RequirementView => {
  const r = level.requirements.find((x) => x.level === lv && x.item === item);
  if (r === undefined) throw new Error(`no LV${lv} ${item}`);
  return r;
};

export const rightsView: RightsView = {
  synced_at: '2026-03-28T01:30:00Z',
  as_of: '2026-03-27',
  metrics,
  level,
  forecast: {
    level: 2,
    posts_floor: 8,
    posts_today: 8,
    drops_on: '2026-03-31',
    posts_needed: 1,
    // 10,800 plays is within 10% of LV2's 10,000.
    near: [requirement(2, 'avg_valid_plays')],
    failing: [],
  },
  reward: {
    cycle_months: 3,
    months: [
      { month: '2026-01', orders: 1, avg_valid_plays_video: 11_200, avg_valid_plays_live: 0 },
      { month: '2026-02', orders: 0, avg_valid_plays_video: 9_800, avg_valid_plays_live: 0 },
      { month: '2026-03', orders: 1, avg_valid_plays_video: 12_100, avg_valid_plays_live: 3_200 },
    ],
    avg_orders: '0.67',
    avg_plays_video: '11033.33',
    avg_plays_live: '1066.67',
    better: 'short_video',
    bars: [
      {
        level: 1,
        orders_per_month: 1,
        plays_above: 5_000,
        orders_met: false,
        plays_met: true,
        met: false,
      },
      {
        level: 2,
        orders_per_month: 1,
        plays_above: 20_000,
        orders_met: false,
        plays_met: false,
        met: false,
      },
      {
        level: 3,
        orders_per_month: 2,
        plays_above: 80_000,
        orders_met: false,
        plays_met: false,
        met: false,
      },
      {
        level: 4,
        orders_per_month: 2,
        plays_above: 150_000,
        orders_met: false,
        plays_met: false,
        met: false,
      },
    ],
  },
  // R-LEVEL-4: LV2 has the featured case.
  featured_case_allowed: true,
  featured_case: null,
};

/** Before the first sync: empty metrics, LV0. */
export const rightsNeverSynced: RightsView = {
  ...rightsView,
  synced_at: null,
  as_of: null,
  level: report({
    followers: 0,
    courses_completed: 0,
    posts_30d: 0,
    avg_valid_plays: 0,
    likes: 0,
    orders: 0,
    credit_score: 0,
    profile_complete: false,
    submission_tasks_joined: 0,
  }),
  forecast: {
    level: 0,
    posts_floor: null,
    posts_today: 0,
    drops_on: null,
    posts_needed: null,
    near: [],
    failing: [],
  },
};

const benefit = (over: Partial<BenefitView> & Pick<BenefitView, 'id' | 'kind'>): BenefitView => ({
  kind_name: '',
  level: 2,
  value: null,
  claimable: false,
  issued_on: '2026-03-01',
  expires_on: null,
  days_left: null,
  status: 'available',
  send_state: null,
  send_error: null,
  send_refusal: null,
  ...over,
});

/** A submission-task guarantee card (R-LEVEL-6): ¥50, 180 days, expiring on 04-01. */
export const cardA = benefit({
  id: 'b-201',
  kind: 'guarantee_card',
  kind_name: '投稿任务收益保底卡',
  value: '50.00',
  claimable: true,
  issued_on: '2025-10-03',
  expires_on: '2026-04-01',
  days_left: 4,
});
export const cardB: BenefitView = { ...cardA, id: 'b-202' };

export const benefitsView: BenefitsView = {
  items: [
    cardA,
    cardB,
    benefit({
      id: 'b-210',
      kind: 'stars_plan_priority',
      kind_name: '繁星计划优先',
      claimable: true,
      expires_on: '2026-06-30',
      days_left: 94,
    }),
    // As the platform reports a card it dispatches itself (R-LEVEL-5): claimed from issue.
    benefit({ id: 'b-101', kind: 'identity_tag', kind_name: '身份标识', status: 'claimed' }),
    benefit({ id: 'b-102', kind: 'diamond_booth', kind_name: '钻石展位', value: '5000.00' }),
    benefit({
      id: 'b-103',
      kind: 'other',
      kind_name: '学院直播课席位',
      claimable: true,
      status: 'claimed',
      expires_on: '2026-05-01',
      days_left: 34,
    }),
    benefit({
      id: 'b-050',
      kind: 'guarantee_card',
      kind_name: '投稿任务收益保底卡',
      value: '50.00',
      claimable: true,
      issued_on: '2025-09-01',
      expires_on: '2026-02-28',
      status: 'used',
    }),
    benefit({
      id: 'b-051',
      kind: 'guarantee_card',
      kind_name: '投稿任务收益保底卡',
      value: '50.00',
      claimable: true,
      issued_on: '2025-08-01',
      expires_on: '2026-01-28',
      status: 'expired',
    }),
  ],
  dispatches: [
    {
      starts_on: '2026-01-15',
      ends_on: '2026-02-13',
      promised: 8,
      sent: 8,
      owed: 0,
      dou_plus: 0,
      current: false,
    },
    {
      starts_on: '2026-02-14',
      ends_on: '2026-03-15',
      promised: 8,
      sent: 7,
      owed: 1,
      dou_plus: 20,
      current: false,
    },
    {
      starts_on: '2026-03-16',
      ends_on: '2026-04-14',
      promised: 8,
      sent: 5,
      owed: null,
      dou_plus: null,
      current: true,
    },
  ],
  dou_plus_owed: 20,
};

/** Core's answer to a claim: queued, not confirmed yet. */
export function claimed(id: string): BenefitView {
  const b = benefitsView.items.find((x) => x.id === id) ?? cardA;
  return { ...b, send_state: 'waiting' };
}

/** Independent (no agency): 15% technical + 5% platform fee (R-PREF-3). */
const net = (price: string, technical: string, platform: string, rest: string) => ({
  price,
  technical_fee: technical,
  platform_fee: platform,
  net: rest,
});

/** Arrived 10 minutes ago: 50 minutes left of its hour (R-PREF-4). */
export const dispatch: InvitationView = {
  id: 'inv-31',
  kind: 'dispatch',
  task_title: '双抗精华 2.0 种草视频',
  brand: '珀莱雅',
  received_at: '2026-03-28T01:50:00Z',
  respond_by: '2026-03-28T02:50:00Z',
  seconds_left: 3000,
  status: 'pending',
  net: net('2000.00', '300.00', '100.00', '1600.00'),
  answer: null,
  send_state: null,
  send_error: null,
  send_refusal: null,
};

export const inquiry: InvitationView = {
  id: 'inv-30',
  kind: 'inquiry',
  task_title: '空气炸锅 4L 测评',
  brand: '小熊电器',
  received_at: '2026-03-27T09:00:00Z',
  respond_by: null,
  seconds_left: null,
  status: 'pending',
  net: net('800.00', '120.00', '40.00', '640.00'),
  answer: null,
  send_state: null,
  send_error: null,
  send_refusal: null,
};

export const invitationsView: InvitationsView = {
  items: [
    {
      ...dispatch,
      id: 'inv-28',
      task_title: '扫地机器人开箱',
      brand: '追觅',
      received_at: '2026-03-20T06:00:00Z',
      respond_by: '2026-03-20T07:00:00Z',
      seconds_left: null,
      status: 'accepted',
    },
    inquiry,
    dispatch,
    {
      ...inquiry,
      id: 'inv-25',
      task_title: '防晒喷雾种草',
      brand: '安热沙',
      received_at: '2026-03-18T03:00:00Z',
      status: 'declined',
    },
  ],
  acceptance: {
    accepted: 9,
    total: 11,
    rate: '81.82',
    below_floor: false,
    after_decline: '75.00',
    after_decline_below_floor: true,
    declines_left: 0,
    floor: '80',
  },
  stars_plan: false,
  agency: false,
};

/** Core's answer to an answer: queued. */
export function answered(id: string, accept: boolean): InvitationView {
  const i = invitationsView.items.find((x) => x.id === id) ?? dispatch;
  return { ...i, answer: accept ? 'accept' : 'decline', send_state: 'waiting' };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** 14 days of the star index, 03-15 to 03-28, drifting up with a dip in seeding. */
export const starPoints: StarIndexPoint[] = Array.from({ length: 14 }, (_, i) => ({
  day: `2026-03-${String(15 + i).padStart(2, '0')}`,
  index: round1(78 + i * 0.4),
  reach: round1(80 + i * 0.5),
  cooperation: 90,
  growth: round1(70 + i * 0.3),
  value_for_money: round1(75 + (i % 3) * 0.2),
  seeding: round1(68 - i * 0.2),
}));

function changeOf(points: StarIndexPoint[]): StarIndexPoint | null {
  const last = points.at(-1);
  const before = points.at(-2);
  if (last === undefined || before === undefined) return null;
  const d = (a: number, b: number) => round1(a - b);
  return {
    day: last.day,
    index: d(last.index, before.index),
    reach: d(last.reach, before.reach),
    cooperation: d(last.cooperation, before.cooperation),
    growth: d(last.growth, before.growth),
    value_for_money: d(last.value_for_money, before.value_for_money),
    seeding: d(last.seeding, before.seeding),
  };
}

export const starIndexView: StarIndexView = {
  days: 90,
  points: starPoints,
  change: changeOf(starPoints),
};

export const agencies: AgencyView[] = [
  {
    id: 'ag-1',
    name: '星河传媒',
    level: 4,
    channel: 'high_level_creators',
    rated_on: '2026-03-03',
    creators: 128,
    founded_on: '2019-05-20',
    next_rating_on: '2026-04-03',
  },
  {
    id: 'ag-2',
    name: '青橙文化',
    level: 2,
    channel: 'monthly_gmv',
    rated_on: '2026-03-03',
    creators: 23,
    founded_on: '2023-11-02',
    next_rating_on: '2026-04-03',
  },
  {
    id: 'ag-3',
    name: '新芽 MCN',
    level: null,
    channel: null,
    rated_on: null,
    creators: 6,
    founded_on: '2026-02-10',
    next_rating_on: '2026-04-03',
  },
];

/** R-JOIN-1 as core answers it: 100,000 on the main platform or 50,000 elsewhere; applied
 * on Saturday 2026-03-28, the 3rd working day after is Wednesday 04-01. */
export function joining(input: JoiningInput): JoiningView {
  const can = input.main_followers >= 100_000 || input.other_platform_followers >= 50_000;
  return {
    can_open: can,
    main_threshold: 100_000,
    other_threshold: 50_000,
    applied_on: input.applied_on ?? TODAY,
    opens_by: can ? '2026-04-01' : null,
    working_days: 3,
    uncovered_year: null,
  };
}

/** The agenda's rights dates: a card's expiry, the day the level would drop. */
export const rightsAgenda: AgendaItem[] = [
  {
    feature: 'rights',
    date: '2026-03-31',
    days_left: 3,
    key: 'level_drops',
    rule: 'R-LEVEL-1',
    state: 'later',
    late: null,
    application_id: 'level',
    task_id: '',
    task_title: '达人等级 LV2',
    brand: '',
    status: null,
    rights: { subject: 'level', level: 2, posts_needed: 3 },
  },
  {
    feature: 'rights',
    date: '2026-04-01',
    days_left: 4,
    key: 'benefit_expires',
    rule: 'R-LEVEL-6',
    state: 'later',
    late: null,
    application_id: 'benefit:b-201',
    task_id: '',
    task_title: '投稿任务收益保底卡',
    brand: '',
    status: null,
    rights: {
      subject: 'benefit',
      kind: 'guarantee_card',
      kind_name: '投稿任务收益保底卡',
      value: '50.00',
      claimed: false,
    },
  },
];
