//! A dispatch's hour to accept (R-PREF-4), counted down on the local clock: core's
//! `seconds_left` is only as fresh as the last read, `respond_by` is exact.

import { useEffect, useState } from 'react';

/** Under this many seconds left, the countdown turns red. */
export const URGENT_SECONDS = 10 * 60;

/** Whole seconds from `now` (ms) to an RFC 3339 instant, never below 0; null for an
 * instant that does not parse. */
export function secondsUntil(rfc3339: string, now: number): number | null {
  const end = Date.parse(rfc3339);
  if (Number.isNaN(end)) return null;
  return Math.max(0, Math.floor((end - now) / 1000));
}

/** "mm:ss", or "h:mm:ss" from an hour up. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const p = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return h > 0 ? `${h}:${p(m)}:${p(rest)}` : `${p(m)}:${p(rest)}`;
}

/** The local clock (ms), ticking every second while `active`. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
