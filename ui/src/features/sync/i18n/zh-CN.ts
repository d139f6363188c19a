// The `sync` namespace; zh-CN is the reference, `en.ts` is typed to have exactly its keys.

export const zhCN = {
  done_one: '同步完成：更新 {{count}} 个任务，移除 {{removed}} 个',
  done_other: '同步完成：更新 {{count}} 个任务，移除 {{removed}} 个',
  failed: '同步失败：{{text}}',
  lastSynced: '上次同步：{{when}}',
  neverSynced: '从未同步',
  agoNow: '刚刚',
  agoMinutes_one: '{{count}} 分钟前',
  agoMinutes_other: '{{count}} 分钟前',
  agoHours_one: '{{count}} 小时前',
  agoHours_other: '{{count}} 小时前',
  agoDays_one: '{{count}} 天前',
  agoDays_other: '{{count}} 天前',
  sync: '同步',
  syncing: '同步中…',
  indexing: '正在建立搜索索引…',
  syncProgress: '已同步 {{applied}} / {{total}}',
  banner: {
    offline: '无法连接平台，正在显示上次同步的数据（离线）',
    signIn: '平台登录已失效，请在设置中重新填写访问令牌',
    openSettings: '打开设置',
    other: '上次同步失败：{{text}}（错误码 {{code}}）',
  },
};

export type SyncMessages = typeof zhCN;
