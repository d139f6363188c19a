//! Query keys and hooks of 我的合作. Everything lives under `['applications']`, the root
//! `app/dataEvents.tsx` refreshes when core says the applications changed (an action, the
//! outbox sender, the sync): nothing here invalidates by hand after a mutation.

import { useQuery } from '@tanstack/react-query';
import { addressDisclosures, agenda, applications, outbox } from '../../shared/ipc';

/** The agenda's horizon, in days. */
export const AGENDA_DAYS = 14;

export const campaignKeys = {
  all: ['applications'] as const,
  list: ['applications', 'list'] as const,
  outbox: ['applications', 'outbox'] as const,
  /** Every agenda horizon: it shows the rights center's dates too. */
  agendas: ['applications', 'agenda'] as const,
  agenda: (days: number) => ['applications', 'agenda', days] as const,
  disclosures: ['applications', 'disclosures'] as const,
};

export function useApplications() {
  return useQuery({ queryKey: campaignKeys.list, queryFn: applications });
}

export function useOutbox() {
  return useQuery({ queryKey: campaignKeys.outbox, queryFn: outbox });
}

export function useAgenda(days = AGENDA_DAYS) {
  return useQuery({ queryKey: campaignKeys.agenda(days), queryFn: () => agenda(days) });
}

/** Which brand has the creator's address (R-REVIEW-4), newest first. */
export function useAddressDisclosures() {
  return useQuery({ queryKey: campaignKeys.disclosures, queryFn: addressDisclosures });
}
