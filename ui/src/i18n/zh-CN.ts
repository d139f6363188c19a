// The `common` namespace: the app's name, error codes and words every feature uses.
// zh-CN is the reference: `en.ts` is typed to have exactly these keys.

export const zhCN = {
  app: {
    name: '星图达人工作台',
    wordmark: 'StarDesk',
  },
  header: {
    sourceSandbox: '内置沙盒',
    sourcePlatform: '平台账号',
    level: 'LV{{level}}',
    followers: '{{value}} 粉丝',
    noCreator: '未获取达人信息',
    agency: '机构：{{name}}',
    independent: '独立达人',
    settings: '设置',
    langSwitch: 'EN',
    langSwitchLabel: 'Switch to English',
    outboxWaiting_one: '{{count}} 条待发送',
    outboxWaiting_other: '{{count}} 条待发送',
    outboxWaitingHint: '离线时提交的申请会在联网后自动发送，只发送一次',
  },
  fatal: {
    title: '无法打开工作台',
  },
  retry: '重试',
  cancel: '取消',
  save: '保存',
  copy: {
    button: '复制',
    done: '已复制到剪贴板',
    failed: '复制失败，请手动选中文本复制',
  },
  errors: {
    permission_denied: '只能读取在对话框中选择或拖入窗口的文件',
    platform_unreachable: '无法连接平台',
    sign_in_required: '需要重新登录平台',
    platform_protocol: '平台返回了无法识别的数据',
    invalid_input: '输入无效',
    not_found: '未找到',
    key_unavailable: '无法读取数据库密钥',
    store_incompatible: '本地数据库由更新版本的应用创建，或密钥不匹配',
    store_failed: '本地数据库出错',
    busy: '正在同步，请稍候',
    refused: '平台拒绝了这个操作',
    internal: '应用内部错误',
  },
  errorDetail: '{{text}}：{{message}}',
  jobFailed: '后台任务“{{job}}”失败：{{text}}',
  jobs: {
    sync: '同步任务大厅',
    outbox: '发送待发申请',
    reminders: '合作日程提醒',
  },
  reminder: {
    title: '合作日程提醒',
    today: '「{{task}}」{{what}}：今天（{{date}}）',
    ahead_one: '「{{task}}」{{what}}：还剩 {{count}} 天（{{date}}）',
    ahead_other: '「{{task}}」{{what}}：还剩 {{count}} 天（{{date}}）',
    caughtUpTitle_one: '应用关闭期间有 {{count}} 条提醒',
    caughtUpTitle_other: '应用关闭期间有 {{count}} 条提醒',
    more_one: '……另有 {{count}} 条，见「我的合作」',
    more_other: '……另有 {{count}} 条，见「我的合作」',
  },
  timelineKeys: {
    selection_by: '品牌方选择截止',
    ship_by: '样品寄出截止',
    late_shipping_after: '逾期寄样起算',
    upload_by: '作品上传截止',
    cooperation_ends: '合作期结束',
    reward_publicity_ends: '奖励公示结束',
    retain_until: '作品保留至',
  },
};

export type CommonMessages = typeof zhCN;
