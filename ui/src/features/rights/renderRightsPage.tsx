//! The 权益中心 page rendered as its tests need it: the rights fixtures, core's answers to
//! the page's commands (a claim or an answer queued, the Stars plan switched, the planner
//! evaluated by R-LEVEL-2's table), and a navigation that records where the page asked to go.

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
  const calls = mockIpc({
    rights: () => fx.rightsView,
    refresh_rights: () => fx.rightsView,
    plan_level: ({ metrics }) => fx.report(metrics),
    benefits: () => fx.benefitsView,
    claim_benefit: ({ id }) => fx.claimed(id),
    invitations: () => fx.invitationsView,
    answer_invitation: ({ id, accept }) => fx.answered(id, accept),
    set_stars_plan: ({ member }) => ({ ...fx.invitationsView, stars_plan: member }),
    star_index: () => fx.starIndexView,
    agencies: () => fx.agencies,
    check_joining: ({ input }) => fx.joining(input),
    submit_featured_case: ({ text }) => ({
      text,
      status: 'under_review',
      submitted_at: fx.NOW,
    }),
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
