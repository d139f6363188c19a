//! The 我的合作 page rendered as its tests need it: the campaign fixtures, core's answers
//! to the card actions (the application kept, its area changed), and a navigation that
//! records where the page asked to go (and may hand it an application to show).

import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import type { ApplicationView } from '../../bindings';
import { type Focus, type Navigation, NavigationProvider } from '../../shared/navigation';
import * as fx from '../../test/campaignFixtures';
import { type Commands, mockEvents, mockIpc } from '../../test/ipcMock';
import { renderWithProviders } from '../../test/render';
import { CampaignsPage } from './CampaignsPage';

export function renderCampaignsPage(extra: Partial<Commands> = {}, focus: Focus | null = null) {
  const events = mockEvents();
  // As core does: the platform answers, the application is kept, the area changes.
  const kept = (id: string, patch: Partial<ApplicationView>): ApplicationView => {
    events.emit('data_changed', { areas: ['applications', 'status'] });
    const app = fx.applications.find((a) => a.id === id) ?? fx.shipped;
    return { ...app, ...patch };
  };
  const calls = mockIpc({
    applications: () => fx.applications,
    outbox: () => [],
    agenda: () => fx.agenda,
    withdraw_application: ({ id }) => kept(id, { status: 'withdrawn', can_withdraw: false }),
    report_receipt: ({ id }) => kept(id, { can_report_receipt: false }),
    report_content: ({ id }) => kept(id, { status: 'content_submitted' }),
    ...extra,
  });
  const navigation: Navigation = { go: vi.fn(), openSettings: vi.fn(), focus };
  const user = userEvent.setup();
  renderWithProviders(
    <NavigationProvider value={navigation}>
      <CampaignsPage />
    </NavigationProvider>,
  );
  return { calls, navigation, user };
}
