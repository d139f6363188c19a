import type { SyncMessages } from './zh-CN';

export const en: SyncMessages = {
  done_one: 'Sync finished: {{count}} task updated, {{removed}} removed',
  done_other: 'Sync finished: {{count}} tasks updated, {{removed}} removed',
  failed: 'Sync failed: {{text}}',
  lastSynced: 'Last synced: {{when}}',
  neverSynced: 'never synced',
  agoNow: 'just now',
  agoMinutes_one: '{{count}} minute ago',
  agoMinutes_other: '{{count}} minutes ago',
  agoHours_one: '{{count}} hour ago',
  agoHours_other: '{{count}} hours ago',
  agoDays_one: '{{count}} day ago',
  agoDays_other: '{{count}} days ago',
  sync: 'Sync',
  syncing: 'Syncing…',
  indexing: 'Building the search index…',
  syncProgress: 'Synced {{applied}} / {{total}}',
  banner: {
    offline: 'Cannot reach the platform — showing the data of the last sync (offline)',
    signIn: 'Your platform sign-in has expired. Enter a new access token in Settings.',
    openSettings: 'Open settings',
    other: 'The last sync failed: {{text}} (error code {{code}})',
  },
};
