//! A command's answer, in the cache at once and then read again.

import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Puts what a command answered under `queryKey` at once, then reads that query again.
 *
 * The answer is the state when core answered. A background job may change it right after
 * (the rights job sends a queued answer, the tracking job checks a parcel) and say so with
 * `data_changed`; the window's read for that event can land before the command's answer
 * does. Put last, the older answer would stay on screen with no event left to correct it
 * (an accepted invitation shown as 接单中 until the next change). The read started here,
 * after the answer is in, is never older than it.
 */
export function putAnswer<T>(
  client: QueryClient,
  queryKey: QueryKey,
  update: T | ((old: T | undefined) => T | undefined),
): Promise<void> {
  client.setQueryData<T>(queryKey, update);
  return client.invalidateQueries({ queryKey, exact: true });
}
