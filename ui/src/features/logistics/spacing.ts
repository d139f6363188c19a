//! kuaidi100 locks a tracking number asked more often than about once every 30 minutes
//! (`../shared/reference/kuaidi100.md`), and the background check keeps to that. A
//! creator's "Refresh now" asks at once (core's `force`); within those 30 minutes of the
//! last time the service answered, the window asks the creator first.

import type { ParcelView } from '../../bindings';

/** The least time between two asks of one number, as core's `QUERY_SPACING`. */
export const QUERY_SPACING_MS = 30 * 60 * 1000;

/**
 * When the service was last asked about `p`, if that was less than 30 minutes before
 * `now` (ms since the epoch); `null` when asking now cannot lock the number.
 */
export function askedRecently(p: ParcelView, now: number): string | null {
  if (p.last_queried_at === null) return null;
  const at = Date.parse(p.last_queried_at);
  if (!Number.isFinite(at)) return null;
  return now - at < QUERY_SPACING_MS ? p.last_queried_at : null;
}
