//! The words and figures of 权益中心, pure so they are testable without a page: a
//! requirement's value against its threshold, a benefit's name and expiry, the codes core
//! sends as plain strings (an agency's channel, a featured case's status, the reward
//! tracker's channel) and the calendar arithmetic of China days.

import type { BenefitView, RequirementView, RightsSubject } from '../../bindings';
import type { TFor } from '../../i18n';
import { formatCount, formatMoney } from '../../shared/format';

/** `AgencyView.channel`. */
export const AGENCY_CHANNELS = ['high_level_creators', 'monthly_gmv'] as const;
export type AgencyChannel = (typeof AGENCY_CHANNELS)[number];

/** `FeaturedCaseView.status`. */
export const CASE_STATUSES = ['under_review', 'live'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** `RewardTrackerView.better`. */
export const REWARD_CHANNELS = ['short_video', 'live'] as const;
export type RewardChannel = (typeof REWARD_CHANNELS)[number];

/** A string core sends as one of `list`, or null for one this version does not know. */
export function codeOf<C extends string>(list: readonly C[], value: string | null): C | null {
  return value !== null && (list as readonly string[]).includes(value) ? (value as C) : null;
}

/** A benefit expiring within this many days is urgent. */
export const URGENT_DAYS = 7;

/** `RequirementView.op` as written: "≥", ">", nothing for a yes/no item. */
const OPS: Record<string, string> = { '>=': '≥', '>': '>', is: '' };

export const YES = '✓';
export const NO = '✗';

/** Whether a requirement is a yes/no item (profile complete). */
export function isYesNo(req: RequirementView): boolean {
  return req.op === 'is';
}

/** "32,000 / > 300,000"; a yes/no item is ✓ or ✗. */
export function requirementValue(req: RequirementView): string {
  if (isYesNo(req)) return req.met ? YES : NO;
  const op = OPS[req.op] ?? req.op;
  return `${formatCount(req.have)} / ${op} ${formatCount(req.need)}`;
}

/**
 * How far along a requirement is, 0–100: have / need, capped at 100. One not met never
 * shows full (`> 10,000` with exactly 10,000 is not there yet); a yes/no item is all or
 * nothing.
 */
export function requirementPercent(req: RequirementView): number {
  if (req.met) return 100;
  if (isYesNo(req) || req.need <= 0) return 0;
  return Math.min(99, Math.floor((req.have / req.need) * 100));
}

/** A benefit's name: its kind in the current language, the platform's name for `other`
 * (a card, or a rights date's subject). */
export function benefitName(t: TFor, b: Pick<BenefitView, 'kind' | 'kind_name'>): string {
  return b.kind === 'other' && b.kind_name !== '' ? b.kind_name : t(`rights:kinds.${b.kind}`);
}

/**
 * What a rights date is about (a reminder, the agenda) in the current language: a card
 * with its value and whether it is still to claim or claimed and not used (two cards of
 * one kind and value may expire the same day), or the level and the works it still needs.
 * `fallback` (core's Chinese name) when core sent no subject.
 */
export function rightsSubjectText(
  t: TFor,
  subject: RightsSubject | null,
  fallback: string,
): string {
  if (subject === null) return fallback;
  if (subject.subject === 'level') {
    return t('common:reminder.levelSubject', { level: subject.level, count: subject.posts_needed });
  }
  const name = benefitName(t, subject);
  const card = subject.value === null ? name : `${name} ${formatMoney(subject.value)}`;
  return t(subject.claimed ? 'common:reminder.cardClaimed' : 'common:reminder.cardToClaim', {
    card,
  });
}

/** 还剩 4 天 / 今天到期 / 长期有效, or the day it expired on. */
export function expiryText(t: TFor<'rights'>, b: BenefitView): string {
  if (b.expires_on === null) return t('benefits.noExpiry');
  if (b.days_left === null) return t('benefits.expiresOn', { date: b.expires_on });
  if (b.days_left === 0) return t('benefits.today');
  return t('benefits.daysLeft', { count: b.days_left });
}

/** Whether a benefit still to use expires within [`URGENT_DAYS`]. */
export function isUrgent(b: BenefitView): boolean {
  return b.days_left !== null && b.days_left <= URGENT_DAYS;
}

/** `YYYY-MM-DD` → `MM-DD`. */
export function monthDay(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day.slice(5) : day;
}

/** Whole days from one `YYYY-MM-DD` to another (negative when `to` is before `from`). */
export function daysBetween(from: string, to: string): number {
  const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** Hundredths of an index value, rounded half away from zero, without the sign. */
function hundredths(value: number): number {
  return Math.round(Math.abs(value) * 100);
}

/**
 * An index value as the platform shows it, always 2 decimals: "83.60", "62.80" (a row of
 * values with a trimmed "62.8" beside "70.24" read as different precisions).
 */
export function formatIndex(value: number): string {
  const text = (hundredths(value) / 100).toFixed(2);
  return value < 0 && text !== '0.00' ? `-${text}` : text;
}

/** A change with its sign: "+0.40", "-1.25", "0.00". */
export function formatChange(value: number): string {
  const text = formatIndex(Math.abs(value));
  if (hundredths(value) === 0) return text;
  return value > 0 ? `+${text}` : `-${text}`;
}

export type Trend = 'up' | 'down' | 'flat';

export function trendOf(change: number): Trend {
  if (hundredths(change) === 0) return 'flat';
  return change > 0 ? 'up' : 'down';
}
