//! The 我的合作 page rendered as its tests need it: the campaign fixtures, and core's
//! answers to the card actions (the application kept, its area changed).

import userEvent from '@testing-library/user-event';
import type { ApplicationView } from '../../bindings';
import * as fx from '../../test/campaignFixtures';
import { type Commands, mockEvents, mockIpc } from '../../test/ipcMock';
import { renderWithProviders } from '../../test/render';
import { CampaignsPage } from './CampaignsPage';

export function renderCampaignsPage(extra: Partial<Commands> = {}) {
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
  const user = userEvent.setup();
  renderWithProviders(<CampaignsPage />);
  return { calls, user };
}
