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
