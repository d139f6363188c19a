//! Moving between pages from inside one. `App` keeps which page shows; a page asks it to
//! show another with `go(page, id)`, handing that page an id to bring into view (an
//! application on 我的合作, a parcel on 物流), or opens 设置 on a tab. Each request gets a
//! new `seq`, so asking for the same id again brings it into view again. Outside `App`
//! (a page rendered alone in a test) nothing navigates.

import { createContext, useContext } from 'react';
import type { PageKey } from '../app/pages';
import type { SettingsTab } from '../features/account/SettingsSheet';

/** The id a page was opened to show. */
export interface Focus {
  page: PageKey;
  id: string;
  seq: number;
}

export interface Navigation {
  /** Shows `page`; with an `id`, that page brings it into view. */
  go: (page: PageKey, id?: string) => void;
  openSettings: (tab?: SettingsTab) => void;
  focus: Focus | null;
}

const NavigationContext = createContext<Navigation>({
  go: () => {},
  openSettings: () => {},
  focus: null,
});

export const NavigationProvider = NavigationContext.Provider;

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}

/** The focus handed to `page`, if it is the one the latest navigation asked it to show. */
export function useFocus(page: PageKey): Focus | null {
  const { focus } = useNavigation();
  return focus !== null && focus.page === page ? focus : null;
}
