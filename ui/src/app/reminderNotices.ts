//! Core decides when a campaign reminder is due (desktop notifications cannot be scheduled
//! ahead) and says so with `reminders_due`; the window words it and shows it as an OS
//! notification, and in the window too, since the OS may have notifications turned off.
//! Reminders missed while the app was closed arrive at once (`caught_up`): one summary.
//! Parcel alerts come the same way (`parcel_alerts`, each alert once): one notification
//! each, worded by the window from the alert's code and figures, the carrier's code and
//! the leg. So do preferred invitations (`invitations_arrived`, each once, and again as a
//! dispatch's hour is almost over: `closing`), with the local time to accept by (R-PREF-4).

import {
  isPermissionGranted,
  requestPermission,
  sendNotification,
} from '@tauri-apps/plugin-notification';
import type { AppEvent, InvitationNotice, ParcelAlertNotice, ReminderNotice } from '../bindings';
import { alertSentence, carrierLabel } from '../features/logistics/alertText';
import { rightsSubjectText } from '../features/rights/rightsText';
import type { TFor } from '../i18n';
import { formatTime } from '../shared/format';

export type RemindersDue = Extract<AppEvent, { kind: 'reminders_due' }>;
export type ParcelAlerts = Extract<AppEvent, { kind: 'parcel_alerts' }>;
export type InvitationsArrived = Extract<AppEvent, { kind: 'invitations_arrived' }>;

export interface Message {
  title: string;
  body: string;
}

/** The most reminders named in one summary; the rest are counted. */
const SUMMARY_LINES = 5;

/** The most reminders due together that each come on their own; more come as one summary
 * (a toast and an OS notification each would cover the window). */
export const ON_TIME_SINGLY = 3;

/** One reminder: a campaign's date names its task first (「…」作品上传截止); a rights date
 * leads with what happens (权益卡到期：投稿任务收益保底卡 ¥50.00), its `rights` subject
 * naming the card or the level in the UI's language (`task_title`, core's Chinese name,
 * when it has none). */
function line(t: TFor, r: ReminderNotice): string {
  const args = {
    task:
      r.feature === 'rights'
        ? rightsSubjectText(t, r.rights, r.task_title)
        : r.task_title || r.brand,
    what: t(`common:timelineKeys.${r.key}`),
    date: r.due_on,
  };
  if (r.feature === 'rights') {
    return r.days_left <= 0
      ? t('common:reminder.rightsToday', args)
      : t('common:reminder.rightsAhead', { ...args, count: r.days_left });
  }
  return r.days_left <= 0
    ? t('common:reminder.today', args)
    : t('common:reminder.ahead', { ...args, count: r.days_left });
}

/** What to show for one `reminders_due` event: one message per reminder when a few come on
 * time, one summary when more came together or they were caught up at start. */
export function reminderMessages(t: TFor, event: RemindersDue): Message[] {
  const { reminders } = event;
  if (reminders.length === 0) return [];
  if (!event.caught_up && reminders.length <= ON_TIME_SINGLY) {
    return reminders.map((r) => ({
      title: t(r.feature === 'rights' ? 'common:reminder.rightsTitle' : 'common:reminder.title'),
      body: line(t, r),
    }));
  }
  const named = reminders.slice(0, SUMMARY_LINES).map((r) => line(t, r));
  const rest = reminders.length - named.length;
  if (rest > 0) named.push(t('common:reminder.more', { count: rest }));
  return [
    {
      title: t(event.caught_up ? 'common:reminder.caughtUpTitle' : 'common:reminder.manyTitle', {
        count: reminders.length,
      }),
      body: named.join('\n'),
    },
  ];
}

/** Whose parcel: the campaign, else the carrier (by its code in the current language) and
 * the number; a parcel going back to the brand says so. */
function parcelTitle(t: TFor, n: ParcelAlertNotice): string {
  const back = n.leg === 'return';
  if (n.task_title !== null && n.task_title !== '') {
    return t(back ? 'logistics:notice.campaignReturn' : 'logistics:notice.campaign', {
      task: n.task_title,
    });
  }
  if (n.tracking_no !== null) {
    return t(back ? 'logistics:notice.parcelReturn' : 'logistics:notice.parcel', {
      carrier: carrierLabel(t, n.carrier ?? '', n.carrier_name ?? ''),
      number: n.tracking_no,
    });
  }
  return t('logistics:notice.fallback');
}

/** One message per new parcel alert: whose parcel, and what to do, in the current
 * language (never core's English sentence). */
export function parcelAlertMessages(t: TFor, event: ParcelAlerts): Message[] {
  return event.alerts.map((n) => ({
    title: parcelTitle(t, n),
    body: alertSentence(t, n.alert),
  }));
}

/** What an invitation is: a dispatch whose hour is almost over, a new dispatch, or an
 * inquiry. */
function invitationTitle(t: TFor, n: InvitationNotice, closing: boolean): string {
  if (closing) return t('rights:notice.closing');
  return t(n.kind === 'inquiry' ? 'rights:notice.inquiry' : 'rights:notice.dispatch');
}

/** One message per invitation: whose order (brand · task) and, for a dispatch, the local
 * time to accept it by; an inquiry is answered in the rights center. */
export function invitationMessages(t: TFor, event: InvitationsArrived): Message[] {
  return event.invitations.map((n) => {
    const who = [n.brand, n.task_title].filter((s) => s !== '').join(' · ');
    const ask =
      n.respond_by !== null
        ? t('rights:notice.acceptBy', { time: formatTime(n.respond_by) })
        : t('rights:notice.reply');
    return { title: invitationTitle(t, n, event.closing), body: `${who}\n${ask}` };
  });
}

/** Shows a message as an OS notification, asking for the permission the first time.
 * Resolves to whether it was shown; never throws (the window shows it anyway). */
export async function showOsNotification(message: Message): Promise<boolean> {
  try {
    let granted = await isPermissionGranted();
    if (!granted) granted = (await requestPermission()) === 'granted';
    if (granted) sendNotification({ title: message.title, body: message.body });
    return granted;
  } catch {
    return false;
  }
}
