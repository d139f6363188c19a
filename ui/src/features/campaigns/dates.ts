//! Campaign dates are calendar days in China time (UTC+8), whatever the computer's zone.

/** Today in China time, `YYYY-MM-DD`. */
export function chinaToday(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * A day count from IPC. The generated `TimelineStep.days_left` says `bigint` (ts-rs's
 * default for `i64`), but JSON carries a plain number: either is read as a number.
 */
export function dayCount(value: bigint | number | null): number | null {
  return value === null ? null : Number(value);
}
