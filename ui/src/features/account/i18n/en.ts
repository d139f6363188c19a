import type { AccountMessages } from './zh-CN';

export const en: AccountMessages = {
  title: 'Settings',
  tab: 'Account',
  source: 'Data source',
  sandbox: 'Built-in sandbox',
  sandboxHint: 'Uses the sandbox platform built into the app, for trying StarDesk out.',
  platform: 'Platform account',
  url: 'Platform URL',
  urlPlaceholder: 'https://',
  token: 'Access token',
  tokenPlaceholder: 'Paste your platform access token',
  tokenHint: 'The token is kept in the system keychain only, never in the database.',
  tokenKeepHint: 'Connected to {{url}}; enter the token again to change it.',
  required: 'Enter the platform URL and the access token',
  invalidInput: 'The platform URL or the access token is not valid',
  failed: 'Could not save: {{text}} (error code {{code}})',
  saved: 'Settings saved',
  storage: 'Local storage',
  dataDir: 'Data directory',
  keyStore: 'Database key',
  keychain: 'System keychain',
  keyFile: 'Protected key file',
  keyFileWarning:
    'The system keychain is unavailable: the database key is kept in a protected key file.',
};
