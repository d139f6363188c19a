//! Realistic IPC payloads, typed by the generated bindings so they break when Rust changes.

import type {
  AppStatus,
  Creator,
  NetScenario,
  TaskDetail,
  TaskPage,
  TaskQuery,
  TaskRow,
} from '../bindings';

export const creator: Creator = {
  creator_id: '7301845512093381634',
  nickname: '小鹿爱测评',
  followers: '268000',
  kind: 'independent',
  agency_name: null,
  level: 2,
};

export const statusSandbox: AppStatus = {
  source: { kind: 'sandbox', url: 'http://127.0.0.1:48123' },
  creator,
  last_synced_at: '2025-03-01T08:30:00Z',
  task_count: 4,
  syncing: false,
  last_error: null,
  data_dir: '/home/lu/.local/share/stardesk',
  key_store: 'keychain',
  outbox_waiting: 0,
};

export const statusNeverSynced: AppStatus = {
  ...statusSandbox,
  last_synced_at: null,
  task_count: 0,
};

/** An assigned (一口价) task with a fixed fee. */
export const fixedRow: TaskRow = {
  id: '9007199254740993001',
  title: '春季新品精华液种草短视频',
  brand: '雅诗兰黛',
  category: 'assigned',
  settlement_mode: null,
  industry: '美妆护肤',
  content_form: 'video',
  reward_kind: 'fixed',
  reward_min: '1288.50',
  reward_max: '1288.50',
  net_max: '1224.07',
  sample_value: null,
  apply_end: '2025-03-20',
  upload_deadline: '2025-04-05',
  slots_wanted: 20,
  slots_taken: 7,
  eligible: true,
};

/** A product-review recruitment paying by valid-play tiers (R-REVIEW-5), sample on top. */
export const tiersRow: TaskRow = {
  id: '9007199254740993002',
  title: '保湿面霜好物测评招募',
  brand: '珀莱雅',
  category: 'recruitment',
  settlement_mode: 'product_review',
  industry: '美妆护肤',
  content_form: 'video',
  reward_kind: 'play_tiers',
  reward_min: '0.00',
  reward_max: '1000.00',
  net_max: '950.00',
  sample_value: '299.00',
  apply_end: '2025-03-15',
  upload_deadline: '2025-04-10',
  slots_wanted: 50,
  slots_taken: 12,
  eligible: true,
};

/** A product-review recruitment paying by rank of valid plays (R-REVIEW-6). */
export const rankRow: TaskRow = {
  ...tiersRow,
  id: '9007199254740993003',
  title: '扫地机器人测评挑战赛',
  brand: '科沃斯',
  industry: '数码家电',
  reward_kind: 'rank',
  reward_min: '0.00',
  reward_max: '2000.00',
  net_max: '1900.00',
  sample_value: '1999.00',
  eligible: false,
};

/** Sample only: no cash at all (R-REVIEW-1). */
export const sampleRow: TaskRow = {
  ...tiersRow,
  id: '9007199254740993004',
  title: '有机燕麦片试吃体验',
  brand: '桂格',
  industry: '食品饮料',
  content_form: 'picture',
  reward_kind: 'sample_only',
  reward_min: null,
  reward_max: null,
  net_max: null,
  sample_value: '299.00',
  slots_wanted: 30,
  slots_taken: 30,
  eligible: false,
};

export const allRows: TaskRow[] = [fixedRow, tiersRow, rankRow, sampleRow];

/** R-PREF-3 on a ¥1,000 reward for an independent creator on an ordinary order. */
export const netScenarios: NetScenario[] = [
  {
    order: 'ordinary',
    creator: 'independent',
    gross: '1000.00',
    fees: [{ kind: 'platform_service', rate_percent: '5', amount: '50.00', rule: 'R-PREF-3' }],
    net: '950.00',
    applies: true,
  },
  {
    order: 'ordinary',
    creator: 'agency',
    gross: '1000.00',
    fees: [],
    net: '1000.00',
    applies: false,
  },
  {
    order: 'preferred',
    creator: 'independent',
    gross: '1000.00',
    fees: [
      { kind: 'preferred_technical', rate_percent: '15', amount: '150.00', rule: 'R-PREF-3' },
      { kind: 'platform_service', rate_percent: '5', amount: '50.00', rule: 'R-PREF-3' },
    ],
    net: '800.00',
    applies: false,
  },
  {
    order: 'preferred',
    creator: 'agency',
    gross: '1000.00',
    fees: [{ kind: 'preferred_technical', rate_percent: '15', amount: '150.00', rule: 'R-PREF-3' }],
    net: '850.00',
    applies: false,
  },
];

export const tiersDetail: TaskDetail = {
  row: tiersRow,
  description: '珀莱雅新品保湿面霜，主打 72 小时长效保湿。',
  requirements: ['视频需挂载商品组件', '时长不少于 30 秒'],
  reward: {
    kind: 'play_tiers',
    tiers: [
      { above: '5000', up_to: '10000', amount: '100.00' },
      { above: '10000', up_to: '100000', amount: '500.00' },
      { above: '100000', up_to: null, amount: '1000.00' },
    ],
  },
  apply_start: '2025-03-01',
  ship_by: '2025-03-18',
  retention_days: 30,
  min_followers: '10000',
  max_followers: '500000',
  updated_at: '2025-03-01T02:00:00Z',
  net: netScenarios,
  eligibility: {
    eligible: true,
    checks: [
      {
        code: 'account_followers',
        ok: true,
        rule: 'R-JOIN-1',
        params: [
          ['required_min', '100000'],
          ['actual', '268000'],
        ],
      },
      {
        code: 'review_follower_range',
        ok: true,
        rule: 'R-REVIEW-11',
        params: [
          ['required_min', '10000'],
          ['required_max', '500000'],
          ['actual', '268000'],
        ],
      },
      {
        code: 'task_followers',
        ok: true,
        rule: null,
        params: [
          ['required_min', '10000'],
          ['required_max', '500000'],
          ['actual', '268000'],
        ],
      },
      {
        code: 'application_window',
        ok: true,
        rule: 'R-REVIEW-2',
        params: [
          ['apply_start', '2025-03-01'],
          ['apply_end', '2025-03-15'],
          ['today', '2025-03-05'],
        ],
      },
    ],
  },
};

export const rankDetail: TaskDetail = {
  ...tiersDetail,
  row: rankRow,
  reward: {
    kind: 'rank',
    prizes: [
      { from: 1, to: 1, amount: '2000.00' },
      { from: 2, to: 3, amount: '500.00' },
      { from: 4, to: 6, amount: '200.00' },
    ],
  },
  eligibility: {
    eligible: false,
    checks: [
      {
        code: 'review_follower_range',
        ok: false,
        rule: 'R-REVIEW-11',
        params: [
          ['required_min', '10000'],
          ['required_max', '500000'],
          ['actual', '8600'],
        ],
      },
      {
        code: 'slots_left',
        ok: false,
        rule: 'R-REVIEW-2',
        params: [
          ['slots_wanted', '50'],
          ['slots_taken', '50'],
          ['slots_left', '0'],
        ],
      },
    ],
  },
};

/** The same task seen by a creator whose MCN once had its deposit deducted (R-REVIEW-11). */
export const agencyDetail: TaskDetail = {
  ...tiersDetail,
  eligibility: {
    eligible: false,
    checks: [
      {
        code: 'agency_deposit',
        ok: false,
        rule: 'R-REVIEW-11',
        params: [['deposit_ever_deducted', 'true']],
      },
      {
        code: 'task_followers',
        ok: false,
        rule: null,
        params: [
          ['required_min', '600000'],
          ['actual', '268000'],
        ],
      },
    ],
  },
};

/** A stand-in for the Rust query: a task hall of `total` generated rows. */
export function pageOf(query: TaskQuery, total: number): TaskPage {
  const end = Math.min(query.offset + query.limit, total);
  const rows: TaskRow[] = [];
  for (let i = query.offset; i < end; i++) {
    rows.push({ ...fixedRow, id: String(1_000_000 + i), title: `任务 #${i}` });
  }
  return { total, offset: query.offset, rows };
}
