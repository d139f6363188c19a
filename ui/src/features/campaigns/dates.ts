//! Campaign dates are calendar days in China time (UTC+8), whatever the computer's zone.

/** Today in China time, `YYYY-MM-DD`. China keeps UTC+8 all year (no summer time since
 * 1991), so this needs no time-zone data — which the Linux WebView lacks: there
 * `Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Shanghai'})` did not give `YYYY-MM-DD`. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
