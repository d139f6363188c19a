//! Query keys and hooks of the creator's profile (settings' 收货地址, 常用文案, 提醒 tabs).
//! Addresses and snippets live under `['address_book']`, the reminder settings under
//! `['reminders']`: core's `data_changed` event for those areas refreshes them
//! (`app/dataEvents.tsx`); nothing here invalidates by hand after a mutation. The regions
//! never change while the app runs: loaded once, kept for good.

import { useQuery } from '@tanstack/react-query';
import { address, addresses, regions, reminderSettings, snippets } from '../../shared/ipc';
import { regionIndex } from './regionTree';

export const profileKeys = {
  addressBook: ['address_book'] as const,
  addresses: ['address_book', 'addresses'] as const,
  address: (id: string) => ['address_book', 'address', id] as const,
  snippets: ['address_book', 'snippets'] as const,
  reminders: ['reminders'] as const,
  regions: ['regions'] as const,
};

export function useAddresses() {
  return useQuery({ queryKey: profileKeys.addresses, queryFn: addresses });
}

/** One address in full (phone and street), for its edit dialog only: dropped from the
 * cache as soon as the dialog closes. */
export function useAddress(id: string | null) {
  return useQuery({
    queryKey: profileKeys.address(id ?? ''),
    queryFn: () => address(id ?? ''),
    enabled: id !== null,
    gcTime: 0,
  });
}

/** The GB/T 2260 tree as the region picker wants it (`regionIndex`, computed once). */
export function useRegions() {
  return useQuery({
    queryKey: profileKeys.regions,
    queryFn: regions,
    select: regionIndex,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

export function useSnippets() {
  return useQuery({ queryKey: profileKeys.snippets, queryFn: snippets });
}

export function useReminderSettings() {
  return useQuery({ queryKey: profileKeys.reminders, queryFn: reminderSettings });
}
