//! The 物流 page rendered as its tests need it: the logistics fixtures, core's answers to
//! the parcel actions (the store changed, the `logistics` area with it), core's checks of a
//! typed parcel against those parcels and campaigns, and a navigation that records where
//! the page asked to go.

import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import type { ParcelView } from '../../bindings';
import { type Focus, type Navigation, NavigationProvider } from '../../shared/navigation';
import * as cmp from '../../test/campaignFixtures';
import { type Commands, mockEvents, mockIpc } from '../../test/ipcMock';
import * as fx from '../../test/logisticsFixtures';
import { renderWithProviders } from '../../test/render';
import { LogisticsPage } from './LogisticsPage';

export function renderLogisticsPage(extra: Partial<Commands> = {}, focus: Focus | null = null) {
  const events = mockEvents();
  const changed = () => events.emit('data_changed', { areas: ['logistics'] });
  const find = (id: string): ParcelView => fx.parcels.find((p) => p.id === id) ?? fx.silent;
  const calls = mockIpc({
    logistics: () => fx.view,
    parcel: ({ id }) => fx.detailOf(find(id)),
    track_parcel: ({ id }) => {
      changed();
      return fx.detailOf(find(id));
    },
    confirm_parcel_received: ({ id }) => {
      changed();
      return { ...find(id), received: true };
    },
    delete_parcel: () => {
      changed();
      return null;
    },
    check_parcel: ({ input, id }) =>
      fx.checkParcel(input, id, {
        parcels: fx.parcels,
        applications: cmp.applications.map((a) => a.id),
      }),
    carriers: () => fx.carriers,
    guess_carriers: () => [],
    applications: () => cmp.applications,
    ...extra,
  });
  const navigation: Navigation = { go: vi.fn(), openSettings: vi.fn(), focus };
  const user = userEvent.setup();
  const view = renderWithProviders(
    <NavigationProvider value={navigation}>
      <LogisticsPage />
    </NavigationProvider>,
  );
  return { calls, events, navigation, user, ...view };
}
