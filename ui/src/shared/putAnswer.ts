//! A command's answer, in the cache at once and then read again.

import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Puts what a command answered under `queryKey` at once, then reads that query again.
 *
 * The answer is the state when core answered. A background job may change it right after
 * (the rights job sends a queued answer, the tracking job checks a parcel) and say so with
 * `data_changed`; the window's read for that event can land before the command's answer
 * does. Put last, the older answer would stay on screen with no event left to correct it
 * (an accepted invitation shown as 接单中 until the next change). So a read still under
 * way is cancelled first (it may have started before the answer), and the read started
 * after the answer is in, on screen or not, is never older than it.
 */
export async function putAnswer<T>(
  client: QueryClient,
  queryKey: QueryKey,
  update: T | ((old: T | undefined) => T | undefined),
): Promise<void> {
  await client.cancelQueries({ queryKey, exact: true });
  client.setQueryData<T>(queryKey, update);
  await client.invalidateQueries({ queryKey, exact: true, refetchType: 'all' });
}
