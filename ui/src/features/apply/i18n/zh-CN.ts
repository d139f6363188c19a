// The `apply` namespace (the application form of a product-review task, 好物测评); zh-CN is
// the reference, `en.ts` is typed to have exactly its keys. Field names and field problems
// are the profile's (`profile:fields`, `profile:problems`), eligibility sentences the task
// hall's (`checkText`): worded once.

import type { ApplyWarningCode } from '../../../bindings';

export const zhCN = {
  open: '申请',
  title: '申请：{{title}}',
  intro:
    '品牌方会在你申请后 14 天内决定是否选中（R-REVIEW-3）；收货信息只用于寄送这次的样品（R-REVIEW-4）。',
  loadFailed: '无法读取收货地址或常用文案',
  shipping: {
    label: '收货地址',
    placeholder: '选择收货地址',
    isDefault: '默认',
    none: '还没有收货地址，申请测评需要一个。',
    add: '新增地址',
    /** A saved address that core finds fault with: the field, then what is wrong. */
    problem: '{{field}}：{{problem}}',
  },
  pitch: {
    lengthHint: '{{min}}–{{max}} 字',
    snippet: '选用常用文案',
    snippetLabel: '{{kind}}的常用文案',
    noSnippets: '还没有这类常用文案（可在 设置 → 常用文案 中保存）',
  },
  reward: {
    title: '报酬预估',
    plays: '预计有效播放',
    playsPlaceholder: '如 20000',
    rank: '预计有效播放排名',
    rankPlaceholder: '如 3',
    at: '可得 {{amount}}',
    nothing: '未进入任何档位，没有现金报酬',
    fixed: '固定报酬 {{amount}}',
    sampleOnly: '仅提供样品，无现金报酬',
    failed: '无法计算报酬：{{text}}',
  },
  net: {
    fees: '按最高报酬 {{gross}} 计，扣除{{fees}}后到手 {{net}}',
    noFees: '按最高报酬 {{gross}} 计，不扣服务费，到手 {{net}}',
    feeItem: '{{fee}} {{rate}}%',
  },
  warningsTitle: '发送前请注意',
  warnings: {
    window_closed: '现在不在报名时间内，平台可能会拒绝这次申请。',
    slots_full: '名额已满，平台可能会拒绝这次申请。',
    not_eligible: '你不满足报名条件：{{reason}}',
    already_applied: '你已经申请过这个任务（或申请正在等待发送），不能重复申请。',
    unknown_task: '本地没有这个任务（还没同步，或已下架），平台可能会拒绝这次申请。',
  } satisfies Record<ApplyWarningCode, string>,
  notEligiblePlain: '你不满足报名条件。',
  platformDecides: '是否接受由平台决定，你仍然可以发送。',
  /** Between the items of a list in a sentence. */
  listSeparator: '、',
  submit: '提交申请',
  checkFailed: '无法检查申请：{{text}}',
  applyFailed: '提交失败：{{text}}',
  result: {
    waiting: '已加入发送队列，联网后自动发送',
    sent: '已提交',
    refused: '平台拒绝了申请：{{reason}}',
  },
  /** The platform's refusal codes (`OutboxItemView.refusal_code`). */
  refusals: {
    already_applied: '已经申请过这个任务',
    window_closed: '不在报名时间内',
    slots_full: '名额已满',
    not_eligible: '不满足报名条件',
    invalid: '申请内容不符合要求',
    other: '原因代码 {{code}}',
    fields: '{{reason}}（{{fields}}）',
  },
};

export type ApplyMessages = typeof zhCN;
