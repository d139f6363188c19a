//! The reminder lead days as the 提醒 tab offers them: core's default (3 days, 1 day, the
//! day itself) plus whatever is saved or added, distinct and longest first — the order core
//! keeps them in.

import type { TFor } from '../../i18n';

/** What core uses when nothing is saved (`ReminderPolicy::default`). */
export const DEFAULT_LEAD_DAYS: readonly number[] = [3, 1, 0];

/** `days` with `more` added: distinct, longest first. */
export function withLeads(days: readonly number[], more: readonly number[]): number[] {
  return [...new Set([...days, ...more])].sort((a, b) => b - a);
}

export function sameLeads(a: readonly number[], b: readonly number[]): boolean {
  const x = withLeads(a, []);
  const y = withLeads(b, []);
  return x.length === y.length && x.every((n, i) => n === y[i]);
}

/** A custom lead typed by the creator, when it is a whole number of days from 1 to `max`. */
export function customLead(raw: number | string, max: number): number | null {
  const n = typeof raw === 'number' ? raw : Number(raw.trim());
  if (typeof raw === 'string' && raw.trim() === '') return null;
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

/** 当天 / 1 天前 / 3 天前. */
export function leadLabel(t: TFor<'profile'>, days: number): string {
  return days === 0 ? t('reminders.sameDay') : t('reminders.leadDays', { count: days });
}
