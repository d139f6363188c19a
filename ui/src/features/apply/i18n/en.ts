import type { ApplyMessages } from './zh-CN';

export const en: ApplyMessages = {
  open: 'Apply',
  title: 'Apply: {{title}}',
  intro:
    'The brand decides within 14 days of your application (R-REVIEW-3); your contact and address are for shipping this sample only (R-REVIEW-4).',
  loadFailed: 'Could not read your addresses or snippets',
  shipping: {
    label: 'Shipping address',
    placeholder: 'Choose an address',
    isDefault: 'Default',
    none: 'No address saved yet; applying needs one.',
    add: 'New address',
    problem: '{{field}}: {{problem}}',
  },
  pitch: {
    lengthHint: '{{min}}–{{max}} characters',
    snippet: 'Use a snippet',
    snippetLabel: 'Snippets for {{kind}}',
    noSnippets: 'No snippet of this kind yet (save some in Settings → Snippets)',
  },
  reward: {
    title: 'Reward estimate',
    plays: 'Expected valid plays',
    playsPlaceholder: 'e.g. 20000',
    rank: 'Expected rank by valid plays',
    rankPlaceholder: 'e.g. 3',
    at: 'You would get {{amount}}',
    nothing: 'Below every tier: no cash reward',
    fixed: 'Fixed reward {{amount}}',
    sampleOnly: 'Sample only, no cash reward',
    failed: 'Could not work out the reward: {{text}}',
  },
  net: {
    fees: 'On the highest reward of {{gross}}, after deducting {{fees}} you take home {{net}}',
    noFees: 'On the highest reward of {{gross}}, no fees: you take home {{net}}',
    feeItem: '{{fee}} ({{rate}}%)',
  },
  warningsTitle: 'Before you send',
  warnings: {
    window_closed: 'The application window is not open today; the platform may refuse this.',
    slots_full: 'Every slot is taken; the platform may refuse this.',
    not_eligible: 'You do not meet a requirement: {{reason}}',
    already_applied:
      'You have already applied to this task (or the application is waiting to be sent).',
    unknown_task:
      'This task is not in the local task hall (not synced yet, or closed); the platform may refuse this.',
  },
  notEligiblePlain: 'You do not meet a requirement of this task.',
  platformDecides: 'The platform decides; you can still send it.',
  listSeparator: ', ',
  submit: 'Send application',
  checkFailed: 'Could not check the application: {{text}}',
  applyFailed: 'Could not send: {{text}}',
  result: {
    waiting: 'Queued: it will be sent as soon as the platform is reachable',
    sent: 'Applied',
    refused: 'The platform refused the application: {{reason}}',
  },
  refusals: {
    already_applied: 'already applied to this task',
    window_closed: 'the application window is closed',
    slots_full: 'every slot is taken',
    not_eligible: 'a requirement is not met',
    invalid: 'the application does not meet the requirements',
    other: 'reason code {{code}}',
    fields: '{{reason}} ({{fields}})',
  },
};
