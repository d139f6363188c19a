//! Core says when stored data changed (`data_changed` with its areas); this is the one
//! place the window refreshes what it caches because of it. A feature names the query
//! roots of each area it shows in `AREA_QUERIES`; no component invalidates by hand after a
//! mutation, but one that puts a command's answer in its cache reads it again
//! (`shared/putAnswer.ts`: this refresh may have landed first). A background job's
//! failure is shown here too, and so are due reminders, new parcel alerts and preferred
//! invitations that arrived (`reminderNotices.ts`).

import { type QueryClient, type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppEvent, DataArea, JobKind } from '../bindings';
import { applyKeys } from '../features/apply/queries';
import { chinaToday } from '../features/campaigns/dates';
import { campaignKeys } from '../features/campaigns/queries';
import { logisticsKeys } from '../features/logistics/queries';
import { profileKeys } from '../features/profile/queries';
import { rightsKeys } from '../features/rights/queries';
import { settleKeys } from '../features/settlements/queries';
import { refreshEarlyFirstPage, taskKeys } from '../features/taskHall/queries';
import { statusKey } from '../shared/appStatus';
import { eventsListening, onAppEvent, subscription } from '../shared/ipc';
import { useNotify, type Words } from '../shared/notify';
import {
  type InvitationsArrived,
  invitationMessages,
  type Message,
  type ParcelAlerts,
  parcelAlertMessages,
  type RemindersDue,
  reminderMessages,
  showOsNotification,
} from './reminderNotices';

/** The cached queries that show each area of the stored data. */
export const AREA_QUERIES: Record<DataArea, readonly QueryKey[]> = {
  // The application form's check reads the task (window, slots, eligibility) and its reward
  // preview the task's scheme.
  tasks: [
    taskKeys.allTasks,
    taskKeys.allDetails,
    taskKeys.facets,
    applyKeys.checks,
    applyKeys.rewards,
  ],
  // The creator's followers and agency, which the form's eligibility warnings read.
  status: [statusKey, applyKeys.checks],
  settlements: [settleKeys.all],
  // Addresses and snippets (the application form and Settings read them).
  address_book: [profileKeys.addressBook, applyKeys.checks],
  // Applications, the outbox and the agenda; the form's `already_applied`.
  applications: [['applications'], applyKeys.checks],
  reminders: [profileKeys.reminders],
  // Parcels, their events and alerts, the tracking account and thresholds; and the
  // applications, whose shipments show their parcel's state and last event.
  logistics: [logisticsKeys.all, ['applications']],
  // The level, benefits, dispatches, star index, invitations and agencies; and the agenda,
  // which lists a benefit card's expiry and the day the level would drop.
  rights: [rightsKeys.all, campaignKeys.agendas],
};

/** Jobs whose failure the window already shows elsewhere: the sync (its progress and the
 * status banner) and the rights center's minute watch (the page shows when it last synced
 * and its refresh button says why it cannot; offline it would toast every retry). */
const REPORTS_ITSELF: ReadonlySet<JobKind> = new Set<JobKind>(['sync', 'rights']);

/** Marks every query of these areas stale; the ones on screen are read again. */
export function refreshAreas(client: QueryClient, areas: readonly DataArea[]): Promise<unknown> {
  return Promise.all(
    areas.flatMap((area) =>
      AREA_QUERIES[area].map((queryKey) => client.invalidateQueries({ queryKey })),
    ),
  );
}

/** What the window does with one of core's events besides progress bars. */
export function handleAppEvent(
  client: QueryClient,
  event: AppEvent,
  jobFailed: (event: Extract<AppEvent, { kind: 'job_failed' }>) => void,
  remindersDue: (event: RemindersDue) => void = () => {},
  parcelAlerts: (event: ParcelAlerts) => void = () => {},
  invitationsArrived: (event: InvitationsArrived) => void = () => {},
): void {
  if (event.kind === 'data_changed') void refreshAreas(client, event.areas);
  if (event.kind === 'job_failed') jobFailed(event);
  if (event.kind === 'reminders_due') remindersDue(event);
  if (event.kind === 'parcel_alerts') parcelAlerts(event);
  if (event.kind === 'invitations_arrived') invitationsArrived(event);
}

/** Subscribes the window to core's events for as long as the app is mounted. */
export function useDataEvents(): void {
  const client = useQueryClient();
  const notify = useNotify('common');
  const { t } = useTranslation('common');
  // One subscription for the app's life: re-subscribing whenever a dependency changed
  // identity would leave a gap (listening is asynchronous) in which an event — a sync's
  // end, an outbox item sent — is lost and the window shows stale data. The handler
  // reads the latest client, toasts and words through a ref.
  const latest = useRef({ client, notify, t });
  latest.current = { client, notify, t };
  useEffect(() => {
    // In the window (the OS may have notifications off) and as an OS notification.
    // The toast words each message again if the language changes while it shows.
    const show = (messages: Words<'common', Message[]>) => {
      messages(latest.current.t).forEach((message, i) => {
        latest.current.notify.info((t) => {
          const again = messages(t)[i] ?? message;
          return `${again.title}\n${again.body}`;
        });
        void showOsNotification(message);
      });
    };
    return subscription(() =>
      onAppEvent((event) => {
        const { client: c, notify: n } = latest.current;
        handleAppEvent(
          c,
          event,
          (failed) => {
            if (REPORTS_ITSELF.has(failed.job)) return;
            n.error((t) =>
              t('jobFailed', {
                job: t(`jobs.${failed.job}`),
                text: t(`errors.${failed.error.code}`),
              }),
            );
          },
          (due) => show((t) => reminderMessages(t, due)),
          (alerts) => show((t) => parcelAlertMessages(t, alerts)),
          (arrived) => show((t) => invitationMessages(t, arrived)),
        );
      }).then((unlisten) => {
        // Listening now: the task hall's first page, asked before (firstPage.ts), is
        // asked again, in case a sync changed it unheard; and the shell sends the notices
        // it held meanwhile (the reminders missed while the app was closed, the alerts
        // due at start), which core marked told as it emitted them.
        refreshEarlyFirstPage(latest.current.client);
        eventsListening().catch(() => {});
        return unlisten;
      }),
    );
  }, []);
}

/**
 * Calls `onNewDay` once China's calendar day (the platform's, `chinaToday`) has changed,
 * looking every `everyMs`; returns the stop. A timer to midnight would come late after the
 * computer slept; a look each minute does not.
 */
export function watchChinaDay(
  onNewDay: () => void,
  now: () => Date = () => new Date(),
  everyMs = 60_000,
): () => void {
  let day = chinaToday(now());
  const id = setInterval(() => {
    const today = chinaToday(now());
    if (today !== day) {
      day = today;
      onNewDay();
    }
  }, everyMs);
  return () => clearInterval(id);
}

/**
 * At China's midnight every area is read again: core works out eligibility and application
 * windows, the deadline filter, countdowns and days left from today's date, and no data
 * change announces a new day.
 */
export function useNewDayRefresh(): void {
  const client = useQueryClient();
  useEffect(
    () =>
      watchChinaDay(() => {
        void refreshAreas(client, Object.keys(AREA_QUERIES) as DataArea[]);
      }),
    [client],
  );
}

/** Mounts [`useDataEvents`] inside the providers it needs. */
export function DataEvents() {
  useDataEvents();
  useNewDayRefresh();
  return null;
}
