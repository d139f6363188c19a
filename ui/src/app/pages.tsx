//! The pages of the app, in navigation order: the nav is built from this list and the
//! content area shows the selected entry's component.
//!
//! A page: a folder under `features/`, its namespace (with a `nav` label) registered in
//! `src/i18n/index.ts`, and one entry here. A page that pulls a heavy library loads with
//! `lazy`, so the cold start (the first page) parses none of it.

import {
  IconBox,
  IconCalendarClock,
  IconCrown,
  IconList,
  IconNoteMoney,
} from '@douyinfe/semi-icons';
import type { ParseKeys } from 'i18next';
import { type ComponentType, lazy, type ReactNode } from 'react';
import type { AppStatus } from '../bindings';
import { TaskHall } from '../features/taskHall/TaskHall';
import type { Namespace, TFor } from '../i18n';

/** What every page gets: the app status, loaded before any page but an `early` one shows. */
export interface PageProps {
  status: AppStatus;
}

export interface PageEntry {
  /** The navigation key, kept in `App`'s state. */
  key: string;
  icon: ReactNode;
  /** The nav label, with its namespace: `taskHall:nav`. */
  labelKey: Extract<ParseKeys<Namespace[]>, `${Namespace}:${string}`>;
  /** On the label (Semi's nav items take no data-testid); the e2e tests click it. */
  testId: string;
  /** The page itself: eager, or `lazy(() => import(…))`. */
  component: ComponentType<PageProps>;
  /**
   * Drawn at once, before the app status has loaded (its component takes `status`
   * undefined until then): the cold-start page, whose first rows need no status.
   */
  early?: true;
}

export const PAGES = [
  {
    // The cold-start page: eager, and drawn before the status arrives.
    key: 'tasks',
    icon: <IconList />,
    labelKey: 'taskHall:nav',
    testId: 'nav-tasks',
    component: TaskHall,
    early: true,
  },
  {
    // 我的合作: lazy like settlements, so the task hall's cold start parses none of it.
    key: 'campaigns',
    icon: <IconCalendarClock />,
    labelKey: 'campaigns:nav',
    testId: 'nav-campaigns',
    component: lazy(() =>
      import('../features/campaigns/CampaignsPage').then((m) => ({
        default: m.CampaignsPage,
      })),
    ),
  },
  {
    // 物流: lazy too; 我的合作 links to it (a card's parcel) and it back (a parcel's campaign).
    key: 'logistics',
    icon: <IconBox />,
    labelKey: 'logistics:nav',
    testId: 'nav-logistics',
    component: lazy(() =>
      import('../features/logistics/LogisticsPage').then((m) => ({
        default: m.LogisticsPage,
      })),
    ),
  },
  {
    // 权益中心: lazy, and it draws the star index with ECharts like settlements.
    key: 'rights',
    icon: <IconCrown />,
    labelKey: 'rights:nav',
    testId: 'nav-rights',
    component: lazy(() =>
      import('../features/rights/RightsPage').then((m) => ({
        default: m.RightsPage,
      })),
    ),
  },
  {
    // The Settlements page (and ECharts with it) loads on first use, so the task hall's
    // cold start parses none of it.
    key: 'settlements',
    icon: <IconNoteMoney />,
    labelKey: 'settlements:nav',
    testId: 'nav-settlements',
    component: lazy(() =>
      import('../features/settlements/SettlementsPage').then((m) => ({
        default: m.SettlementsPage,
      })),
    ),
  },
] as const satisfies readonly PageEntry[];

export type PageKey = (typeof PAGES)[number]['key'];

/** The entry of a navigation key; the first page for a key that is not one. */
export function pageOf(key: string): (typeof PAGES)[number] {
  return PAGES.find((p) => p.key === key) ?? PAGES[0];
}

/** The nav label of a page, in the current language. */
export function pageLabel(t: TFor, page: PageEntry): string {
  return t(page.labelKey);
}
