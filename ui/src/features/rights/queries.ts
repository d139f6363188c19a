//! Query keys and hooks of 权益中心. Everything core's `rights` area covers (the level and
//! its forecast, the benefits and DOU+ ledger, invitations, the star index, agencies)
//! lives under `['rights']`, which `app/dataEvents.tsx` refreshes when core says it
//! changed. A command that answers with the new state (refresh, claim, answer, the Stars
//! plan switch, a featured case) puts it in the cache at once and reads it again
//! (`putAnswer`: the rights job may have sent the claim or answer already).

import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  BenefitsView,
  BenefitView,
  FeaturedCaseView,
  InvitationsView,
  InvitationView,
  RightsView,
} from '../../bindings';
import { agencies, benefits, invitations, rights, starIndex } from '../../shared/ipc';
import { putAnswer } from '../../shared/putAnswer';

/** The star index's horizon, in days. */
export const STAR_INDEX_DAYS = 90;

export const rightsKeys = {
  all: ['rights'] as const,
  view: ['rights', 'view'] as const,
  benefits: ['rights', 'benefits'] as const,
  invitations: ['rights', 'invitations'] as const,
  starIndex: (days: number) => ['rights', 'star_index', days] as const,
  agencies: ['rights', 'agencies'] as const,
};

/** The level card, the forecast, the reward tracker and the featured case. */
export function useRights() {
  return useQuery({ queryKey: rightsKeys.view, queryFn: rights });
}

/** The benefits wallet and the DOU+ ledger. */
export function useBenefits() {
  return useQuery({ queryKey: rightsKeys.benefits, queryFn: benefits });
}

export function useInvitations() {
  return useQuery({ queryKey: rightsKeys.invitations, queryFn: invitations });
}

export function useStarIndex(days = STAR_INDEX_DAYS) {
  return useQuery({ queryKey: rightsKeys.starIndex(days), queryFn: () => starIndex(days) });
}

export function useAgencies() {
  return useQuery({ queryKey: rightsKeys.agencies, queryFn: agencies });
}

/** A benefit as a claim left it (queued: `send_state` waiting), in the wallet at once. */
export function putBenefit(client: QueryClient, benefit: BenefitView): Promise<void> {
  return putAnswer(client, rightsKeys.benefits, (old: BenefitsView | undefined) =>
    old === undefined
      ? old
      : { ...old, items: old.items.map((b) => (b.id === benefit.id ? benefit : b)) },
  );
}

/** An invitation as an answer left it (queued), in the list at once. */
export function putInvitation(client: QueryClient, invitation: InvitationView): Promise<void> {
  return putAnswer(client, rightsKeys.invitations, (old: InvitationsView | undefined) =>
    old === undefined
      ? old
      : {
          ...old,
          items: old.items.map((i) => (i.id === invitation.id ? invitation : i)),
        },
  );
}

/** The featured case just submitted, on the level card at once. */
export function putFeaturedCase(client: QueryClient, featured: FeaturedCaseView): Promise<void> {
  return putAnswer(client, rightsKeys.view, (old: RightsView | undefined) =>
    old === undefined ? old : { ...old, featured_case: featured },
  );
}
