//! The UI's door to Rust: the generated command functions (one per command declared in
//! stardesk-core), `IpcError`, and core's events.
//!
//! Every rejection becomes an `IpcError` whose `code` the UI switches on; the `message` is
//! for logs only and is never parsed.

import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { APP_EVENT, type AppEvent, type ImportProgress, type SyncProgress } from '../bindings';

export * from '../bindings/commands';
export { call, IpcError, isErrorCode, toIpcError } from './call';

/**
 * For a `useEffect`: starts a Tauri event subscription and returns the cleanup, which
 * unsubscribes even when the subscription resolves after unmount. Outside a Tauri window
 * (a plain browser, jsdom) there are no events: nothing is subscribed, nothing throws.
 */
export function subscription(subscribe: () => Promise<UnlistenFn>): () => void {
  let unlisten: UnlistenFn | undefined;
  let disposed = false;
  let pending: Promise<UnlistenFn>;
  try {
    pending = subscribe();
  } catch {
    return () => {};
  }
  pending
    .then((stop) => {
      if (disposed) stop();
      else unlisten = stop;
    })
    .catch(() => {});
  return () => {
    disposed = true;
    unlisten?.();
  };
}

/** Subscribes to every event core emits; resolves to the function that unsubscribes. */
export function onAppEvent(handler: (event: AppEvent) => void): Promise<UnlistenFn> {
  return listen<AppEvent>(APP_EVENT, (event) => handler(event.payload));
}

/** Subscribes to sync progress; resolves to the function that unsubscribes. */
export function onSyncProgress(handler: (progress: SyncProgress) => void): Promise<UnlistenFn> {
  return onAppEvent((event) => {
    if (event.kind === 'sync_progress') handler(event);
  });
}

export function onImportProgress(handler: (progress: ImportProgress) => void): Promise<UnlistenFn> {
  return onAppEvent((event) => {
    if (event.kind === 'import_progress') handler(event);
  });
}
