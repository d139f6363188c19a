//! The 权益中心 page rendered as its tests need it: the rights fixtures, core's answers to
//! the page's commands (a claim or an answer queued, the Stars plan switched, the planner
//! evaluated by R-LEVEL-2's table), and a navigation that records where the page asked to go.
//! As in core, a command changes what the reads return after it: the page reads again after
//! each answer it puts in its cache.

import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { type Navigation, NavigationProvider } from '../../shared/navigation';
import { type Commands, mockEvents, mockIpc } from '../../test/ipcMock';
import { renderWithProviders } from '../../test/render';
import * as fx from '../../test/rightsFixtures';
import { RightsPage } from './RightsPage';

export function renderRightsPage(
  extra: Partial<Commands> = {},
  options: { advanceTimers?: (ms: number) => unknown } = {},
) {
  const events = mockEvents();
  // What core has stored; each command below changes it as core does.
  let front = fx.rightsView;
  let wallet = fx.benefitsView;
  let invitations = fx.invitationsView;
  const calls = mockIpc({
    rights: () => front,
    refresh_rights: () => front,
    plan_level: ({ metrics }) => fx.report(metrics),
    benefits: () => wallet,
    claim_benefit: ({ id }) => {
      const card = fx.claimed(id);
      wallet = { ...wallet, items: wallet.items.map((b) => (b.id === id ? card : b)) };
      return card;
    },
    invitations: () => invitations,
    answer_invitation: ({ id, accept }) => {
      const answered = fx.answered(id, accept);
      invitations = {
        ...invitations,
        items: invitations.items.map((i) => (i.id === id ? answered : i)),
      };
      return answered;
    },
    set_stars_plan: ({ member }) => {
      invitations = { ...invitations, stars_plan: member };
      return invitations;
    },
    star_index: () => fx.starIndexView,
    agencies: () => fx.agencies,
    check_joining: ({ input }) => fx.joining(input),
    submit_featured_case: ({ text }) => {
      const featured = { text, status: 'under_review' as const, submitted_at: fx.NOW };
      front = { ...front, featured_case: featured };
      return featured;
    },
    ...extra,
  });
  const navigation: Navigation = { go: vi.fn(), openSettings: vi.fn(), focus: null };
  const user = userEvent.setup(
    options.advanceTimers === undefined ? {} : { advanceTimers: options.advanceTimers },
  );
  const view = renderWithProviders(
    <NavigationProvider value={navigation}>
      <RightsPage />
    </NavigationProvider>,
  );
  return { calls, events, navigation, user, ...view };
}
