//! Query keys and hooks of the application form. Its two questions to core have roots of
//! their own, named in `AREA_QUERIES` (`app/dataEvents.tsx`) for every area they read:
//! the check (the task, the creator, the saved address, the applications and outbox) and
//! the reward preview (the task's scheme). Core's `data_changed` refreshes them; nothing
//! here invalidates by hand, and an apply is followed by core's event like any change.

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApplicationInput, RewardMeasure } from '../../bindings';
import { checkApplication, rewardAt } from '../../shared/ipc';

export const applyKeys = {
  checks: ['application_check'] as const,
  check: (input: ApplicationInput) => ['application_check', input] as const,
  rewards: ['reward_at'] as const,
  reward: (taskId: string, measure: RewardMeasure | null) =>
    ['reward_at', taskId, measure] as const,
};

/** Key and fetch of core's verdict on one version of the form (the submit asks afresh). */
export function checkQuery(input: ApplicationInput) {
  return { queryKey: applyKeys.check(input), queryFn: () => checkApplication(input) };
}

/** The verdict on the form as last settled; the previous one stays on screen meanwhile,
 * and an older answer never replaces a newer one (each version has its own key). */
export function useApplicationCheck(input: ApplicationInput) {
  return useQuery({ ...checkQuery(input), placeholderData: keepPreviousData, gcTime: 60_000 });
}

/** What the task pays at the measure entered; idle until one is. */
export function useRewardAt(taskId: string, measure: RewardMeasure | null) {
  return useQuery({
    queryKey: applyKeys.reward(taskId, measure),
    queryFn: () => (measure === null ? Promise.resolve(null) : rewardAt(taskId, measure)),
    enabled: measure !== null,
    gcTime: 60_000,
  });
}
