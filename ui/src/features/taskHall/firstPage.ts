//! The task hall's first page, asked for by the page's first script (an inline script in
//! `index.html`, before the app's bundle) while the bundle (React, Semi, every screen) is
//! still loading and parsing: by the time React renders, core has answered, and the
//! hall's first render has its rows instead of a spinner, a round trip and a second
//! render (`make bench`'s cold start). `queries.ts` seeds the query cache from it.

import type { TaskPage, TaskQuery } from '../../bindings';
import { EMPTY_FILTERS, toTaskFilter } from './filters';

/** A task-hall query without its paging: the identity of one result list. */
export type TaskFilter = Omit<TaskQuery, 'offset' | 'limit'>;

export const PAGE_SIZE = 100;

export function pageQuery(filter: TaskFilter, pageIndex: number): TaskQuery {
  return { ...filter, offset: pageIndex * PAGE_SIZE, limit: PAGE_SIZE };
}

/** The hall's list before anything is typed or picked: what it shows first. */
export const FIRST_FILTER: TaskFilter = toTaskFilter(EMPTY_FILTERS);

/** The early question (index.html): its answer once it came (`page`), and the promise of it. */
export interface EarlyPage {
  promise: Promise<TaskPage>;
  page?: TaskPage;
}

declare global {
  interface Window {
    __STARDESK_FIRST_PAGE__?: EarlyPage;
  }
}

/**
 * The early question, for the hall to use once; `null` if none was asked (outside a
 * Tauri window, in tests) or it was taken. On its failure the hall asks again itself
 * (`seedFirstPage`), so the reason is not kept.
 */
export function takeFirstPage(): EarlyPage | null {
  const early = window.__STARDESK_FIRST_PAGE__;
  delete window.__STARDESK_FIRST_PAGE__;
  return early ?? null;
}
