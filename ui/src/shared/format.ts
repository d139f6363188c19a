//! Display formatting for values that cross IPC as strings.
//!
//! Money arrives as a decimal string in yuan (the Rust side always sends two decimals).
//! It is formatted by rewriting the string — never by going through a JS number — so no
//! fen is ever lost or invented. Counts (followers, plays) are integers well under 2^53
//! and only ever displayed, so they may become numbers.

export type Lang = 'zh-CN' | 'en';

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** Groups an unsigned run of digits by thousands: "1288" → "1,288". */
export function groupDigits(digits: string): string {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  return trimmed.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Formats a yuan amount: "1288.50" → "¥1,288.50", "-200.00" → "-¥200.00", "7" → "¥7.00".
 * A string that is not a plain decimal is returned unchanged rather than guessed at.
 */
export function formatMoney(amount: string): string {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return amount;
  const [, sign = '', int = '0', frac = ''] = m;
  const fraction = frac.length >= 2 ? frac : frac.padEnd(2, '0');
  const negative = sign === '-' && !/^0+$/.test(int + fraction);
  return `${negative ? '-' : ''}¥${groupDigits(int)}.${fraction}`;
}

/**
 * A yuan amount inside a sentence, as the domain writes it: no thousands separator, the
 * sign before the `¥`: "2500.00" → "¥2500.00", "-40.00" → "-¥40.00", "7" → "¥7.00" (a
 * zero is never negative). A string that is not a plain decimal is returned unchanged.
 */
export function plainMoney(amount: string): string {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return amount;
  const [, sign = '', int = '0', frac = ''] = m;
  const digits = `${int}.${frac.length >= 2 ? frac : frac.padEnd(2, '0')}`;
  return `${sign === '-' && !isZeroAmount(digits) ? '-' : ''}¥${digits}`;
}

/** {@link plainMoney} with a `+` on a positive amount, for differences: "+¥40.00". */
export function signedMoney(amount: string): string {
  const plain = plainMoney(amount);
  return DECIMAL.test(amount.trim()) && !plain.startsWith('-') && !isZeroAmount(amount)
    ? `+${plain}`
    : plain;
}

/**
 * Like {@link formatMoney} but drops an all-zero fraction, for ranges and prize tables
 * where whole yuan are the norm: "1000.00" → "¥1,000", "99.90" → "¥99.90".
 */
export function formatMoneyShort(amount: string): string {
  const full = formatMoney(amount);
  return full.endsWith('.00') ? full.slice(0, -3) : full;
}

/** True when the decimal string is exactly zero ("0", "0.00"). */
export function isZeroAmount(amount: string): boolean {
  return /^[+-]?0+(?:\.0+)?$/.test(amount.trim());
}

/** A plain integer count with thousands separators: "100000" → "100,000". */
export function formatCount(count: string | number): string {
  const s = String(count).trim();
  return /^\d+$/.test(s) ? groupDigits(s) : s;
}

function compact(value: number, unit: string): string {
  const rounded = Math.round(value * 10) / 10;
  const text = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
  return `${text}${unit}`;
}

/**
 * Follower counts the way creators read them: 268000 → "26.8万" in zh-CN and "268K" in en.
 * Below one unit the count is shown in full ("9,800").
 */
export function formatFollowers(count: string | number, lang: Lang): string {
  const s = String(count).trim();
  if (!/^\d+$/.test(s)) return s;
  const n = Number(s);
  if (lang === 'zh-CN') {
    if (n >= 1e8) return compact(n / 1e8, '亿');
    // 99,995,000 would round to "10000万": promote it to the next unit instead.
    if (n >= 1e4) return n / 1e4 >= 9999.95 ? compact(n / 1e8, '亿') : compact(n / 1e4, '万');
    return groupDigits(s);
  }
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (let i = 0; i < units.length; i++) {
    const [size, unit] = units[i] as [number, string];
    if (n >= size) {
      const bigger = units[i - 1];
      if (bigger && n / size >= 999.95) return compact(n / bigger[0], bigger[1]);
      return compact(n / size, unit);
    }
  }
  return groupDigits(s);
}

/**
 * Checks a user-typed yuan amount and normalizes it for the wire: "  1288.5 " → "1288.5",
 * "¥1,000" → "1000". Returns null for an empty or malformed value (at most two decimals, no
 * sign). Commas only as thousands separators: "1,5" is most likely a decimal comma, and
 * dropping it would ask for ¥15 (as core's `parse_yuan` refuses it).
 */
export function normalizeYuanInput(raw: string): string | null {
  const s = raw.trim().replace(/^¥/, '');
  if (!/^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d{1,2})?$/.test(s)) return null;
  return s.replace(/,/g, '');
}

/** An RFC 3339 instant as local "YYYY-MM-DD HH:mm". */
export function formatInstant(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** How long ago an instant was, in whole units, for "last synced" labels. */
export type Ago =
  | { unit: 'now' }
  | { unit: 'minutes' | 'hours' | 'days'; count: number }
  | { unit: 'absolute'; text: string };

export function agoFrom(rfc3339: string, now: Date): Ago {
  const then = new Date(rfc3339);
  if (Number.isNaN(then.getTime())) return { unit: 'absolute', text: rfc3339 };
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return { unit: 'now' };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', count: hours };
  const days = Math.floor(hours / 24);
  if (days < 7) return { unit: 'days', count: days };
  return { unit: 'absolute', text: formatInstant(rfc3339) };
}

/** Text put into HTML (an ECharts tooltip is HTML): `<`, `&` and quotes escaped. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** An RFC 3339 instant as local "HH:mm", for a time within the day. */
export function formatTime(rfc3339: string): string {
  const full = formatInstant(rfc3339);
  return full === rfc3339 ? rfc3339 : full.slice(11);
}

/**
 * A decimal string grouped by thousands, its fraction kept as sent: "12345.67" →
 * "12,345.67", "3" → "3". A string that is not a plain decimal is returned unchanged.
 */
export function formatDecimal(value: string): string {
  const m = DECIMAL.exec(value.trim());
  if (!m) return value;
  const [, sign = '', int = '0', frac] = m;
  return `${sign === '-' ? '-' : ''}${groupDigits(int)}${frac === undefined ? '' : `.${frac}`}`;
}
