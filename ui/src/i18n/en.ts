import type { CommonMessages } from './zh-CN';

export const en: CommonMessages = {
  app: {
    name: 'StarDesk',
    wordmark: '星图达人工作台',
  },
  header: {
    sourceSandbox: 'Sandbox',
    sourcePlatform: 'Platform',
    level: 'LV{{level}}',
    followers: '{{value}} followers',
    noCreator: 'No creator profile yet',
    agency: 'Agency: {{name}}',
    independent: 'Independent creator',
    settings: 'Settings',
    langSwitch: '中文',
    langSwitchLabel: '切换到中文',
    outboxWaiting_one: '{{count}} waiting to send',
    outboxWaiting_other: '{{count}} waiting to send',
    outboxWaitingHint: 'Applications made offline are sent once the platform is reachable — exactly once',
  },
  fatal: {
    title: 'StarDesk could not start',
  },
  retry: 'Retry',
  cancel: 'Cancel',
  save: 'Save',
  copy: {
    button: 'Copy',
    done: 'Copied to the clipboard',
    failed: 'Could not copy; select the text and copy it by hand',
  },
  errors: {
    permission_denied: 'Only files picked in the dialog or dropped on the window can be read',
    platform_unreachable: 'The platform cannot be reached',
    sign_in_required: 'Sign in to the platform again',
    platform_protocol: 'The platform sent data StarDesk cannot read',
    invalid_input: 'Invalid input',
    not_found: 'Not found',
    key_unavailable: 'The database key is unavailable',
    store_incompatible:
      'The local database was made by a newer StarDesk, or the key does not match',
    store_failed: 'The local database failed',
    busy: 'A sync is already running',
    refused: 'The platform refused it',
    internal: 'Internal error',
  },
  errorDetail: '{{text}}: {{message}}',
  jobFailed: 'Background job "{{job}}" failed: {{text}}',
  jobs: {
    sync: 'Task hall sync',
    outbox: 'Sending queued applications',
    reminders: 'Campaign reminders',
  },
};
