//! Query keys and hooks of 物流. What core's `logistics` area covers (parcels, their events
//! and alerts, the tracking account, the thresholds) lives under `['logistics']`, which
//! `app/dataEvents.tsx` refreshes when core says it changed; nothing here invalidates by
//! hand after a mutation. The carrier list never changes while the app runs, and a
//! number's guesses are asked once per number: both live outside that root.

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  alertThresholds,
  carriers,
  guessCarriers,
  logistics,
  parcel,
  trackingSettings,
} from '../../shared/ipc';

export const logisticsKeys = {
  all: ['logistics'] as const,
  view: ['logistics', 'view'] as const,
  parcel: (id: string) => ['logistics', 'parcel', id] as const,
  tracking: ['logistics', 'tracking'] as const,
  thresholds: ['logistics', 'thresholds'] as const,
  carriers: ['carriers'] as const,
  guess: (number: string) => ['carrier_guess', number] as const,
};

/** Every parcel, the samples still to ship, and whether tracking is set up. */
export function useLogistics() {
  return useQuery({ queryKey: logisticsKeys.view, queryFn: logistics });
}

/** One parcel with every carrier event, newest first. */
export function useParcel(id: string | null) {
  return useQuery({
    queryKey: logisticsKeys.parcel(id ?? ''),
    queryFn: () => parcel(id ?? ''),
    enabled: id !== null,
  });
}

export function useCarriers() {
  return useQuery({
    queryKey: logisticsKeys.carriers,
    queryFn: carriers,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

/** The carriers a number may belong to, best first; nothing asked for a number too short
 * to tell. While the next number's answer comes, the last one stays. */
export function useCarrierGuess(number: string) {
  const trimmed = number.trim();
  return useQuery({
    queryKey: logisticsKeys.guess(trimmed),
    queryFn: () => guessCarriers(trimmed),
    enabled: trimmed.length >= MIN_GUESS_LENGTH,
    placeholderData: keepPreviousData,
  });
}

/** Shorter numbers are still being typed: no carrier can be told from them. */
export const MIN_GUESS_LENGTH = 6;

export function useTrackingSettings() {
  return useQuery({ queryKey: logisticsKeys.tracking, queryFn: trackingSettings });
}

export function useAlertThresholds() {
  return useQuery({ queryKey: logisticsKeys.thresholds, queryFn: alertThresholds });
}
