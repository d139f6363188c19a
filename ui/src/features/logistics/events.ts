//! Carrier scans: their times are Beijing time as the carrier gave them
//! (`YYYY-MM-DD HH:MM:SS`), shown as given, to the minute.

import type { ShipmentEventView } from '../../bindings';

export function eventTime(time: string): string {
  return time.slice(0, 16);
}

/** Newest first, whatever order they came in (the time strings sort as text). */
export function newestFirst(events: readonly ShipmentEventView[]): ShipmentEventView[] {
  return [...events].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
}
