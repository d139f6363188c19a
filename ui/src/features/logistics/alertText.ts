//! Alerts in words. Core sends each alert as a code with its figures (`days`, `hours`,
//! `date`, the shipping, arrival and ready days, `brand_fault`) and an English sentence for
//! the CLI; the window writes its own sentence from the code and the figures, in the
//! current language.

import type { ShipmentAlertCode, ShipmentAlertView } from '../../bindings';
import type { TFor } from '../../i18n';
import { isCarrier } from '../campaigns/carriers';

/** Waits from two days on read better in days: 30 → "30 小时", 75 → "3 天". */
const HOURS_SHOWN_UP_TO = 48;

export function waitText(t: TFor, hours: number): string {
  return hours < HOURS_SHOWN_UP_TO
    ? t('logistics:wait.hours', { count: hours })
    : t('logistics:wait.days', { count: Math.floor(hours / 24) });
}

/** What the creator should do about an alert, as one sentence. An alert missing the
 * figures its sentence needs is named instead. */
export function alertSentence(t: TFor, alert: ShipmentAlertView): string {
  const { code, days, hours, date, shipped_on, arrived_on, ready_on } = alert;
  const named = t(`logistics:alertNames.${code}`);
  switch (code) {
    case 'refused':
    case 'returned':
    case 'returning':
    case 'problem':
      return t(`logistics:alerts.${code}`);
    case 'delivered_unconfirmed':
    case 'uncollected_at_pickup_point':
    case 'no_new_event':
    case 'awaiting_pickup_too_long':
      return hours === null ? named : t(`logistics:alerts.${code}`, { wait: waitText(t, hours) });
    case 'return_due':
      if (days === null || date === null) return named;
      if (days === 0) return t('logistics:alerts.return_due_today', { date });
      return days > 0
        ? t('logistics:alerts.return_due_left', { date, count: days })
        : t('logistics:alerts.return_due_overdue', { date, count: -days });
    case 'not_shipped':
      return days === null || date === null
        ? named
        : t('logistics:alerts.not_shipped', { date, count: days });
    // R-REVIEW-10: the day it shipped, against the client-fault date.
    case 'shipped_late':
      return days === null || date === null || shipped_on === null
        ? named
        : t('logistics:alerts.shipped_late', { shipped: shipped_on, date, count: days });
    // R-REVIEW-13: the arrival (a sample still on its way: today, the earliest it can come)
    // and the day the content can be ready, against the upload deadline.
    case 'delivered_too_late':
      return days === null || date === null || arrived_on === null || ready_on === null
        ? named
        : t('logistics:alerts.delivered_too_late', {
            arrived: arrived_on,
            ready: ready_on,
            date,
            count: days,
          });
  }
}

/** The alerts the creator must act on at once (tell the brand, a date missed) are red;
 * the waits are amber. */
const URGENT: ReadonlySet<ShipmentAlertCode> = new Set<ShipmentAlertCode>([
  'refused',
  'returned',
  'returning',
  'problem',
  'delivered_too_late',
  'not_shipped',
]);

export function alertTone(alert: ShipmentAlertView): 'danger' | 'warning' {
  if (alert.code === 'return_due') return (alert.days ?? 0) < 0 ? 'danger' : 'warning';
  return URGENT.has(alert.code) ? 'danger' : 'warning';
}

/** A carrier by its kuaidi100 code in the current language; else the name core gave. */
export function carrierLabel(t: TFor, code: string, name: string): string {
  return isCarrier(code) ? t(`campaigns:carriers.${code}`) : name || code;
}
