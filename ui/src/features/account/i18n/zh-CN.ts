// The `account` namespace; zh-CN is the reference, `en.ts` is typed to have exactly its keys.

export const zhCN = {
  title: '设置',
  tab: '账号',
  source: '数据来源',
  sandbox: '内置沙盒',
  sandboxHint: '使用应用内置的沙盒平台，适合体验和演示。',
  platform: '平台账号',
  url: '平台地址',
  urlPlaceholder: 'https://',
  token: '访问令牌',
  tokenPlaceholder: '粘贴平台访问令牌',
  tokenHint: '令牌只保存在系统钥匙串中，不会写入数据库。',
  tokenKeepHint: '已连接 {{url}}；要更换令牌请重新填写。',
  required: '请填写平台地址和访问令牌',
  invalidInput: '平台地址或访问令牌格式不正确',
  failed: '保存失败：{{text}}（错误码 {{code}}）',
  saved: '设置已保存',
  storage: '本地存储',
  dataDir: '数据目录',
  keyStore: '数据库密钥',
  keychain: '系统钥匙串',
  keyFile: '受保护的密钥文件',
  keyFileWarning: '系统钥匙串不可用，数据库密钥保存在受保护的密钥文件中。',
};

export type AccountMessages = typeof zhCN;
