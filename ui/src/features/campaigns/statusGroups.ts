//! The filter of 我的合作: the platform's 14 statuses in the groups a creator thinks in.

import type { ApplicationStatus } from '../../bindings';

export const STATUS_GROUPS = ['all', 'pending', 'active', 'done', 'closed'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

/**
 * Where each status belongs: waiting for the brand (R-REVIEW-3); selected and under way
 * (sample, work, publishing); finished well (completed, the reward listed or paid);
 * ended without it (withdrawn, not selected, failed — R-REVIEW-13/14).
 */
export const GROUP_OF: Record<ApplicationStatus, Exclude<StatusGroup, 'all'>> = {
  submitted: 'pending',
  selected: 'active',
  shipped: 'active',
  delivered: 'active',
  content_submitted: 'active',
  content_rejected: 'active',
  content_approved: 'active',
  published: 'active',
  completed: 'done',
  reward_listed: 'done',
  reward_paid: 'done',
  withdrawn: 'closed',
  not_selected: 'closed',
  failed: 'closed',
};

export function inGroup(group: StatusGroup, status: ApplicationStatus): boolean {
  return group === 'all' || GROUP_OF[status] === group;
}

/** How many items fall in each group (`all` counts every one). */
export function groupCounts(items: readonly { status: ApplicationStatus }[]) {
  const counts = Object.fromEntries(STATUS_GROUPS.map((g) => [g, 0])) as Record<
    StatusGroup,
    number
  >;
  for (const item of items) {
    counts.all += 1;
    counts[GROUP_OF[item.status]] += 1;
  }
  return counts;
}
